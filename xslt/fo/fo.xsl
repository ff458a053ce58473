<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to XSL-FO for Apache FOP (the `fo` format, and the first step of `pdf`).

  In:  one TEI document (the source), or several given as $documents to make one volume of
       them; the authority files they point into as $authorities; for the final pass of a PDF,
       $pages: the page on which FOP's first pass set each mention of a person.
  Out: one fo:root: a book with a title page from the header, a table of contents, the text
       with running heads, footnotes at the foot of the page of their marker, the original's
       page breaks as [23], and an index of names at the back.

  The index needs page numbers that only FOP knows, so pipeline/pdf.py renders twice: without
  $pages the index cites each mention with fo:page-number-citation; with $pages it lists each
  page once, runs of pages as ranges. Everything before the index is the same in both passes,
  so no page moves. Modules: layout.xsl (pages, title page, contents, bookmarks, running
  heads), blocks.xsl, inline.xsl, notes.xsl, names-index.xsl; the format-neutral functions come
  from ../common/. Output is reproducible byte for byte: ids are made from node positions.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:p="urn:x-teipipe:param"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="layout.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="names-index.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Parameters. ($authorities is declared by the common layer.) -->
  <xsl:param name="documents" as="document-node()*" select="()"/>
  <xsl:param name="pages" as="document-node()?" select="()"/>
  <xsl:param name="paper" as="xs:string" select="'A4'" p:values="A4 Letter"
      p:doc="Paper size: ISO A4 (210 × 297 mm) or US Letter (8.5 × 11 in)."/>
  <xsl:param name="margin-top" as="xs:string" select="'20mm'"
      p:doc="Page margin above the running head (a length: mm, cm, in, pt)."/>
  <xsl:param name="margin-bottom" as="xs:string" select="'22mm'"
      p:doc="Page margin below the text and footnotes."/>
  <xsl:param name="margin-inner" as="xs:string" select="'28mm'"
      p:doc="Margin on the binding side (left on odd pages, right on even pages)."/>
  <xsl:param name="margin-outer" as="xs:string" select="'36mm'"
      p:doc="Margin on the outer side of the page."/>
  <xsl:param name="font-size" as="xs:string" select="'10.5pt'"
      p:doc="Size of the body text; headings and notes are sized from it."/>
  <xsl:param name="reading" as="xs:string" select="'corr'" p:values="corr sic"
      p:doc="Which reading of a choice to print: the editor's (corr, reg, expan) or the source's own (sic, orig, abbr)."/>
  <xsl:param name="toc-depth" as="xs:integer" select="4"
      p:doc="How many levels of headings the table of contents lists (0: no contents)."/>
  <xsl:param name="index" as="xs:boolean" select="true()"
      p:doc="Print the index of names at the back."/>
  <xsl:param name="volume-title" as="xs:string" select="'Collected Sources'"
      p:doc="Title of a volume that collects several documents."/>

  <!-- The documents of this book, in order. -->
  <xsl:variable name="f:docs" as="document-node()+" select="if (exists($documents)) then $documents else /"/>

  <xsl:variable name="f:fonts" as="xs:string" select="'Charis SIL, DejaVu Serif, DejaVu Sans'"/>
  <xsl:variable name="f:sans" as="xs:string" select="'DejaVu Sans, Charis SIL'"/>

  <xsl:template match="/">
    <xsl:call-template name="f:check-params"/>
    <fo:root font-family="{$f:fonts}" font-size="{$font-size}" line-height="1.38"
        language="{f:language($f:docs[1])}">
      <xsl:call-template name="f:page-masters"/>
      <xsl:call-template name="f:metadata"/>
      <xsl:call-template name="f:bookmarks"/>
      <xsl:call-template name="f:title-pages"/>
      <xsl:call-template name="f:contents"/>
      <xsl:for-each select="$f:docs">
        <xsl:call-template name="f:text-sequence">
          <xsl:with-param name="first" select="position() = 1"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$index">
        <xsl:call-template name="f:index-sequence"/>
      </xsl:if>
    </fo:root>
  </xsl:template>

  <xsl:template name="f:check-params">
    <xsl:variable name="length" select="'^\d+(\.\d+)?(mm|cm|in|pt|pc)$'"/>
    <xsl:variable name="problems" as="xs:string*" select="
      (if ($paper = ('A4', 'Letter')) then () else 'paper=' || $paper || ': choose A4 or Letter'),
      (if ($reading = ('corr', 'sic')) then () else 'reading=' || $reading || ': choose corr or sic'),
      (let $lengths := map{'margin-top': $margin-top, 'margin-bottom': $margin-bottom,
                           'margin-inner': $margin-inner, 'margin-outer': $margin-outer,
                           'font-size': $font-size}
       return for $m in sort(map:keys($lengths))
       return if (matches($lengths($m), $length)) then () else $m || '=' || $lengths($m) || ': expected a length such as 20mm, 1in or 10pt')"/>
    <xsl:if test="exists($problems)">
      <xsl:sequence select="error(xs:QName('f:params'), string-join($problems, '; '))"/>
    </xsl:if>
  </xsl:template>

  <!--
    A unique, reproducible FO id for a source node: its document's place in the book and its
    place in that document (Saxon's generate-id() is "d<document>e<node>"; the document number
    changes from run to run, the node number does not).
  -->
  <xsl:variable name="f:doc-numbers" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($f:docs) return map{generate-id($f:docs[$i]): $i})"/>

  <xsl:function name="f:id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(if (count($f:docs) eq 1) then 'n1-' else 'n' || $f:doc-numbers(generate-id(root($node))) || '-')
                          || substring-after(generate-id($node), 'e')"/>
  </xsl:function>

  <!-- The language code FOP wants: "ja" of "ja-Latn". -->
  <xsl:function name="f:language" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(substring-before(tp:language($node) || '-', '-')[.], 'en')[1]"/>
  </xsl:function>
</xsl:stylesheet>
