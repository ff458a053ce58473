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
        <!-- (The direction is the text's: the edition's navigation around it stays as it is.) -->
        <main id="main" dir="{$h:direction}">
          <xsl:apply-templates select="*" mode="h:document"/>
        </main>
        <xsl:call-template name="h:footer">
          <xsl:with-param name="source" select="tokenize(string(base-uri(/*)), '/')[last()]"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <xsl:variable name="h:direction" as="xs:string" select="tp:direction(/)"/>

  <!-- The language of an element as BCP 47, and its direction where it is not the one around
       it (an Arabic quotation in English, English in an Arabic text). Takes precedence over
       text.xsl's rule, which copies the code as it is. -->
  <xsl:template match="@xml:lang" mode="h:attribute" priority="1">
    <xsl:for-each select="tp:bcp47(.)">
      <xsl:attribute name="lang" select="."/>
    </xsl:for-each>
    <xsl:variable name="direction" select="tp:lang-direction(.)"/>
    <xsl:variable name="around" select="(../ancestor::*[@xml:lang][1]/@xml:lang ! tp:lang-direction(.), $h:direction)[1]"/>
    <xsl:if test="$direction ne $around">
      <xsl:attribute name="dir" select="$direction"/>
    </xsl:if>
  </xsl:template>

  <!-- Lists of persons, places, organizations and works kept beside the text (in back or
       standOff) are authority data: they describe the names (in their titles and the index
       pages), and are not printed as text. -->
  <xsl:template match="(tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent | tei:listNym
                       | tei:listBibl)[tp:is-authority-list(.)]" priority="5"/>

  <xsl:template match="tei:TEI" mode="h:document">
    <article class="tei">
      <xsl:apply-templates select="@xml:id" mode="h:attribute"/>
      <xsl:apply-templates select="." mode="h:metadata"/>
      <xsl:apply-templates select="tp:texts(.)"/>
    </article>
  </xsl:template>

  <!-- A corpus: its own header, then each TEI document as a section of its own. -->
  <xsl:template match="tei:teiCorpus" mode="h:document">
    <xsl:apply-templates select="." mode="h:metadata"/>
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="h:document"/>
    <xsl:if test="not(tei:TEI | tei:teiCorpus) and .//*:include">
      <p class="no-text">No text: the members of this corpus are included by reference (xi:include), which was refused (see the findings).</p>
    </xsl:if>
  </xsl:template>

  <!-- Not TEI at all: its text, readably. -->
  <xsl:template match="*" mode="h:document">
    <article class="tei">
      <h1><xsl:value-of select="tp:title(.)"/></h1>
      <xsl:apply-templates select="."/>
    </article>
  </xsl:template>
</xsl:stylesheet>
