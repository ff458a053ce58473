<?xml version="1.0" encoding="UTF-8"?>
<!--
  Page breaks of the original: their numbers and ids, and the page any node of the text is on.

  In:  pb elements and other nodes of the principal source document.
  Out: the page number as printed ("23", "III", "[I]"; nothing for an unnumbered page such as
       FRUS's n="[]"), a stable id, and for any node the pb that began its page. Page breaks
       inside notes do not change the page of the main text.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:page-number($pb as element()) as xs:string?
    tp:pb-id($pb as element()) as xs:string                @xml:id, else "tp-page-N"
    tp:page-of($node as node()) as element()?              the pb before $node, if any (a
                                                           backward search: for indexes, not
                                                           for every node of a page)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- generate-id of each pb of a document → its ordinal (counted once per document). -->
  <xsl:function name="tp:pb-ordinals" as="map(xs:string, xs:integer)" cache="yes" visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="pbs" select="$root//tei:pb"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($pbs) return map{generate-id($pbs[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="tp:page-number" as="xs:string?">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="normalize-space($pb/@n)[not(. = ('', '[]'))]"/>
  </xsl:function>

  <xsl:function name="tp:pb-id" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="(string($pb/@xml:id)[.],
                           'tp-page-' || tp:pb-ordinals(root($pb))(generate-id($pb)))[1]"/>
  </xsl:function>

  <xsl:function name="tp:page-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/preceding::tei:pb[not(ancestor::tei:note)][1]"/>
  </xsl:function>
</xsl:stylesheet>
