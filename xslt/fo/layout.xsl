<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book's frame: page masters (paper and margins from the parameters, mirrored for recto
  and verso), the title page and its verso from the TEI header, the table of contents, the PDF
  bookmarks, running heads (page number outside, book title on versos, current section on
  rectos) and the page sequences the text and the index flow into.

  In:  the documents of the book ($f:docs). Out: FO elements for fo:root.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Page geometry. The margins hold nothing; the running head sits in the top of the type
       area, above the body, and the folio of an opening page in its foot. -->
  <xsl:variable name="f:page-width" select="if ($paper = 'Letter') then '8.5in' else '210mm'"/>
  <xsl:variable name="f:page-height" select="if ($paper = 'Letter') then '11in' else '297mm'"/>
  <xsl:variable name="f:head-extent" select="'7mm'"/>
  <xsl:variable name="f:body-top" select="'12mm'"/>
  <xsl:variable name="f:foot-extent" select="'6mm'"/>
  <xsl:variable name="f:body-bottom" select="'9mm'"/>

  <xsl:template name="f:page-masters">
    <fo:layout-master-set>
      <xsl:for-each select="('', 'index-')">
        <xsl:variable name="prefix" select="."/>
        <xsl:for-each select="('recto', 'verso'), ('opening-recto', 'opening-verso')">
          <xsl:call-template name="f:page-master">
            <xsl:with-param name="name" select="$prefix || ."/>
            <xsl:with-param name="side" select="tokenize(., '-')[last()]"/>
            <xsl:with-param name="columns" select="if ($prefix = '') then 1 else 2"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:call-template name="f:page-master">
        <xsl:with-param name="name" select="'blank'"/>
        <xsl:with-param name="side" select="'verso'"/>
      </xsl:call-template>
      <xsl:call-template name="f:page-master">
        <xsl:with-param name="name" select="'title-recto'"/>
        <xsl:with-param name="side" select="'recto'"/>
      </xsl:call-template>
      <xsl:call-template name="f:page-master">
        <xsl:with-param name="name" select="'title-verso'"/>
        <xsl:with-param name="side" select="'verso'"/>
      </xsl:call-template>
      <fo:page-sequence-master master-name="title">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="title-recto" odd-or-even="odd"/>
          <fo:conditional-page-master-reference master-reference="title-verso" odd-or-even="even"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
      <xsl:for-each select="('', 'index-')">
        <fo:page-sequence-master master-name="{.}book">
          <fo:repeatable-page-master-alternatives>
            <fo:conditional-page-master-reference master-reference="blank" blank-or-not-blank="blank"/>
            <fo:conditional-page-master-reference master-reference="{.}opening-recto" page-position="first" odd-or-even="odd"/>
            <fo:conditional-page-master-reference master-reference="{.}opening-verso" page-position="first" odd-or-even="even"/>
            <fo:conditional-page-master-reference master-reference="{.}recto" odd-or-even="odd"/>
            <fo:conditional-page-master-reference master-reference="{.}verso" odd-or-even="even"/>
          </fo:repeatable-page-master-alternatives>
        </fo:page-sequence-master>
      </xsl:for-each>
    </fo:layout-master-set>
  </xsl:template>

  <xsl:template name="f:page-master">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="columns" as="xs:integer" select="1"/>
    <xsl:variable name="plain" select="starts-with($name, 'title') or $name = 'blank'"/>
    <fo:simple-page-master master-name="{$name}" page-width="{$f:page-width}" page-height="{$f:page-height}"
        margin-top="{$margin-top}" margin-bottom="{$margin-bottom}"
        margin-left="{if ($side = 'recto') then $margin-inner else $margin-outer}"
        margin-right="{if ($side = 'recto') then $margin-outer else $margin-inner}">
      <fo:region-body margin-top="{$f:body-top}" margin-bottom="{$f:body-bottom}">
        <xsl:if test="$columns gt 1">
          <xsl:attribute name="column-count" select="$columns"/>
          <xsl:attribute name="column-gap" select="'7mm'"/>
        </xsl:if>
      </fo:region-body>
      <xsl:if test="not($plain)">
        <fo:region-before extent="{$f:head-extent}"
            region-name="{if (contains($name, 'opening')) then 'head-none' else 'head-' || $side}"/>
        <fo:region-after extent="{$f:foot-extent}"
            region-name="{if (contains($name, 'opening')) then 'foot-opening' else 'foot-none'}"/>
      </xsl:if>
    </fo:simple-page-master>
  </xsl:template>

  <!-- Running heads, folios and the footnote rule, for every sequence that has them. -->
  <xsl:template name="f:static-content">
    <xsl:param name="book-title" as="xs:string"/>
    <fo:static-content flow-name="head-recto">
      <fo:block xsl:use-attribute-sets="f:running-head">
        <fo:retrieve-marker retrieve-class-name="section" retrieve-position="first-starting-within-page"/>
        <fo:leader leader-pattern="space"/>
        <fo:page-number/>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="head-verso">
      <fo:block xsl:use-attribute-sets="f:running-head">
        <fo:page-number/>
        <fo:leader leader-pattern="space"/>
        <xsl:value-of select="f:shorten($book-title, 80)"/>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="foot-opening">
      <fo:block text-align="center" font-size="82%" line-height="1.2">
        <fo:page-number/>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-footnote-separator">
      <fo:block space-before="6pt" space-after="3pt" line-height="2pt" font-size="2pt">
        <fo:leader leader-pattern="rule" leader-length="36mm" rule-thickness="0.4pt"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <xsl:attribute-set name="f:running-head">
    <xsl:attribute name="font-size" select="'80%'"/>
    <xsl:attribute name="line-height" select="'1.2'"/>
    <xsl:attribute name="text-align" select="'start'"/>
    <xsl:attribute name="text-align-last" select="'justify'"/>
    <xsl:attribute name="border-bottom" select="'0.3pt solid #777777'"/>
    <xsl:attribute name="padding-bottom" select="'2pt'"/>
  </xsl:attribute-set>

  <!-- Text cut at a word boundary to at most $max characters, for running heads. -->
  <xsl:function name="f:shorten" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:sequence select="if (string-length($text) le $max) then $text
                          else replace(substring($text, 1, $max - 1), '[\s,;:.–—-]+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- Titles. -->

  <!-- The book a document comes from, for versos: the source volume or journal, else its title. -->
  <xsl:function name="f:book-title" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="monogr" select="$doc/*/teiHeader/fileDesc/sourceDesc/biblStruct/monogr/title[normalize-space()][1]"/>
    <xsl:sequence select="if ($monogr) then f:plain($monogr) else tp:title($doc)"/>
  </xsl:function>

  <xsl:variable name="f:book-title" as="xs:string"
      select="if (count($f:docs) gt 1) then $volume-title else f:book-title($f:docs[1])"/>

  <!-- The PDF's title, authors and language, for readers' document properties. -->
  <xsl:template name="f:metadata">
    <fo:declarations>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><xsl:value-of select="if (count($f:docs) gt 1) then $volume-title else tp:title($f:docs[1])"/></dc:title>
            <xsl:for-each select="distinct-values($f:docs/*/teiHeader/fileDesc/titleStmt/author ! f:plain(.))">
              <dc:creator><xsl:value-of select="."/></dc:creator>
            </xsl:for-each>
            <dc:language><xsl:value-of select="f:language($f:docs[1])"/></dc:language>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta>
    </fo:declarations>
  </xsl:template>

  <!-- Title page and its verso. -->

  <xsl:template name="f:title-pages">
    <fo:page-sequence master-reference="title" format="i" force-page-count="even">
      <fo:flow flow-name="xsl-region-body">
        <fo:block text-align="center" space-before="28mm" space-before.conditionality="retain">
          <xsl:choose>
            <xsl:when test="count($f:docs) gt 1">
              <fo:block font-size="200%" line-height="1.2" space-after="14mm">
                <xsl:value-of select="$volume-title"/>
              </fo:block>
              <xsl:for-each select="$f:docs">
                <fo:block font-size="110%" line-height="1.3" space-after="6mm" font-style="italic">
                  <xsl:value-of select="tp:title(.)"/>
                </fo:block>
                <xsl:apply-templates select="*/teiHeader/fileDesc/titleStmt/author" mode="title-page"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="$f:docs[1]/*/teiHeader/fileDesc" mode="title-page"/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
        <fo:block break-before="page" font-size="86%" line-height="1.4" text-align="start">
          <xsl:for-each select="$f:docs">
            <xsl:apply-templates select="*/teiHeader/fileDesc" mode="imprint"/>
          </xsl:for-each>
          <fo:block space-before="8mm">
            <xsl:value-of select="if ($reading = 'sic')
              then 'The text is printed as the source has it: where the editors correct or regularize it, their reading is not shown.'
              else 'Where the editors correct or regularize the text of the source, their reading is printed.'"/>
            <xsl:if test="$f:docs//text//pb[tp:page-number(.)]">
              <xsl:text> The page numbers of the original are printed in square brackets where its pages begin.</xsl:text>
            </xsl:if>
          </fo:block>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <xsl:template match="fileDesc" mode="title-page">
    <xsl:variable name="series" select="(sourceDesc/biblStruct/(monogr/title, series/title),
                                         titleStmt/title[@type = 'series'])[normalize-space()][1]"/>
    <xsl:if test="$series">
      <fo:block font-size="95%" space-after="16mm">
        <xsl:apply-templates select="$series" mode="small-caps"/>
      </fo:block>
    </xsl:if>
    <fo:block font-size="200%" line-height="1.2" space-after="7mm">
      <xsl:value-of select="tp:title(root(.))"/>
    </fo:block>
    <xsl:for-each select="titleStmt/title[@type = ('sub', 'volume')][normalize-space()]">
      <fo:block font-size="115%" font-style="italic" space-after="4mm">
        <xsl:value-of select="f:plain(.)"/>
      </fo:block>
    </xsl:for-each>
    <xsl:apply-templates select="titleStmt/author" mode="title-page"/>
    <xsl:variable name="imprint" select="(publicationStmt/(pubPlace, publisher, date))[normalize-space()]"/>
    <xsl:if test="$imprint">
      <fo:block space-before="40mm" font-size="95%">
        <xsl:value-of select="string-join($imprint ! f:plain(.), ' · ')"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="author" mode="title-page">
    <fo:block font-size="130%" space-before="8mm" space-after="10mm">
      <xsl:value-of select="f:plain(.)"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="text()" mode="small-caps">
    <xsl:sequence select="f:small-caps(.)"/>
  </xsl:template>

  <!-- The verso of the title page: where the text comes from and on what terms. -->
  <xsl:template match="fileDesc" mode="imprint">
    <fo:block space-after="5mm" keep-together.within-page="always">
      <xsl:if test="count($f:docs) gt 1">
        <fo:block font-style="italic"><xsl:value-of select="tp:title(root(.))"/></fo:block>
      </xsl:if>
      <xsl:for-each select="sourceDesc/(biblStruct, bibl, p)[normalize-space()]">
        <fo:block space-after="2mm">
          <xsl:text>Source: </xsl:text>
          <xsl:apply-templates select="." mode="citation"/>
        </fo:block>
      </xsl:for-each>
      <xsl:for-each select="titleStmt/respStmt[normalize-space()]">
        <fo:block>
          <xsl:value-of select="f:plain(resp)"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="string-join((* except resp) ! f:plain(.), ', ')"/>
        </fo:block>
      </xsl:for-each>
      <xsl:for-each select="publicationStmt/availability[normalize-space()]">
        <fo:block space-before="2mm"><xsl:value-of select="f:plain(.)"/></fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- A source as a reference: author, “article”, in Book or Journal (place: publisher, date),
       volume, issue, document, pages. -->
  <xsl:template match="biblStruct" mode="citation">
    <xsl:variable name="analytic" select="analytic"/>
    <xsl:variable name="monogr" select="monogr[1]"/>
    <xsl:variable name="authors" select="string-join(($analytic/author, $monogr/author)[1] ! f:plain(.), ', ')"/>
    <xsl:variable name="imprint" select="string-join((
        string-join($monogr/imprint/(pubPlace, publisher)[normalize-space()] ! f:plain(.), ': '),
        $monogr/imprint/date[normalize-space()][1] ! f:plain(.))[.], ', ')"/>
    <xsl:variable name="title" select="f:plain($monogr/title[1])"/>
    <!-- (A volume the title already names is not repeated.) -->
    <xsl:variable name="scope" select="$monogr/biblScope[normalize-space()]
        [not(@unit = 'volume' and contains($title, normalize-space(.)))] ! (
        (if (@unit = 'volume' and $monogr/title[@level = 'j']) then 'vol. '
         else if (@unit = 'issue') then 'no. '
         else if (@unit = 'document') then 'document '
         else if (@unit = 'page') then (if (matches(., '[–-]')) then 'pp. ' else 'p. ')
         else ()) || f:plain(.))"/>
    <xsl:value-of select="$authors[.] ! (. || ', ')"/>
    <xsl:if test="$analytic/title">
      <xsl:value-of select="'“' || f:plain($analytic/title[1]) || '”, in '"/>
    </xsl:if>
    <fo:inline font-style="italic"><xsl:value-of select="$title"/></fo:inline>
    <xsl:value-of select="$imprint[.] ! (' (' || . || ')')"/>
    <xsl:value-of select="string-join($scope, ', ')[.] ! (', ' || .)"/>
    <xsl:text>.</xsl:text>
    <xsl:for-each select="($analytic, $monogr)/idno[@type = 'URI']">
      <xsl:value-of select="' ' || normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="bibl | p" mode="citation">
    <xsl:value-of select="f:plain(.)"/>
  </xsl:template>

  <!-- Table of contents and bookmarks: every div or floatingText with a heading, to $toc-depth. -->

  <!-- The headed divisions of the book, by the generate-id() of the headed division (or
       document) they are nearest below, and the title of each, found once for the contents,
       the bookmarks and the running heads. -->
  <xsl:variable name="f:divisions" as="element()*"
      select="$f:docs/*/text//(self::div[head] | self::floatingText[body/head])"/>
  <xsl:variable name="f:toc" as="map(xs:string, element()*)" select="map:merge(
      for $d in $f:divisions
      return map{generate-id(($d/ancestor::*[self::div[head] or self::floatingText[body/head]][1], root($d))[1]): $d},
      map{'duplicates': 'combine'})"/>
  <xsl:variable name="f:headings" as="map(xs:string, xs:string*)" select="map:merge(
      for $d in $f:divisions
      return map{generate-id($d): f:plain(($d/head, $d/body/head)[1]) ! (f:number-prefix($d, .), .)})"/>
  <xsl:variable name="f:prefixes" as="map(xs:string, xs:string)"
      select="map:merge(map:keys($f:headings) ! map{.: $f:headings(.)[1]})"/>
  <xsl:variable name="f:titles" as="map(xs:string, xs:string)"
      select="map:merge(map:keys($f:headings) ! map{.: string-join($f:headings(.))})"/>

  <xsl:function name="f:toc-entries" as="element()*">
    <xsl:param name="within" as="node()"/>
    <xsl:sequence select="$f:toc(generate-id($within))"/>
  </xsl:function>

  <xsl:function name="f:toc-title" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$f:titles(generate-id($entry))"/>
  </xsl:function>

  <!-- The document number printed before a FRUS document's heading, unless the heading has it. -->
  <xsl:function name="f:number-prefix" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:variable name="n" select="string($div/self::div[@type = 'document']/@n)"/>
    <xsl:variable name="head" select="if ($n) then replace($heading, '^(\W|No\.\s*|No\s+)+', '') else ''"/>
    <xsl:sequence select="if ($n and not(starts-with($head, $n) and not(matches(substring($head, string-length($n) + 1, 1), '\w'))))
                          then $n || '. ' else ''"/>
  </xsl:function>

  <xsl:template name="f:contents">
    <xsl:if test="$toc-depth gt 0">
      <fo:page-sequence master-reference="book" format="i" initial-page-number="auto-odd" force-page-count="even">
        <xsl:call-template name="f:static-content">
          <xsl:with-param name="book-title" select="$f:book-title"/>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <fo:block id="f-contents" xsl:use-attribute-sets="f:part-heading">
            <fo:marker marker-class-name="section">Contents</fo:marker>
            <xsl:text>Contents</xsl:text>
          </fo:block>
          <xsl:for-each select="$f:docs">
            <xsl:if test="count($f:docs) gt 1">
              <xsl:call-template name="f:toc-line">
                <xsl:with-param name="title" select="tp:title(.)"/>
                <xsl:with-param name="target" select="f:id(.)"/>
                <xsl:with-param name="level" select="0"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:apply-templates select="f:toc-entries(.)" mode="toc">
              <xsl:with-param name="level" select="1"/>
            </xsl:apply-templates>
          </xsl:for-each>
          <xsl:if test="$index">
            <xsl:call-template name="f:toc-line">
              <xsl:with-param name="title" select="$f:index-title"/>
              <xsl:with-param name="target" select="'f-index'"/>
              <xsl:with-param name="level" select="0"/>
            </xsl:call-template>
          </xsl:if>
        </fo:flow>
      </fo:page-sequence>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="toc">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:call-template name="f:toc-line">
      <xsl:with-param name="title" select="f:toc-title(.)"/>
      <xsl:with-param name="target" select="f:id(.)"/>
      <xsl:with-param name="level" select="$level"/>
    </xsl:call-template>
    <xsl:if test="$level lt $toc-depth">
      <xsl:apply-templates select="f:toc-entries(.)" mode="toc">
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:toc-line">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="level" as="xs:integer"/>
    <!-- In a volume, level 0 is a document; in a single document, level 1 is flush left too. -->
    <xsl:variable name="indent" select="1.4 * max((0, $level - (if (count($f:docs) gt 1) then 0 else 1)))"/>
    <fo:block start-indent="{$indent + 1.4}em" text-indent="-1.4em" end-indent="3em" last-line-end-indent="-3em"
        text-align="start" text-align-last="justify" space-before="{if ($level le 1) then '5pt' else '1pt'}"
        keep-with-next.within-page="{if ($level = 0) then 'always' else 'auto'}">
      <xsl:if test="$level le 0">
        <xsl:attribute name="font-weight" select="'bold'"/>
      </xsl:if>
      <fo:basic-link internal-destination="{$target}">
        <xsl:value-of select="$title"/>
      </fo:basic-link>
      <xsl:text> </xsl:text>
      <fo:leader leader-pattern="dots" leader-pattern-width="4pt"/>
      <fo:page-number-citation ref-id="{$target}"/>
    </fo:block>
  </xsl:template>

  <xsl:template name="f:bookmarks">
    <fo:bookmark-tree>
      <xsl:if test="$toc-depth gt 0">
        <fo:bookmark internal-destination="f-contents">
          <fo:bookmark-title>Contents</fo:bookmark-title>
        </fo:bookmark>
      </xsl:if>
      <xsl:for-each select="$f:docs">
        <xsl:choose>
          <xsl:when test="count($f:docs) gt 1">
            <fo:bookmark internal-destination="{f:id(.)}">
              <fo:bookmark-title><xsl:value-of select="tp:title(.)"/></fo:bookmark-title>
              <xsl:apply-templates select="f:toc-entries(.)" mode="bookmark"/>
            </fo:bookmark>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="f:toc-entries(.)" mode="bookmark"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$index">
        <fo:bookmark internal-destination="f-index">
          <fo:bookmark-title><xsl:value-of select="$f:index-title"/></fo:bookmark-title>
        </fo:bookmark>
      </xsl:if>
    </fo:bookmark-tree>
  </xsl:template>

  <xsl:template match="*" mode="bookmark">
    <fo:bookmark internal-destination="{f:id(.)}" starting-state="hide">
      <fo:bookmark-title><xsl:value-of select="f:toc-title(.)"/></fo:bookmark-title>
      <xsl:apply-templates select="f:toc-entries(.)" mode="bookmark"/>
    </fo:bookmark>
  </xsl:template>

  <!-- The text of one document: its own page sequence, beginning on a recto. -->
  <xsl:template name="f:text-sequence">
    <xsl:param name="first" as="xs:boolean"/>
    <fo:page-sequence master-reference="book" initial-page-number="{if ($first) then '1' else 'auto-odd'}"
        force-page-count="no-force" language="{f:language(.)}">
      <xsl:call-template name="f:static-content">
        <xsl:with-param name="book-title" select="$f:book-title"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body" text-align="justify" text-align-last="start" widows="2" orphans="2">
        <fo:block id="{f:id(.)}">
          <xsl:if test="count($f:docs) gt 1">
            <xsl:call-template name="f:document-title"/>
          </xsl:if>
          <xsl:variable name="texts" select="*/text"/>
          <xsl:apply-templates select="if ($texts) then $texts else *"/>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- In a volume, each document opens with its title, author and source. -->
  <xsl:template name="f:document-title">
    <fo:block text-align="center" text-align-last="center" space-after="10mm" keep-with-next.within-page="always">
      <fo:marker marker-class-name="section"><xsl:value-of select="f:shorten(tp:title(.), 80)"/></fo:marker>
      <fo:block font-size="160%" line-height="1.2" space-after="4mm">
        <xsl:value-of select="tp:title(.)"/>
      </fo:block>
      <xsl:for-each select="*/teiHeader/fileDesc/titleStmt/author">
        <fo:block font-size="115%"><xsl:value-of select="f:plain(.)"/></fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <xsl:attribute-set name="f:part-heading">
    <xsl:attribute name="font-size" select="'155%'"/>
    <xsl:attribute name="line-height" select="'1.2'"/>
    <xsl:attribute name="text-align" select="'center'"/>
    <xsl:attribute name="text-align-last" select="'center'"/>
    <xsl:attribute name="space-after" select="'10mm'"/>
  </xsl:attribute-set>
</xsl:stylesheet>
