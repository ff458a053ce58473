<?xml version="1.0" encoding="UTF-8"?>
<!--
  The image a graphic of the text shows, as the pipeline allowed it (pipeline/document.py, `graphics`).

  In:  $images, made by the pipeline for the principal document and the format: one
       <image n="N" src="ADDRESS"/> per graphic it shows, N its place among the document's
       graphic elements (from 1, in document order), ADDRESS what the format refers to it by
       (a file it publishes, or one it serves to FOP). A stylesheet never takes an address
       from the document itself: a graphic without an entry keeps its placeholder.
  Out: the address, the description that is its alternative text, and its size as given.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:image-src($graphic as element()) as xs:string?
    tp:image-description($graphic as element()) as element()?
                                           the figure's figDesc, else its head, else the
                                           graphic's desc
    tp:image-length($value as attribute()?) as xs:string?
                                           @width or @height, when it is a length CSS and
                                           XSL-FO both read (cm, mm, in, pt, pc, px, em, %)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:param name="images" as="document-node()?" select="()"/>
  <xsl:variable name="tp:principal" as="node()?" select="/"/>

  <!-- generate-id of each graphic of a document → its ordinal (counted once per document). -->
  <xsl:function name="tp:graphic-ordinals" as="map(xs:string, xs:integer)" cache="yes" visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="graphics" select="$root//tei:graphic"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($graphics) return map{generate-id($graphics[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="tp:image-src" as="xs:string?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:if test="exists($images) and root($graphic) is $tp:principal">
      <xsl:variable name="n" select="tp:graphic-ordinals(root($graphic))(generate-id($graphic))"/>
      <xsl:sequence select="$images/images/image[@n = $n][1]/@src/string()"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tp:image-description" as="element()?">
    <xsl:param name="graphic" as="element()"/>
    <xsl:variable name="figure" select="$graphic/parent::tei:figure"/>
    <xsl:sequence select="($figure/tei:figDesc, $figure/tei:head, $graphic/tei:desc)[normalize-space()][1]"/>
  </xsl:function>

  <xsl:function name="tp:image-length" as="xs:string?">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:sequence select="normalize-space($value)[matches(., '^\d+(\.\d+)?(cm|mm|in|pt|pc|px|em|%)$')]"/>
  </xsl:function>
</xsl:stylesheet>
