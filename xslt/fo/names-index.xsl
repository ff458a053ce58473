<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index of names at the back of the book: every person mentioned in the text, merged
  across the book's documents and sorted, with the pages of this edition on which each is
  mentioned ("Dulles, John Foster 1, 3–5").

  In:  the mentions of persons in $f:docs (persName, and rs or name for a person) and, for the
       final pass of a PDF, $pages: <pages><id name="FO id" page="printed number"
       index="physical page, from 1"/>...</pages>, made by pipeline/pdf.py from FOP's first pass.
  Out: the index's page sequence. Without $pages (the `fo` format, and FOP's first pass) each
       mention is cited by fo:page-number-citation: the right pages, not yet merged.

  A person is one entry however the text names them: mentions pointing to an entry of an
  authority file or of the document's own list of persons are merged under that entry's
  sorting name ("MacArthur, Douglas, II"); names pointing nowhere are entries as printed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="f:index-title" as="xs:string" select="'Index of Names'"/>

  <xsl:key name="f:page" match="Q{}id" use="@name"/>

  <!-- A mention of a person in the text: a persName, or an rs or name for a person (by its
       @type or the entry it points to); not the entry of a list of persons, which defines. -->
  <xsl:function name="f:is-mention" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="not($name/@xml:id) and (exists($name/self::persName)
                          or (exists($name/(self::rs | self::name)) and ($name/@type = 'person'
                              or (not($name/@type) and tp:name-type($name) = 'person'))))"/>
  </xsl:function>

  <!-- The entry a mention is indexed under: "entry KEY" for a name pointing to an entry,
       "name TEXT" for a name pointing nowhere. -->
  <xsl:function name="f:index-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(tp:entity($mention) ! ('entry ' || tp:entity-key(.)), 'name ' || f:plain($mention))[1]"/>
  </xsl:function>

  <xsl:function name="f:index-name" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(tp:entity($mention) ! tp:sort-name(.), f:inverted(f:plain($mention)))[1]"/>
  </xsl:function>

  <!-- A name printed forename first, inverted for the index: "Frank C. Lee" → "Lee, Frank C.".
       Names with a comma, of one word, or ending in a generational name stay as printed. -->
  <xsl:function name="f:inverted" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="words" select="tokenize($name)"/>
    <xsl:sequence select="
      if (count($words) lt 2 or contains($name, ',') or not(matches($words[last()], '^\p{Lu}\p{Ll}'))
          or $words[last()] = ('Jr.', 'Sr.')) then $name
      else $words[last()] || ', ' || string-join($words[position() lt last()], ' ')"/>
  </xsl:function>

  <!-- Sorted without regard to case or accents: Ōno with Ono. -->
  <xsl:function name="f:sort-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode($name, 'NFD'), '[\p{M}\p{P}]', ''))"/>
  </xsl:function>

  <xsl:template name="f:index-sequence">
    <xsl:variable name="mentions" select="$f:docs/*/text//(persName | rs | name)[f:is-mention(.)][f:printed(.)]"/>
    <fo:page-sequence master-reference="index-book" initial-page-number="auto-odd" force-page-count="no-force">
      <xsl:call-template name="f:static-content">
        <xsl:with-param name="book-title" select="$f:book-title"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body" font-size="88%" line-height="1.3"
          text-align="start" text-align-last="start">
        <fo:block id="f-index" span="all" xsl:use-attribute-sets="f:part-heading">
          <fo:marker marker-class-name="section"><xsl:value-of select="$f:index-title"/></fo:marker>
          <xsl:value-of select="$f:index-title"/>
        </fo:block>
        <xsl:if test="empty($mentions)">
          <fo:block span="all" font-style="italic" text-align="center">No person is named in the text.</fo:block>
        </xsl:if>
        <xsl:variable name="entries" as="map(*)*">
          <xsl:for-each-group select="$mentions" group-by="f:index-key(.)">
            <xsl:variable name="name" select="f:index-name(.)"/>
            <xsl:sequence select="map{'name': $name, 'key': f:sort-key($name), 'mentions': current-group()}"/>
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
              <xsl:text> </xsl:text>
              <xsl:call-template name="f:index-pages">
                <xsl:with-param name="mentions" select="?mentions"/>
              </xsl:call-template>
            </fo:block>
          </xsl:for-each>
        </xsl:for-each-group>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- The pages of an entry, runs of consecutive pages as ranges, each number a link. -->
  <xsl:template name="f:index-pages">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:choose>
      <xsl:when test="empty($pages)">
        <xsl:for-each select="$mentions">
          <xsl:if test="position() gt 1">, </xsl:if>
          <fo:page-number-citation ref-id="{f:id(.)}"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="ids" select="$mentions ! f:id(.)"/>
        <xsl:variable name="hits" as="element()*">
          <xsl:for-each-group select="$ids ! key('f:page', ., $pages)" group-by="xs:integer(@index)">
            <xsl:sort select="current-grouping-key()"/>
            <xsl:sequence select="current-group()[1]"/>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each-group select="$hits" group-adjacent="
            if (@page castable as xs:integer) then string(xs:integer(@page) - position()) else 'single ' || position()">
          <xsl:if test="position() gt 1">, </xsl:if>
          <fo:basic-link internal-destination="{current-group()[1]/@name}">
            <xsl:value-of select="current-group()[1]/@page"/>
          </fo:basic-link>
          <xsl:if test="count(current-group()) gt 1">
            <xsl:text>–</xsl:text>
            <fo:basic-link internal-destination="{current-group()[last()]/@name}">
              <xsl:value-of select="current-group()[last()]/@page"/>
            </fo:basic-link>
          </xsl:if>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
