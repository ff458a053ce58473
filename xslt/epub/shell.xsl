<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell of the e-book edition, in place of the web edition's (../html/page.xsl): no
  site banner, footer or web meta tags (a reading system has its own navigation); the book's
  one style sheet. Included by epub.xsl and index.xsl, after they import the web edition's
  stylesheets, so that these templates take precedence.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-teipipe:html"
    exclude-result-prefixes="#all">

  <xsl:template name="h:head">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="up" as="xs:string" select="''"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <head>
      <meta charset="utf-8"/>
      <title><xsl:value-of select="$title"/></title>
      <link rel="stylesheet" href="{$up}edition.css"/>
    </head>
  </xsl:template>

  <xsl:template name="h:banner">
    <xsl:param name="current" as="xs:string?" select="()"/>
    <xsl:param name="up" as="xs:string" select="''"/>
  </xsl:template>

  <xsl:template name="h:footer">
    <xsl:param name="source" as="xs:string?" select="()"/>
  </xsl:template>
</xsl:stylesheet>
