<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every character in a font that has it: the scripts that Charis SIL and DejaVu lack, each with
  the Noto font that sets it, and the pass that keeps each of those scripts in runs of its own.

  In:  the FO that part.xsl or frame.xsl makes (this module wraps their root template). Out: the
       same FO, each run of such a script in an fo:inline of its own, so that no word FOP sees
       mixes it with other text, its own font first; unchanged (and not copied) when the source has
       none of them.

  Why: FOP chooses the font of each word (text between spaces), not of each character: the
  first of the font-family list with the most of the word's characters. "ምዕራፍ፡a1" (an
  Ethiopic word and an apparatus number) went whole into Noto Serif Ethiopic, which has no
  "a" nor "1", and "ቤቱ.17e" whole into Charis, which has no Ethiopic. Charis and DejaVu share
  Latin, Greek and Cyrillic, so words mixing those find a font with every character already.
  The run is an fo:inline naming its font first because FOP takes its baseline from the first
  font of the list (of an fo:wrapper, from its parent's): an Ethiopic word in a list beginning
  with Charis stood half a line too high.
  Not in a run: what FOP prints as text only (fo:bookmark-title) and the metadata.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    exclude-result-prefixes="#all">

  <!-- Each script without a glyph in Charis SIL or DejaVu: its ISO 15924 code (FOP's script
       property, which pipeline/formats/fop.py reads to turn complex scripts on), its font (named
       in fop.xconf) and its characters (its Unicode blocks, as ranges: a block name such as
       \p{IsEthiopic} makes SaxonC print every block's name as it loads them). -->
  <xsl:variable name="f:script-fonts" as="map(xs:string, xs:string)+" select="
    map{'script': 'ethi', 'font': 'Noto Serif Ethiopic',
        'chars': '&#x1200;-&#x139F;&#x2D80;-&#x2DDF;&#xAB00;-&#xAB2F;'},
    map{'script': 'hebr', 'font': 'Noto Serif Hebrew', 'chars': '&#x0590;-&#x05FF;&#xFB1D;-&#xFB4F;'},
    map{'script': 'arab', 'font': 'Noto Naskh Arabic',
        'chars': '&#x0600;-&#x06FF;&#x0750;-&#x077F;&#x08A0;-&#x08FF;&#xFB50;-&#xFDFF;&#xFE70;-&#xFEFF;'},
    map{'script': 'syrc', 'font': 'Noto Sans Syriac', 'chars': '&#x0700;-&#x074F;'},
    map{'script': 'armn', 'font': 'Noto Serif Armenian', 'chars': '&#x0530;-&#x058F;&#xFB13;-&#xFB17;'},
    map{'script': 'geor', 'font': 'Noto Serif Georgian', 'chars': '&#x10A0;-&#x10FF;&#x2D00;-&#x2D2F;'},
    map{'script': 'deva', 'font': 'Noto Serif Devanagari', 'chars': '&#x0900;-&#x097F;&#xA8E0;-&#xA8FF;'}"/>

  <!-- A run of one of these scripts (words and the spaces between them), and any character of one. -->
  <xsl:variable name="f:script-run" as="xs:string"
      select="string-join($f:script-fonts ! ('([' || ?chars || ']+(?:\s+[' || ?chars || ']+)*)'), '|')"/>
  <xsl:variable name="f:script-char" as="xs:string"
      select="'[' || string-join($f:script-fonts?chars) || ']'"/>

  <!-- Wraps the stylesheet's own root template: its FO passes through f:script-runs when the
       source (a TEI document, or the parts' summaries, which hold names in attributes) has a
       character of these scripts in its text or its attributes. -->
  <xsl:template match="/" priority="10">
    <xsl:choose>
      <xsl:when test="matches(string(.), $f:script-char) or matches(string-join(//@*, ' '), $f:script-char)">
        <xsl:variable name="fo"><xsl:next-match/></xsl:variable>
        <xsl:apply-templates select="$fo" mode="f:script-runs"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:mode name="f:script-runs" on-no-match="shallow-copy"/>

  <!-- (A run made already is left: the frame copies FO that the parts made, for title pages.) -->
  <xsl:template match="text()[matches(., $f:script-char)]
                       [not(parent::fo:inline/@script = $f:script-fonts?script)]"
      mode="f:script-runs">
    <xsl:analyze-string select="." regex="{$f:script-run}">
      <xsl:matching-substring>
        <xsl:variable name="run" select="$f:script-fonts[(1 to count($f:script-fonts))[regex-group(.)][1]]"/>
        <fo:inline script="{$run?script}" font-family="{$run?font}, {$f:fonts}"><xsl:value-of select="."/></fo:inline>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <xsl:template match="fo:bookmark-title | fo:declarations" mode="f:script-runs">
    <xsl:copy-of select="."/>
  </xsl:template>

</xsl:stylesheet>
