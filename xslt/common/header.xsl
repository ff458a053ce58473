<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facts from the TEI header, as strings or elements, for any output format.

  In:  any node of a TEI document.
  Out: the document's title and subtitle (plain strings), its language, the date element that
       dates it, and bibliographic scopes in words. The header read is the one of the node's own
       TEI element: in a teiCorpus, each member's, not the corpus's.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:header($node as node()) as element()?        the teiHeader that describes the node
    tp:title($node as node()) as xs:string          main title ("Untitled document" if none)
    tp:subtitle($node as node()) as xs:string?
    tp:language($node as node()) as xs:string       xml:lang of the root or text, else the first
                                                    langUsage language, else "en"
    tp:document-date($node as node()) as element()? creation date, else the source's imprint
                                                    date, else the publication date
    tp:bibl-scope($scope as element()) as xs:string "vol. XVIII", "pp. 22–29"
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    exclude-result-prefixes="#all">

  <!-- The header that describes a node: its own TEI's (a member of a teiCorpus has one), else
       the document's. -->
  <xsl:function name="tp:header" as="element(tei:teiHeader)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[self::tei:TEI or self::tei:teiCorpus][1],
                           root($node)/*)[1]/tei:teiHeader"/>
  </xsl:function>

  <xsl:function name="tp:title" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="titles" select="tp:header($node)/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="((($titles[@type = ('main', 'complete')], $titles[not(@type)], $titles)
                            ! normalize-space(.))[.][1], 'Untitled document')[1]"/>
  </xsl:function>

  <xsl:function name="tp:subtitle" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(tp:header($node)/tei:fileDesc/tei:titleStmt
                            /tei:title[@type = ('sub', 'subtitle')] ! normalize-space(.))[.][1]"/>
  </xsl:function>

  <xsl:function name="tp:language" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)/*"/>
    <xsl:sequence select="((($root/@xml:lang, $root/tei:text/@xml:lang,
                            $root/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)
                            ! normalize-space(.))[.][1], 'en')[1]"/>
  </xsl:function>

  <xsl:function name="tp:document-date" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="header" select="tp:header($node)"/>
    <xsl:sequence select="($header/tei:profileDesc/tei:creation//tei:date,
                           $header/tei:fileDesc/tei:sourceDesc//tei:imprint/tei:date,
                           $header/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
  </xsl:function>

  <!-- A biblScope with its unit: "vol. XVIII", "no. 129", "doc. 11", "pp. 22–29" (as given
       when the text already says it: "p. 640", "(pt. 3)"). -->
  <xsl:function name="tp:bibl-scope" as="xs:string">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="text" select="normalize-space($scope)"/>
    <xsl:variable name="pages" select="matches($text, '[-–,]') or ($scope/@from and $scope/@to != $scope/@from)"/>
    <xsl:variable name="prefix" select="map{'volume': 'vol.', 'issue': 'no.', 'document': 'doc.',
        'chapter': 'ch.', 'page': if ($pages) then 'pp.' else 'p.', 'part': 'pt.'}($scope/@unit)"/>
    <xsl:sequence select="if ($prefix and not(starts-with($text, $prefix) or matches($text, '^[(\[]|^\p{L}+\.')))
                          then $prefix || ' ' || $text else $text"/>
  </xsl:function>
</xsl:stylesheet>
