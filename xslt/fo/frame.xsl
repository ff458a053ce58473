<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition's book around the documents' texts (the second step of the `fo` format and
  of `pdf`; part.xsl is the first).

  In:  <parts><part .../>...</parts>: the summary of each document of the book, in order, as
       part.xsl makes it (without its flow); for a PDF, $pages: the page on which FOP, laying
       out the book before its index, set each mention of a person.
  Out: one fo:root: a book with a title page from the headers, one table of contents (the
       original's own is left out, part.xsl), PDF
       bookmarks, one page sequence with running heads per document, and an index of names at
       the back. Where each document's text goes stands <?teipipe-flow?>: pipeline/pdf.py puts
       the document's flow there, as text, in the order of the parts.

  The index needs page numbers that only FOP knows, so pipeline/formats/pdf.py gives FOP the
  index last, made with $pages once FOP has laid out the rest: without $pages (the `fo` format)
  the index cites each mention with fo:page-number-citation; with $pages it lists each page
  once, runs of pages as ranges. Everything before the index is the same either way, so no
  page moves. Modules: shared.xsl (parameters), layout.xsl (pages, title page, contents,
  bookmarks, running heads), names-index.xsl. Output is reproducible byte for byte.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    exclude-result-prefixes="#all">

  <xsl:include href="shared.xsl"/>
  <xsl:include href="layout.xsl"/>
  <xsl:include href="names-index.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="pages" as="document-node()?" select="()"/>

  <!-- The documents of this book, in order, and whether there are several. -->
  <xsl:variable name="f:parts" as="element()+" select="/parts/part"/>
  <xsl:variable name="f:volume" as="xs:boolean" select="count($f:parts) gt 1"/>
  <!-- An index of names where the book names someone, a table of contents where it lists more
       than that index: a short letter naming nobody is not printed with an empty index and a
       page of contents that lists only it. -->
  <xsl:variable name="f:has-index" as="xs:boolean" select="$index and exists($f:parts/person)"/>
  <xsl:variable name="f:has-contents" as="xs:boolean" select="$toc-depth gt 0 and ($f:volume or exists($f:parts/entry))"/>

  <xsl:template match="/">
    <xsl:call-template name="f:check-params"/>
    <fo:root font-family="{$f:fonts}" font-size="{$font-size}" line-height="1.38"
        language="{$f:parts[1]/@lang}">
      <xsl:call-template name="f:page-masters"/>
      <xsl:call-template name="f:metadata"/>
      <xsl:call-template name="f:bookmarks"/>
      <xsl:call-template name="f:title-pages"/>
      <xsl:call-template name="f:contents"/>
      <xsl:apply-templates select="$f:parts" mode="text-sequence"/>
      <xsl:if test="$f:has-index">
        <xsl:call-template name="f:index-sequence"/>
      </xsl:if>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
