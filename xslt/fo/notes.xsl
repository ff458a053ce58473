<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: footnotes at the foot of the page on which their marker stands.

  In:  tei:note in the text. Out: fo:footnote (a superscript marker and the note, its number
       and text kept on one line by a list block, so a note made of paragraphs or beginning
       with highlighting never loses its number), or a block or inline run for notes the
       source prints in the text (@place or @rend "inline").

  Labels are the common layer's, as in every format (../common/notes.xsl): the numbers printed
  (@n), the source note of a FRUS document (type="source", no @n) marked with its own sign (*),
  other notes without @n with the next (†, ‡). A note inside a footnote is printed in parentheses where it stands,
  as FO has no footnotes within footnotes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- 'inline', 'incident' (among speeches: in brackets where it stands), 'continuation'
       (printed with the note it continues), 'foot' or 'nested' (inside a footnote). -->
  <xsl:function name="f:note-kind" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="outer" select="if ($f:notes-nest) then $note/ancestor::note[1] else ()"/>
    <xsl:sequence select="
      if (tp:is-inline-note($note)) then 'inline'
      else if (tp:is-incident($note)) then 'incident'
      else if (tp:is-continuation($note)) then 'continuation'
      else if ($outer and f:note-kind($outer) != 'inline') then 'nested'
      else 'foot'"/>
  </xsl:function>

  <!-- Whether any note stands in another (most texts have none: then no ancestors are looked at). -->
  <xsl:variable name="f:notes-nest" as="xs:boolean" select="exists(//note//note)"/>

  <xsl:function name="f:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="f:note-kind($note) = ('foot', 'nested')"/>
  </xsl:function>

  <!-- The common layer's label: the numbers printed (@n) where they are unique, else 1, 2, ...
       with the source's own label before the note's text. -->
  <xsl:function name="f:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/ancestor::text) then tp:note-label($note) else normalize-space($note/@n)"/>
  </xsl:function>

  <!-- An app: the reading read, and its apparatus entry as a footnote marked a, b, c ... -->
  <xsl:template match="app" mode="inline">
    <xsl:apply-templates select="tp:read-children(., ())" mode="inline"/>
    <xsl:if test="tp:has-apparatus(.) and not(ancestor::app)">
      <xsl:call-template name="f:footnote">
        <xsl:with-param name="label" select="tp:app-label(.)"/>
        <xsl:with-param name="content" select="tp:apparatus-entry(.)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- An apparatus listed apart (listApp): an entry a line. -->
  <xsl:template match="listApp/app">
    <fo:block><xsl:value-of select="tp:listed-apparatus-entry(.)"/></fo:block>
  </xsl:template>

  <xsl:template match="app" mode="plain">
    <xsl:apply-templates select="tp:read-children(., ())" mode="plain"/>
  </xsl:template>

  <!-- Absolute, as a note's marker may stand in a heading. -->
  <xsl:variable name="f:note-size" as="xs:string" select="
    format-number(number(replace($font-size, '[a-z]+$', '')) * 0.84, '0.##') || replace($font-size, '^[\d.]+', '')"/>

  <!-- A note's look is its own, not that of the heading or spaced words it stands in. -->
  <xsl:attribute-set name="f:note-text">
    <xsl:attribute name="font-size" select="$f:note-size"/>
    <xsl:attribute name="letter-spacing" select="'normal'"/>
    <xsl:attribute name="text-transform" select="'none'"/>
    <xsl:attribute name="line-height" select="'1.3'"/>
    <xsl:attribute name="font-style" select="'normal'"/>
    <xsl:attribute name="font-weight" select="'normal'"/>
    <xsl:attribute name="font-family" select="$f:fonts"/>
    <xsl:attribute name="color" select="'black'"/>
    <xsl:attribute name="text-align" select="'justify'"/>
    <xsl:attribute name="text-align-last" select="'start'"/>
    <xsl:attribute name="text-indent" select="'0pt'"/>
    <xsl:attribute name="start-indent" select="'0pt'"/>
    <xsl:attribute name="end-indent" select="'0pt'"/>
    <xsl:attribute name="space-before" select="'2pt'"/>
  </xsl:attribute-set>

  <xsl:template match="note" mode="inline">
    <xsl:variable name="kind" select="f:note-kind(.)"/>
    <xsl:choose>
      <xsl:when test="$kind = 'inline'">
        <xsl:choose>
          <xsl:when test="f:has-blocks(.)">
            <xsl:apply-templates select="."/>
          </xsl:when>
          <xsl:otherwise>
            <fo:inline font-size="90%">
              <xsl:call-template name="f:id"/>
              <xsl:apply-templates mode="inline"/>
            </fo:inline>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$kind = 'nested'">
        <xsl:text> (</xsl:text>
        <fo:inline>
          <xsl:call-template name="f:id"/>
          <xsl:apply-templates mode="inline"/>
        </fo:inline>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:when test="$kind = 'continuation'"/>
      <xsl:otherwise>
        <xsl:variable name="label" select="f:note-label(.)"/>
        <xsl:variable name="content" as="item()*">
          <xsl:value-of select="tp:note-source-label(.)[$label] ! (. || ' ')"/>
          <xsl:call-template name="f:note-content"/>
          <xsl:for-each select="tp:continuations(.)">
            <xsl:text> </xsl:text>
            <xsl:call-template name="f:note-content"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="f:footnote">
          <xsl:with-param name="label" select="$label"/>
          <xsl:with-param name="content" select="$content"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A footnote: the marker, and the note's label and content at the foot of the page (an
       unlabelled note, a source note, without the label's column). The label's column is as
       wide as its digits (half an em each) and letters (apparatus labels such as "bw", nearer
       an em) need. -->
  <xsl:template name="f:footnote">
    <xsl:param name="label" as="xs:string?"/>
    <xsl:param name="content" as="item()*"/>
        <fo:footnote>
          <fo:inline baseline-shift="super" font-size="62%" font-style="normal" font-weight="normal">
            <xsl:value-of select="$label"/>
          </fo:inline>
          <fo:footnote-body>
            <xsl:choose>
              <xsl:when test="empty($label)">
                <fo:block xsl:use-attribute-sets="f:note-text">
                  <xsl:call-template name="f:id"/>
                  <xsl:sequence select="$content"/>
                </fo:block>
              </xsl:when>
              <xsl:otherwise>
                <fo:list-block xsl:use-attribute-sets="f:note-text"
                    provisional-distance-between-starts="{max((1.5, 0.55 * string-length($label)
                                                          + 0.3 * string-length(replace($label, '[0-9]', '')) + 0.6))}em"
                    provisional-label-separation="0.4em">
                  <xsl:call-template name="f:id"/>
                  <fo:list-item>
                    <fo:list-item-label end-indent="label-end()">
                      <fo:block text-align="end" text-align-last="end"><xsl:value-of select="$label"/></fo:block>
                    </fo:list-item-label>
                    <fo:list-item-body start-indent="body-start()">
                      <fo:block><xsl:sequence select="$content"/></fo:block>
                    </fo:list-item-body>
                  </fo:list-item>
                </fo:list-block>
              </xsl:otherwise>
            </xsl:choose>
          </fo:footnote-body>
        </fo:footnote>
  </xsl:template>

  <xsl:template name="f:note-content">
    <xsl:choose>
      <xsl:when test="f:has-blocks(.) and not(text()[normalize-space()])">
        <xsl:apply-templates select="* | text()[normalize-space()]"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note attached elsewhere (../common/notes.xsl) is a footnote where it is attached, after
       the element it is on, and nothing where it stands. -->
  <xsl:template match="note[tp:is-attached(.)]" mode="#default inline" priority="5">
    <xsl:param name="tp:placed" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$tp:placed">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[$tp:has-attached-notes][@xml:id][tp:attached-notes(.)]" mode="inline" priority="30">
    <xsl:next-match/>
    <xsl:apply-templates select="tp:attached-notes(.)" mode="inline">
      <xsl:with-param name="tp:placed" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A note standing between blocks: a note the source prints in the text is a block of its
       own; a footnote hangs on the paragraph before it, or, where there is none, on a line of
       its own. -->
  <xsl:template match="note">
    <xsl:choose>
      <xsl:when test="f:note-kind(.) = 'inline'">
        <fo:block font-size="90%" text-align="start"
            space-before="3pt" space-after="3pt">
          <xsl:if test="f:next(.)[self::head or self::note]">
            <xsl:attribute name="keep-with-next.within-page" select="'always'"/>
          </xsl:if>
          <xsl:call-template name="f:id"/>
          <xsl:call-template name="f:content"/>
        </fo:block>
      </xsl:when>
      <xsl:when test="f:note-kind(.) = 'continuation' or exists(f:note-host(.))"/>
      <xsl:otherwise>
        <fo:block>
          <xsl:apply-templates select="." mode="inline"/>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
