<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index of names at the back of the book: every person mentioned in the text, merged
  across the book's documents and sorted, with the pages of this edition on which each is
  mentioned ("Dulles, John Foster 1, 3–5").

  In:  the persons of the summaries ($f:parts/person: index key, name as indexed, sort key,
       the FO ids of the mentions in the text and in notes, made by summary.xsl) and, for the final pass of a PDF,
       $pages: <pages><id name="FO id" page="printed number" index="physical page, from 1"/>...</pages>,
       made by pipeline/pdf.py from FOP's first pass.
  Out: the index's page sequence. Without $pages (the `fo` format, and FOP's first pass) each
       mention is cited by fo:page-number-citation: the right pages, not yet merged.

  A person is one entry however the text names them and in however many documents: the
  mentions are those of tp:index-mentions (xslt/common/names.xsl), which the web edition's
  index counts too: mentions pointing to an entry of an authority file or of the document's own
  list of persons are merged under that entry's sorting name ("MacArthur, Douglas, II"); names
  pointing nowhere are entries by their words, inverted, marked "(unidentified)". An entry takes
  the name its first mention in the book gives it. A page where the entry is named only in
  notes is cited "23n".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:f="urn:x-teipipe:fo"
    exclude-result-prefixes="#all">

  <xsl:variable name="f:index-title" as="xs:string" select="'Index of Names'"/>

  <xsl:key name="f:page" match="id" use="@name"/>

  <xsl:template name="f:index-sequence">
    <fo:page-sequence master-reference="index-book" initial-page-number="auto-odd" force-page-count="no-force">
      <xsl:call-template name="f:static-content"/>
      <fo:flow flow-name="xsl-region-body" font-size="88%" line-height="1.3"
          text-align="start" text-align-last="start">
        <fo:block id="f-index" span="all" xsl:use-attribute-sets="f:part-heading">
          <fo:marker marker-class-name="section"><xsl:value-of select="$f:index-title"/></fo:marker>
          <xsl:value-of select="$f:index-title"/>
        </fo:block>
        <fo:block span="all" font-style="italic" space-after="6pt">A page number followed by n refers to a note on that page; an unidentified name points to no entry of a list of persons.</fo:block>
        <xsl:variable name="entries" as="map(*)*">
          <xsl:for-each-group select="$f:parts/person" group-by="@key">
            <xsl:sequence select="map{'name': string(@name), 'key': string(@sort), 'ids': current-group()/@ids ! tokenize(.),
                                      'note-ids': current-group()/@note-ids ! tokenize(.),
                                      'unidentified': every $p in current-group() satisfies $p/@unidentified = 'yes'}"/>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each-group select="$entries" group-by="upper-case(substring(?key, 1, 1))">
          <xsl:sort select="current-grouping-key()"/>
          <xsl:if test="matches(current-grouping-key(), '\p{L}')">
            <fo:block keep-with-next.within-column="always" font-weight="bold" space-before="8pt" space-after="2pt">
              <xsl:value-of select="current-grouping-key()"/>
            </fo:block>
          </xsl:if>
          <xsl:for-each select="current-group()">
            <xsl:sort select="?key"/>
            <xsl:sort select="?name"/>
            <fo:block margin-left="1.5em" text-indent="-1.5em">
              <xsl:value-of select="?name"/>
              <xsl:if test="?unidentified">
                <fo:inline font-style="italic"> (unidentified)</fo:inline>
              </xsl:if>
              <xsl:text> </xsl:text>
              <xsl:call-template name="f:index-pages">
                <xsl:with-param name="ids" select="?ids"/>
                <xsl:with-param name="note-ids" select="?note-ids"/>
              </xsl:call-template>
            </fo:block>
          </xsl:for-each>
        </xsl:for-each-group>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- The pages of an entry, runs of consecutive pages as ranges, each number a link; a page
       on which the entry is named only in notes is marked "n" ("23n") and stands alone. -->
  <xsl:template name="f:index-pages">
    <xsl:param name="ids" as="xs:string*"/>
    <xsl:param name="note-ids" as="xs:string*"/>
    <xsl:choose>
      <xsl:when test="empty($pages)">
        <xsl:for-each select="$ids, $note-ids">
          <xsl:if test="position() gt 1">, </xsl:if>
          <fo:page-number-citation ref-id="{.}"/>
          <xsl:if test=". = $note-ids">n</xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="hits" as="element(hit)*">
          <xsl:for-each-group select="($ids, $note-ids) ! key('f:page', ., $pages)" group-by="xs:integer(@index)">
            <xsl:sort select="current-grouping-key()"/>
            <hit name="{@name}" page="{@page}" note="{every $id in current-group()/@name satisfies $id = $note-ids}"/>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each-group select="$hits" group-adjacent="
            if (@page castable as xs:integer and @note = 'false') then string(xs:integer(@page) - position())
            else 'single ' || position()">
          <xsl:if test="position() gt 1">, </xsl:if>
          <fo:basic-link internal-destination="{current-group()[1]/@name}" fox:alt-text="page {current-group()[1]/@page}">
            <xsl:value-of select="current-group()[1]/@page"/>
          </fo:basic-link>
          <xsl:if test="current-group()[1]/@note = 'true'">n</xsl:if>
          <xsl:if test="count(current-group()) gt 1">
            <xsl:text>–</xsl:text>
            <fo:basic-link internal-destination="{current-group()[last()]/@name}" fox:alt-text="page {current-group()[last()]/@page}">
              <xsl:value-of select="current-group()[last()]/@page"/>
            </fo:basic-link>
          </xsl:if>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
