<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book's frame: page masters (paper and margins from the parameters, mirrored for recto
  and verso), the PDF's metadata and bookmarks, the title page and its verso, the table of
  contents, running heads (page number outside, book title on versos, current section on
  rectos) and the page sequences the documents' texts and the index flow into.

  In:  the summaries of the book's documents ($f:parts: part elements made by part.xsl, without
       their flow). Out: FO elements for fo:root; where a document's text goes, the processing
       instruction <?teipipe-flow?>, which pipeline/pdf.py replaces by the document's flow.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:f="urn:x-teipipe:fo"
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
        <xsl:value-of select="f:running-head($f:book-title, ())"/>
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

  <!-- The book's title, for versos: a volume's, or the book a single document comes from. -->
  <xsl:variable name="f:book-title" as="xs:string"
      select="if ($f:volume) then $f:volume-title else string($f:parts[1]/@book)"/>

  <!-- A volume's title: the parameter's, else the book all its documents come from, if they
       share one, else a general one. -->
  <xsl:variable name="f:volume-title" as="xs:string" select="($volume-title[normalize-space()],
      distinct-values($f:parts/@book)[last() = 1][normalize-space()], 'Collected Sources')[1]"/>

  <!-- The PDF's title, authors and language, for readers' document properties. A volume is the
       work of its editors (titleStmt/editor), where its documents name any; a document, of its
       authors, else of its editors. All in one creator: FOP's PDF Author keeps only the last. -->
  <xsl:template name="f:metadata">
    <fo:declarations>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><xsl:value-of select="if ($f:volume) then $f:volume-title else $f:parts[1]/@title"/></dc:title>
            <xsl:variable name="authors" select="distinct-values($f:parts/author)"/>
            <xsl:variable name="editors" select="distinct-values($f:parts/editor)"/>
            <xsl:variable name="creators" select="if ($f:volume and exists($editors) or empty($authors)) then $editors
                                                  else $authors"/>
            <xsl:if test="exists($creators)">
              <dc:creator><xsl:value-of select="$creators" separator="; "/></dc:creator>
            </xsl:if>
            <dc:language><xsl:value-of select="$f:parts[1]/@lang"/></dc:language>
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
            <xsl:when test="$f:volume">
              <fo:block font-size="200%" line-height="1.2" space-after="14mm">
                <xsl:value-of select="$f:volume-title"/>
              </fo:block>
              <xsl:for-each select="$f:parts">
                <fo:block font-size="110%" line-height="1.3" space-after="6mm" font-style="italic">
                  <xsl:value-of select="@title"/>
                </fo:block>
                <xsl:for-each select="author">
                  <fo:block font-size="130%" space-before="8mm" space-after="10mm">
                    <xsl:value-of select="."/>
                  </fo:block>
                </xsl:for-each>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:copy-of select="$f:parts[1]/title-page/node()"/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
        <fo:block break-before="page" font-size="86%" line-height="1.4" text-align="start">
          <xsl:for-each select="$f:parts">
            <fo:block space-after="5mm" keep-together.within-page="always">
              <xsl:if test="$f:volume">
                <fo:block font-style="italic"><xsl:value-of select="@title"/></fo:block>
              </xsl:if>
              <xsl:copy-of select="imprint/node()"/>
            </fo:block>
            <xsl:copy-of select="manuscript/node()"/>
          </xsl:for-each>
          <fo:block space-before="8mm">
            <xsl:value-of select="if ($reading = 'sic')
              then 'The text is printed as the source has it: where the editors correct or regularize it, their reading is not shown.'
              else 'Where the editors correct or regularize the text of the source, their reading is printed.'"/>
            <xsl:if test="$f:parts/@page-numbers = 'true'">
              <xsl:text> The page numbers of the original are printed in square brackets where its pages begin.</xsl:text>
            </xsl:if>
          </fo:block>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- Table of contents and bookmarks: every headed division (the entries of the summaries),
       the contents to $toc-depth. -->

  <xsl:template name="f:contents">
    <xsl:if test="$f:has-contents">
      <fo:page-sequence master-reference="book" format="i" initial-page-number="auto-odd" force-page-count="even">
        <xsl:call-template name="f:static-content"/>
        <fo:flow flow-name="xsl-region-body">
          <fo:block id="f-contents" xsl:use-attribute-sets="f:part-heading">
            <fo:marker marker-class-name="section">Contents</fo:marker>
            <xsl:text>Contents</xsl:text>
          </fo:block>
          <xsl:for-each select="$f:parts">
            <xsl:if test="$f:volume">
              <xsl:call-template name="f:toc-line">
                <xsl:with-param name="title" select="string(@title)"/>
                <xsl:with-param name="target" select="f:document-id(.)"/>
                <xsl:with-param name="level" select="0"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:apply-templates select="entry" mode="toc">
              <xsl:with-param name="level" select="1"/>
            </xsl:apply-templates>
          </xsl:for-each>
          <xsl:if test="$f:has-index">
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

  <xsl:template match="entry" mode="toc">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:call-template name="f:toc-line">
      <xsl:with-param name="title" select="string(@title)"/>
      <xsl:with-param name="target" select="string(@id)"/>
      <xsl:with-param name="level" select="$level"/>
    </xsl:call-template>
    <xsl:if test="$level lt $toc-depth">
      <xsl:apply-templates select="entry" mode="toc">
        <xsl:with-param name="level" select="$level + 1"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:toc-line">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="level" as="xs:integer"/>
    <!-- In a volume, level 0 is a document; in a single document, level 1 is flush left too. -->
    <xsl:variable name="indent" select="1.4 * max((0, $level - (if ($f:volume) then 0 else 1)))"/>
    <fo:block start-indent="{$indent + 1.4}em" text-indent="-1.4em" end-indent="3em" last-line-end-indent="-3em"
        text-align="start" text-align-last="justify" space-before="{if ($level le 1) then '5pt' else '1pt'}"
        keep-with-next.within-page="{if ($level = 0) then 'always' else 'auto'}">
      <xsl:if test="$level le 0">
        <xsl:attribute name="font-weight" select="'bold'"/>
      </xsl:if>
      <fo:basic-link internal-destination="{$target}" fox:alt-text="{$title}">
        <xsl:value-of select="$title"/>
      </fo:basic-link>
      <xsl:text> </xsl:text>
      <fo:leader leader-pattern="dots" leader-pattern-width="4pt"/>
      <fo:page-number-citation ref-id="{$target}"/>
    </fo:block>
  </xsl:template>

  <!-- (A bookmark tree holds one bookmark at least: a book of one untitled paragraph has none.) -->
  <xsl:template name="f:bookmarks">
    <xsl:variable name="bookmarks" as="element()*">
      <xsl:if test="$f:has-contents">
        <fo:bookmark internal-destination="f-contents">
          <fo:bookmark-title>Contents</fo:bookmark-title>
        </fo:bookmark>
      </xsl:if>
      <xsl:for-each select="$f:parts">
        <xsl:choose>
          <xsl:when test="$f:volume">
            <fo:bookmark internal-destination="{f:document-id(.)}">
              <fo:bookmark-title><xsl:value-of select="@title"/></fo:bookmark-title>
              <xsl:apply-templates select="entry" mode="bookmark"/>
            </fo:bookmark>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="entry" mode="bookmark"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$f:has-index">
        <fo:bookmark internal-destination="f-index">
          <fo:bookmark-title><xsl:value-of select="$f:index-title"/></fo:bookmark-title>
        </fo:bookmark>
      </xsl:if>
    </xsl:variable>
    <xsl:if test="exists($bookmarks)">
      <fo:bookmark-tree><xsl:sequence select="$bookmarks"/></fo:bookmark-tree>
    </xsl:if>
  </xsl:template>

  <xsl:template match="entry" mode="bookmark">
    <fo:bookmark internal-destination="{@id}" starting-state="hide">
      <fo:bookmark-title><xsl:value-of select="@title"/></fo:bookmark-title>
      <xsl:apply-templates select="entry" mode="bookmark"/>
    </fo:bookmark>
  </xsl:template>

  <!-- The FO id of a document's text: its key and a hyphen (ids within it are key-number). -->
  <xsl:function name="f:document-id" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="$part/@key || '-'"/>
  </xsl:function>

  <!-- The text of one document: its own page sequence, beginning on a recto; the document's
       flow is put in place of the processing instruction. -->
  <xsl:template match="part" mode="text-sequence">
    <fo:page-sequence master-reference="book" initial-page-number="{if (position() = 1) then '1' else 'auto-odd'}"
        force-page-count="no-force" language="{@lang}">
      <xsl:if test="@dir = 'rtl'">
        <xsl:attribute name="writing-mode" select="'rl-tb'"/>
      </xsl:if>
      <xsl:call-template name="f:static-content"/>
      <fo:flow flow-name="xsl-region-body" xsl:use-attribute-sets="f:justified" widows="2" orphans="2">
        <fo:block id="{f:document-id(.)}">
          <xsl:if test="$f:volume">
            <xsl:call-template name="f:document-title"/>
          </xsl:if>
          <xsl:processing-instruction name="teipipe-flow"/>
        </fo:block>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- In a volume, each document opens with its title, author and source. -->
  <xsl:template name="f:document-title">
    <fo:block text-align="center" text-align-last="center" space-after="10mm" keep-with-next.within-page="always"
        hyphenate="false">
      <fo:marker marker-class-name="section"><xsl:value-of select="f:running-head(@title, @short)"/></fo:marker>
      <fo:block font-size="160%" line-height="1.2" space-after="4mm">
        <xsl:value-of select="@title"/>
      </fo:block>
      <xsl:for-each select="author">
        <fo:block font-size="115%"><xsl:value-of select="."/></fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- The documents' text, notes included: justified and hyphenated in its language (the page
       sequence's), by the patterns pipeline/formats/hyphenation.py makes for FOP. Headings are
       not (hyphenate="false" on them: FOP takes hyphenation from the block, never from an
       inline). Two letters at least stay on the line, three go to the next: FOP's patterns
       have no minimums of their own. -->
  <xsl:attribute-set name="f:justified">
    <!-- Superscript note markers do not open the lines they stand in. -->
    <xsl:attribute name="line-height-shift-adjustment" select="'disregard-shifts'"/>
    <xsl:attribute name="text-align" select="'justify'"/>
    <xsl:attribute name="text-align-last" select="'start'"/>
    <xsl:attribute name="hyphenate" select="'true'"/>
    <xsl:attribute name="hyphenation-remain-character-count" select="'2'"/>
    <xsl:attribute name="hyphenation-push-character-count" select="'3'"/>
  </xsl:attribute-set>

  <xsl:attribute-set name="f:part-heading">
    <xsl:attribute name="role" select="'H1'"/>
    <xsl:attribute name="font-size" select="'155%'"/>
    <xsl:attribute name="line-height" select="'1.2'"/>
    <xsl:attribute name="text-align" select="'center'"/>
    <xsl:attribute name="text-align-last" select="'center'"/>
    <xsl:attribute name="space-after" select="'10mm'"/>
  </xsl:attribute-set>
</xsl:stylesheet>
