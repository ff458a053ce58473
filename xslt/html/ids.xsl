<?xml version="1.0" encoding="UTF-8"?>
<!--
  The names of a document that point to an entry, worked out once per page: their ids (which
  the index pages link to) and, per entry, what every mention of it shows. Both the document
  page (html.xsl) and its record for the collection pages (summary.xsl) take ids from here, so
  they agree.

  In:  the principal source document (global tables over "/"), its $authorities.
  Out: $h:mention-numbers  generate-id of each name with @ref or @corresp → its ordinal among
                          those of its page (its id is its @xml:id, else "tp-name-N")
       $h:links            h:pointer-key of each such name that points to an entry → what its
                          link shows: map{'class', 'href', 'title'} (worked out once per pointer,
                          not per mention: a volume names the same few entries thousands of times)
  Functions (namespace urn:x-teipipe:html, prefix h):
    h:mention-id($name as element()) as xs:string
    h:pointer-key($name as element()) as xs:string   what the entry a name points to depends on
    h:entity-link($entity as element()) as map(xs:string, xs:string)
                          (in a volume, an entry of its own front matter links to that page;
                          an entry of a kind no index page lists, a work or an event, gets
                          no href: the name shows its title but links nowhere)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:include href="layout.xsl"/>

  <!-- Tables rather than per-mention function calls: a volume names thousands of times.
       One search per element name, put in document order by "| ()": in Saxon 13 ten times
       faster than the same names as one step, //(tei:persName | tei:placeName | ...). -->
  <xsl:variable name="h:names" as="element()*"
      select="(//tei:persName, //tei:placeName, //tei:orgName, //tei:rs, //tei:name)[@ref or @corresp] | ()"/>

  <xsl:variable name="h:mention-numbers" as="map(xs:string, xs:integer)" select="h:page-ordinals($h:names)"/>

  <!-- Each pointer resolved once, here, rather than again where the name is rendered: what a
       link shows is the same for every name with the same pointer (h:pointer-key). -->
  <xsl:variable name="h:links" as="map(xs:string, map(xs:string, xs:string))">
    <xsl:map>
      <xsl:for-each-group select="$h:names" group-by="h:pointer-key(.)">
        <xsl:variable name="key" select="current-grouping-key()"/>
        <xsl:for-each select="tp:entity(.)">
          <xsl:map-entry key="$key" select="h:entity-link(.)"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- What the entry a name points to depends on: its pointer, and for a pointer into another
       file, the name's base URI. -->
  <xsl:function name="h:pointer-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="pointer" select="string(($name/@ref, $name/@corresp)[1])"/>
    <xsl:sequence select="if (starts-with($pointer, '#') and not(contains($pointer, ' '))) then $pointer
                          else $pointer || ' ' || base-uri($name)"/>
  </xsl:function>

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
      'href': if ($h:split and root($entity) is root($h:page-divs[1])) then h:page-file($entity) || '#' || $entity/@xml:id
              else if (exists($h:pages[?type = $type])) then $h:up || h:index-page($type) || '#' || tp:entity-key($entity)
              else '',
      'title': string-join((tp:display-name($entity), tp:description($entity)), ' — ')}"/>
  </xsl:function>
</xsl:stylesheet>
