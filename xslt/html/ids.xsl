<?xml version="1.0" encoding="UTF-8"?>
<!--
  The names of a document that point to an entry, worked out once per page: their ids (which
  the index pages link to) and, per entry, what every mention of it shows. Both the document
  page (html.xsl) and its record for the collection pages (summary.xsl) take ids from here, so
  they agree.

  In:  the principal source document (global tables over "/"), its $authorities.
  Out: $h:mention-numbers  generate-id of each name with @ref or @corresp → its ordinal among
                          them (its id is its @xml:id, else "tp-name-N")
       $h:mentions         generate-id of each name that points to an entry → what its link
                          shows: map{'id', 'class', 'href', 'title'} (the last three worked out
                          once per entry)
  Functions (namespace urn:x-teipipe:html, prefix h):
    h:mention-id($name as element()) as xs:string
    h:entity-link($entity as element()) as map(xs:string, xs:string)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- Tables rather than per-mention function calls: a volume names thousands of times.
       One search per element name, put in document order by "| ()": in Saxon 13 ten times
       faster than the same names as one step, //(tei:persName | tei:placeName | ...). -->
  <xsl:variable name="h:names" as="element()*"
      select="(//tei:persName, //tei:placeName, //tei:orgName, //tei:rs, //tei:name)[@ref or @corresp] | ()"/>

  <xsl:variable name="h:mention-numbers" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($h:names) return map{generate-id($h:names[$i]): $i})"/>

  <!-- Each pointer resolved once, here, rather than again where the name is rendered. -->
  <xsl:variable name="h:mentions" as="map(xs:string, map(xs:string, xs:string))">
    <xsl:map>
      <xsl:for-each-group select="$h:names" group-by="tp:entity(.) ! generate-id(.)">
        <xsl:variable name="link" select="h:entity-link(tp:entity(.))"/>
        <xsl:for-each select="current-group()">
          <xsl:map-entry key="generate-id(.)" select="map:put($link, 'id', h:mention-id(.))"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="h:mention-id" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if ($name/@xml:id) then string($name/@xml:id)
                          else 'tp-name-' || $h:mention-numbers(generate-id($name))"/>
  </xsl:function>

  <xsl:function name="h:entity-link" as="map(xs:string, xs:string)">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="type" select="tp:entity-type($entity)"/>
    <xsl:sequence select="map{
      'class': 'name name-' || $type,
      'href': h:index-page($type) || '#' || tp:entity-key($entity),
      'title': string-join((tp:display-name($entity), tp:description($entity)), ' — ')}"/>
  </xsl:function>
</xsl:stylesheet>
