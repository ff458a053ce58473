<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 to HTML5: one page of the web edition per TEI document.

  In:  a TEI document (TEI or teiCorpus root; any other XML renders as generic text), and the
       authority files it points into as $authorities.
  Out: a complete, valid HTML5 page: the header's facts, the text with its structure, footnote
       markers linked to notes listed after each document (and back), page references of the
       original, names linked to the index pages (persons.html, places.html, orgs.html) with
       their description on hover. No script; style from the shared edition.css.

  Modules: page.xsl (page shell, shared with the collection pages), ids.xsl (ids the index
  pages link to), metadata.xsl (the header), text.xsl (divisions and blocks), inline.xsl
  (phrase level), notes.xsl (markers and note lists). Everything format-neutral comes from
  ../common/. The collection pages are made by summary.xsl and collection.xsl (see
  pipeline/html.py).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:param="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="ids.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="volume.xsl"/>

  <xsl:param name="link-names" as="xs:boolean" select="true()"
      param:doc="Link persons, places and organizations to their entries in the index pages."/>
  <xsl:param name="show-metadata" as="xs:boolean" select="true()"
      param:doc="Show the facts of the TEI header (source, author, encoding, date) above the text."/>

  <!-- XHTML syntax of HTML5 (void elements as <br/>, every other element closed): Saxon's
       xhtml serializer is faster than its html one, and browsers read both alike. Addresses
       are written as they are: browsers take IRIs. -->
  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
      omit-xml-declaration="yes" include-content-type="no" escape-uri-attributes="no"/>

  <xsl:template match="/">
    <html lang="{tp:language(.)}">
      <xsl:call-template name="h:head">
        <xsl:with-param name="title" select="tp:title(.)"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="h:banner"/>
        <main id="main">
          <xsl:apply-templates select="*" mode="h:document"/>
        </main>
        <xsl:call-template name="h:footer">
          <xsl:with-param name="source" select="tokenize(string(base-uri(/*)), '/')[last()]"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="h:document">
    <article class="tei">
      <xsl:apply-templates select="@xml:id" mode="h:attribute"/>
      <xsl:apply-templates select="." mode="h:metadata"/>
      <xsl:apply-templates select="tei:text"/>
    </article>
  </xsl:template>

  <!-- A corpus: its own header, then each TEI document as a section of its own. -->
  <xsl:template match="tei:teiCorpus" mode="h:document">
    <xsl:apply-templates select="." mode="h:metadata"/>
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="h:document"/>
  </xsl:template>

  <!-- Not TEI at all: its text, readably. -->
  <xsl:template match="*" mode="h:document">
    <article class="tei">
      <h1><xsl:value-of select="tp:title(.)"/></h1>
      <xsl:apply-templates select="."/>
    </article>
  </xsl:template>
</xsl:stylesheet>
