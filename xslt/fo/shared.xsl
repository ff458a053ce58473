<?xml version="1.0" encoding="UTF-8"?>
<!--
  What both passes of the print edition share (part.xsl, one document's part; frame.xsl, the
  book around the parts): the format's parameters and their check, the fonts (scripts.xsl), and
  f:running-head.

  In:  the parameters the pipeline sets. Out: nothing of its own; declarations for the two
       entry stylesheets, which include this module.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:p="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <!-- Parameters. -->
  <xsl:param name="paper" as="xs:string" select="'A4'" p:values="A4 Letter"
      p:doc="Paper size: ISO A4 (210 × 297 mm) or US Letter (8.5 × 11 in)."/>
  <xsl:param name="margin-top" as="xs:string" select="'20mm'"
      p:doc="Page margin above the running head (a length: mm, cm, in, pt)."/>
  <xsl:param name="margin-bottom" as="xs:string" select="'22mm'"
      p:doc="Page margin below the text and footnotes."/>
  <xsl:param name="margin-inner" as="xs:string" select="'28mm'"
      p:doc="Margin on the binding side (left on odd pages, right on even pages)."/>
  <xsl:param name="margin-outer" as="xs:string" select="'36mm'"
      p:doc="Margin on the outer side of the page."/>
  <xsl:param name="font-size" as="xs:string" select="'10.5pt'"
      p:doc="Size of the body text; headings and notes are sized from it."/>
  <xsl:param name="reading" as="xs:string" select="'corr'" p:values="corr sic"
      p:doc="Which reading of a choice to print: the editor's (corr, reg, expan) or the source's own (sic, orig, abbr)."/>
  <xsl:param name="toc-depth" as="xs:integer" select="4"
      p:doc="How many levels of headings the table of contents lists (0: no contents)."/>
  <xsl:param name="index" as="xs:boolean" select="true()"
      p:doc="Print the index of names at the back."/>
  <xsl:param name="volume-title" as="xs:string" select="''"
      p:doc="Title of a volume that collects several documents (by default the source they all come from, if one, else 'Collected Sources')."/>

  <xsl:include href="scripts.xsl"/>

  <!-- FOP picks a font per word from these lists. The Noto fonts of the scripts that these lack
       are named by the runs of those scripts alone (scripts.xsl): FOP looks up every family of
       the list each element inherits, and the ten families of a list naming them all cost
       about an eighth of a volume's layout time. -->
  <xsl:variable name="f:fonts" as="xs:string" select="'Charis SIL, DejaVu Serif, DejaVu Sans'"/>
  <xsl:variable name="f:sans" as="xs:string" select="'DejaVu Sans, Charis SIL'"/>

  <xsl:template name="f:check-params">
    <xsl:variable name="length" select="'^\d+(\.\d+)?(mm|cm|in|pt|pc)$'"/>
    <xsl:variable name="problems" as="xs:string*" select="
      (if ($paper = ('A4', 'Letter')) then () else 'paper=' || $paper || ': choose A4 or Letter'),
      (if ($reading = ('corr', 'sic')) then () else 'reading=' || $reading || ': choose corr or sic'),
      (let $lengths := map{'margin-top': $margin-top, 'margin-bottom': $margin-bottom,
                           'margin-inner': $margin-inner, 'margin-outer': $margin-outer,
                           'font-size': $font-size}
       return for $m in sort(map:keys($lengths))
       return if (matches($lengths($m), $length)) then () else $m || '=' || $lengths($m) || ': expected a length such as 20mm, 1in or 10pt')"/>
    <xsl:if test="exists($problems)">
      <xsl:sequence select="error(xs:QName('f:params'), string-join($problems, '; '))"/>
    </xsl:if>
  </xsl:template>

  <!-- A running head: the short title where the source gives one, else the title's first words
       that fit in 70 characters (well within a line of the head), the punctuation before the
       cut left out; never a word cut, nor an ellipsis. -->
  <xsl:function name="f:running-head" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="short" as="xs:string?"/>
    <xsl:variable name="text" select="normalize-space(($short[normalize-space()], $title)[1])"/>
    <xsl:sequence select="if (string-length($text) le 70) then $text
                          else replace(substring($text, 1, 71), '[\s,;:.–—(-]+\S*$', '')"/>
  </xsl:function>

</xsl:stylesheet>
