<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to plain text: the body's text, one block per paragraph-like element, blank line between.
  Notes are left out; of a choice, the corrected, regularized, expanded reading is kept.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="authorities" as="document-node()*" select="()"/>

  <xsl:template match="/">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="//tei:text"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()] ! normalize-space(), '&#10;&#10;')"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="tei:head | tei:p | tei:dateline | tei:salute | tei:signed | tei:ab
                       | tei:l | tei:item | tei:label | tei:trailer | tei:byline">
    <xsl:variable name="text" as="xs:string*">
      <xsl:apply-templates mode="inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($text)"/>
  </xsl:template>

  <xsl:template match="*">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:note | tei:teiHeader | tei:choice/tei:sic | tei:choice/tei:orig
                       | tei:choice/tei:abbr" mode="#all"/>
</xsl:stylesheet>
