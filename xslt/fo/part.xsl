<?xml version="1.0" encoding="UTF-8"?>
<!--
  One document's part of the print edition (the first step of the `fo` format and of `pdf`;
  frame.xsl makes the book around the parts).

  In:  one TEI document (the source); the authority files it points into as $authorities; $key,
       the document's key in the book (pipeline/pdf.py makes it from the file name), from which
       every FO id of the part is made.
  Out: <part key="" lang="" dir="ltr|rtl|auto" title="" short="" book="" page-numbers="true|false"> the summary
       (summary.xsl) <flow> the document's text as FO blocks </flow></part>, the FO namespace
       declared on the root. The frame reads the summary only; the flow goes into the book as
       text. A part depends on its document alone, so a build keeps it and the volume is made
       again from kept parts when one document changes.

  The text: divisions and headings, letters, lists, tables (blocks.xsl), highlighting, names,
  pointers (inline.xsl), footnotes at the foot of the page of their marker (notes.xsl), the
  original's page breaks as [23]. The format-neutral functions come from ../common/. Output is
  reproducible byte for byte: ids are the key and the node's place in the document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="shared.xsl"/>
  <xsl:include href="summary.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="notes.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:param name="key" as="xs:string" select="'d'"/>
  <!-- The other documents of the edition the document points to, and the key of each in a book
       (pipeline/formats/pdf.py; space-separated, in the same order): a pointer into one may lead
       to it in a book that holds it. -->
  <xsl:param name="files" as="document-node()*" select="()"/>
  <xsl:param name="file-keys" as="xs:string" select="''"/>

  <xsl:template match="/">
    <xsl:call-template name="f:check-params"/>
    <part key="{$key}" lang="{f:language(.)}" dir="{$f:document-direction}"
        title="{tp:title(.)}" short="{f:plain((*/teiHeader/fileDesc/titleStmt/title[@type = 'short'])[1])}"
        book="{tp:book-title(.)}"
        page-numbers="{exists(//pb[ancestor::text][tp:page-number(.)])}">
      <xsl:namespace name="fo" select="'http://www.w3.org/1999/XSL/Format'"/>
      <xsl:call-template name="f:summary"/>
      <flow>
        <xsl:variable name="texts" select="tp:texts(*)"/>
        <xsl:apply-templates select="if ($texts) then $texts else *"/>
      </flow>
    </part>
  </xsl:template>

  <!-- Authority lists beside the text (listPerson in back, ...) describe the names; they are
       not printed. -->
  <xsl:template match="(listPerson | listPlace | listOrg | listEvent | listNym | listBibl)[tp:is-authority-list(.)]"
      priority="5"/>

  <!-- The original's table of contents (a div of type "toc" or "contents", a list of type "toc")
       is left out: the book has its own contents (layout.xsl), with this book's pages, and a
       reprinted one would be a second contents citing pages of another book. (The List of
       Papers and the original's index stay: their pointers cite this book's pages, inline.xsl.)
       Its page breaks are printed still, so that no page of the original goes missing. -->
  <xsl:template match="*[f:is-original-contents(.)]" priority="5">
    <xsl:variable name="pbs" select="f:page-breaks-within(.)"/>
    <xsl:if test="$pbs">
      <fo:block keep-with-next.within-page="always">
        <xsl:apply-templates select="$pbs" mode="inline"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[f:is-original-contents(.)]" mode="inline" priority="5">
    <xsl:apply-templates select="f:page-breaks-within(.)" mode="inline"/>
  </xsl:template>

  <!-- A passage in a language written the other way from the text around it (a Hebrew
       quotation in an English text) is a block of that direction: aligned, and its lines
       ordered, from its own side. (Within a line, FOP orders each word by its characters.) -->
  <xsl:template match="(p | ab | div | floatingText | quote | lg | list | table | sp | u)[@xml:lang]
                       [f:direction(.) ne f:direction(..)]" priority="4">
    <fo:block-container writing-mode="{if (f:direction(.) = 'rtl') then 'rl-tb' else 'lr-tb'}">
      <xsl:next-match/>
    </fo:block-container>
  </xsl:template>

  <!-- "rtl" or "ltr": of the nearest declared language known to be either, else the document's. -->
  <xsl:function name="f:direction" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="(($e/ancestor-or-self::*[@xml:lang][ancestor::text]/@xml:lang ! tp:lang-direction(.))
                           [. ne 'auto'][last()], $f:document-direction[. = 'rtl'], 'ltr')[1]"/>
  </xsl:function>

  <xsl:variable name="f:document-direction" as="xs:string"
      select="(/*/text/@xml:lang ! tp:lang-direction(.), tp:direction(/))[1]"/>

  <!-- The page breaks an element prints: within a paragraph, on a line of their own, or before
       one of its paragraphs (blocks.xsl). -->
  <xsl:function name="f:page-breaks-within" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e//pb[not(f:block-context(.)) or empty(f:pb-host(.))]
                          | $e/descendant::* ! $f:leading-pbs(generate-id(.))"/>
  </xsl:function>

  <xsl:function name="f:is-original-contents" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::div[@type = ('toc', 'contents')] | self::list[@type = 'toc']))"/>
  </xsl:function>

  <!-- A unique, reproducible FO id for a node of the document: the key, a hyphen and the
       node's number in the document (Saxon's generate-id() is "d<document>e<node>"; the
       document number changes from run to run, the node number does not). -->
  <xsl:variable name="f:id-prefix" as="xs:string" select="$key || '-'"/>

  <xsl:function name="f:id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$f:id-prefix || f:node-number($node)"/>
  </xsl:function>

  <!-- The node's number in its document (the same in every run and every document's part). -->
  <xsl:function name="f:node-number" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="substring-after(generate-id($node), 'e')"/>
  </xsl:function>

  <!-- The language code FOP wants: "ja" of "ja-Latn"; English where none is declared. -->
  <xsl:function name="f:language" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(substring-before(tp:language($node) || '-', '-')[. ne 'und'], 'en')[1]"/>
  </xsl:function>
</xsl:stylesheet>
