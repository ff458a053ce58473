<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages of the e-book edition (EPUB 3): the web edition's pages (../html/html.xsl, imported,
  so every rule of the text is the web edition's), in the book's page shell (shell.xsl: no
  banner or footer), with the original's page breaks marked for reading systems, and with the
  facts of the TEI header the package needs.

  In:  a TEI document, its authority files as $authorities; $key, the document's name in the
       book (its pages' file names are made from it).
  Out: one text: first <?tp-book?> and a <book> record of the header's facts (title, the book
       it comes from (tp:book-title), lang, dir, identifier, date, creators and contributors
       with their MARC relator, rights, source),
       then each page after <?tp-page NAME?> as ../html/volume.xsl writes them (a volume: a
       contents page and a page per document; any other document: one page, KEY.html).
       pipeline/formats/epub.py cuts it, and turns each page into an XHTML content document.
       A page break of the original with a number is <span epub:type="pagebreak"
       role="doc-pagebreak"> labelled with the number, for the book's page list.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:param="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <xsl:import href="../html/html.xsl"/>
  <xsl:include href="shell.xsl"/>

  <xsl:param name="volume-title" as="xs:string" select="''"
      param:doc="Title of the e-book of all documents built together, volume.epub (by default the book they all come from, if one, else 'Collected Sources')."/>
  <!-- Given by the pipeline; not a user's setting. -->
  <xsl:param name="key" as="xs:string?" select="()"/>

  <xsl:template match="/" priority="2">
    <xsl:processing-instruction name="tp-book"/>
    <xsl:apply-templates select="/*" mode="epub:book"/>
    <xsl:if test="not($h:split)">
      <xsl:processing-instruction name="tp-page" select="$key || '.html'"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="*" mode="epub:book">
    <xsl:variable name="file" select="tp:header(.)/tei:fileDesc"/>
    <xsl:variable name="published" select="$file/tei:publicationStmt"/>
    <book title="{tp:title(.)}" book="{tp:book-title(.)}" lang="{tp:language(.)}" dir="{$h:direction}"
          identifier="{($published/tei:idno[normalize-space()] ! normalize-space(.))[1]}"
          date="{($published/tei:date ! (@when, normalize-space(.)))[.][1]}"
          rights="{normalize-space(string-join($published/tei:availability//text(), ' '))}"
          source="{normalize-space(string-join(($file/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull))[1]//text()
                                               [not(ancestor::tei:note)], ' '))}"
          publisher="{($published/(tei:publisher | tei:authority | tei:distributor) ! normalize-space(.))[.][1]}">
      <xsl:for-each select="$file/tei:titleStmt/tei:author[normalize-space()]">
        <creator role="aut"><xsl:value-of select="normalize-space(.)"/></creator>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:titleStmt/tei:editor[normalize-space()]">
        <contributor role="edt"><xsl:value-of select="normalize-space(.)"/></contributor>
      </xsl:for-each>
    </book>
  </xsl:template>

  <!-- A page of the original where it begins: the page list of the book leads here. -->
  <xsl:template match="tei:pb" mode="#default h:inline">
    <xsl:variable name="number" select="tp:page-number(.)"/>
    <span class="pb" id="{tp:pb-id(.)}">
      <xsl:if test="exists($number)">
        <xsl:attribute name="epub:type" select="'pagebreak'"/>
        <xsl:attribute name="role" select="'doc-pagebreak'"/>
        <xsl:attribute name="aria-label" select="$number"/>
        <xsl:value-of select="'[p. ' || $number || ']'"/>
      </xsl:if>
    </span>
  </xsl:template>
</xsl:stylesheet>
