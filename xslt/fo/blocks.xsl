<?xml version="1.0" encoding="UTF-8"?>
<!--
  Block-level TEI to FO: divisions and their headings, paragraphs, letters (opener, dateline,
  salute, closer, signature, postscript, enclosures), lists, tables, quotations, verse, figures,
  the source's own title page.

  In:  TEI elements in a block context (the unnamed mode). Out: fo:block and kin.

  An element is rendered as a block of inline content when it is "paragraph-like" (p, head,
  dateline, ..., or any element with text of its own); otherwise as a container of blocks. An
  unknown element is therefore never lost: it is a paragraph or a container. A page break or a
  footnote standing between blocks is printed inside the neighbouring paragraph (the page
  number at the start of the next one, the footnote marker at the end of the previous one), so
  that neither makes a line of its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Classification. -->

  <xsl:variable name="f:tei" select="'http://www.tei-c.org/ns/1.0'"/>
  <xsl:variable name="f:paragraphs" as="xs:string+" select="('p', 'ab', 'head', 'dateline', 'salute', 'signed',
      'trailer', 'byline', 'l', 'line', 'item', 'label', 'docDate', 'docAuthor', 'titlePart')"/>
  <xsl:variable name="f:specials" as="xs:string+" select="('list', 'table', 'row', 'figure', 'pb', 'lb',
      'milestone', 'cb', 'anchor', 'graphic', 'gap', 'teiHeader')"/>

  <xsl:variable name="f:kinds" as="map(xs:string, xs:string)" select="map:merge((
      $f:paragraphs ! map{.: 'paragraph'}, $f:specials ! map{.: 'special'}, map{'cell': 'cell', 'note': 'note'}))"/>

  <xsl:function name="f:is-paragraph" as="xs:boolean">
    <xsl:param name="e" as="node()?"/>
    <xsl:variable name="kind" select="if ($e instance of element() and namespace-uri($e) eq $f:tei)
                                      then $f:kinds(local-name($e)) else ()"/>
    <xsl:sequence select="
      if (not($e instance of element())) then false()
      else if ($kind eq 'paragraph') then true()
      else if ($kind eq 'special') then false()
      else if ($kind eq 'cell') then not(f:has-blocks($e))
      else if ($kind eq 'note') then f:note-kind($e) = ('inline', 'incident') and not(f:has-blocks($e))
      else exists($e/text()[normalize-space()])"/>
  </xsl:function>

  <!-- Whether an element holds paragraphs rather than text. -->
  <xsl:function name="f:has-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(p | ab | list | table | lg | quote[p]))"/>
  </xsl:function>

  <!-- Elements with a layout of their own, neither paragraphs nor plain containers. -->
  <xsl:function name="f:is-special" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="namespace-uri($e) eq $f:tei and $f:kinds(local-name($e)) = ('special', 'note')"/>
  </xsl:function>

  <xsl:function name="f:is-container" as="xs:boolean">
    <xsl:param name="e" as="node()?"/>
    <xsl:sequence select="$e instance of element() and not(f:is-paragraph($e)) and not(f:is-special($e))"/>
  </xsl:function>

  <!-- Whether a node's siblings are rendered as blocks (its parent is no paragraph). -->
  <xsl:function name="f:block-context" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="exists($n/parent::*) and not(f:is-paragraph($n/parent::*))"/>
  </xsl:function>

  <xsl:function name="f:next" as="node()?">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n/following-sibling::node()[self::element() or self::text()[normalize-space()]][1]"/>
  </xsl:function>

  <xsl:function name="f:previous" as="node()?">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n/preceding-sibling::node()[self::element() or self::text()[normalize-space()]][1]"/>
  </xsl:function>

  <!-- The paragraph that prints a page break standing between blocks: the first paragraph
       after it, looking into the containers that follow; none when a table, a list or the end
       comes first. -->
  <xsl:function name="f:pb-host" as="element()?">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="f:first-host(f:next($pb))"/>
  </xsl:function>

  <xsl:function name="f:first-host" as="element()?">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="
      if ($n/self::pb) then f:pb-host($n)
      else if ($n/self::label[parent::list]) then f:first-host(f:next($n))
      else if (f:is-paragraph($n)) then $n
      else if (f:is-container($n)) then f:first-host($n/node()[self::element() or self::text()[normalize-space()]][1])
      else ()"/>
  </xsl:function>

  <!-- The paragraph that prints a footnote standing between blocks: the one before it. -->
  <xsl:function name="f:note-host" as="element()?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="previous" select="f:previous($note)"/>
    <xsl:sequence select="if ($previous/self::note[f:is-footnote(.)]) then f:note-host($previous)
                          else $previous[f:is-paragraph(.)]"/>
  </xsl:function>

  <!-- Page breaks and footnotes between blocks, by the generate-id() of the paragraph that
       prints them: found once for the book, not looked for around every paragraph. -->
  <xsl:variable name="f:leading-pbs" as="map(xs:string, element()*)" select="map:merge(
      for $pb in /*/text//pb[f:block-context(.)] return f:pb-host($pb) ! map{generate-id(.): $pb},
      map{'duplicates': 'combine'})"/>
  <xsl:variable name="f:trailing-notes" as="map(xs:string, element()*)" select="map:merge(
      for $note in /*/text//note[f:is-footnote(.)][f:block-context(.)][not(tp:is-attached(.))]
      return f:note-host($note) ! map{generate-id(.): $note},
      map{'duplicates': 'combine'})"/>

  <!-- The content of a paragraph-like block: page breaks before it, its text, notes after it.
       (Looked up only where they can be: a page break's paragraph comes first in its container
       or after a page break or a list's label; a note's paragraph is followed by a note.) -->
  <xsl:template name="f:inline-content">
    <xsl:param name="prefix" as="xs:string" select="''"/>
    <xsl:if test="empty(preceding-sibling::*) or preceding-sibling::*[1][self::pb or self::label]">
      <xsl:apply-templates select="$f:leading-pbs(generate-id())" mode="inline"/>
    </xsl:if>
    <xsl:if test="$prefix"><xsl:value-of select="$prefix"/></xsl:if>
    <xsl:apply-templates mode="inline"/>
    <xsl:if test="following-sibling::*[1][self::note]">
      <xsl:apply-templates select="$f:trailing-notes(generate-id())" mode="inline"/>
    </xsl:if>
  </xsl:template>

  <!-- A block's content: text for a paragraph, blocks for a container. -->
  <!-- A dictionary sense begins with its number; the parts of an entry's line (orth, pos, def,
       cit: ../common/leiden.xsl) make one line, not a block each. -->
  <xsl:template name="f:content">
    <xsl:choose>
      <xsl:when test="f:is-paragraph(.)">
        <xsl:call-template name="f:sense-label"/>
        <xsl:call-template name="f:inline-content"/>
      </xsl:when>
      <xsl:when test="*[tp:is-dictionary-phrase(.)]">
        <xsl:variable name="e" select="."/>
        <xsl:for-each-group select="node()" group-adjacent="tp:is-dictionary-phrase(.) or (. instance of text() and not(normalize-space()))">
          <xsl:choose>
            <xsl:when test="current-grouping-key()">
              <fo:block>
                <xsl:if test="position() = 1">
                  <xsl:call-template name="f:sense-label"><xsl:with-param name="e" select="$e"/></xsl:call-template>
                </xsl:if>
                <xsl:apply-templates select="current-group()" mode="inline"/>
              </fo:block>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="current-group()[self::* or normalize-space()]"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="f:sense-label"/>
        <xsl:apply-templates select="* | text()[normalize-space()]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="f:sense-label">
    <xsl:param name="e" as="element()" select="."/>
    <xsl:for-each select="tp:sense-label($e)">
      <fo:inline font-weight="bold"><xsl:value-of select="."/></fo:inline>
      <xsl:text> </xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="f:id">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="f:id(.)"/>
    </xsl:if>
  </xsl:template>

  <!-- Containers and generic blocks. -->

  <xsl:template match="*">
    <fo:block>
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:rendition"><xsl:with-param name="block" select="true()"/></xsl:call-template>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- (Containers apply templates to their elements and to text that is not white space.) -->
  <xsl:template match="text()">
    <fo:block><xsl:value-of select="."/></fo:block>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction() | teiHeader | lb | cb | milestone | fw"/>

  <xsl:template match="anchor">
    <xsl:if test="@xml:id">
      <fo:block id="{f:id(.)}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text | front | body | back | group">
    <fo:block>
      <xsl:if test="@xml:id or tp:member-title(.)">
        <xsl:attribute name="id" select="f:id(.)"/>
      </xsl:if>
      <!-- The book's body and back begin a page; a text in a group runs on under its title. -->
      <xsl:if test="(self::body[preceding-sibling::front] or self::back) and not(parent::text/parent::group)">
        <xsl:attribute name="break-before" select="'page'"/>
      </xsl:if>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="div | floatingText | body[parent::floatingText]">
    <fo:block id="{f:id(.)}">
      <xsl:if test="self::div and parent::*[self::front | self::body | self::back][parent::text]
                    and preceding-sibling::*[not(self::pb)] and (child::div or parent::front or parent::back)">
        <xsl:attribute name="break-before" select="'page'"/>
      </xsl:if>
      <xsl:if test="self::floatingText">
        <xsl:attribute name="space-before" select="'14pt'"/>
      </xsl:if>
      <xsl:for-each select="tp:div-label(.)">
        <fo:block font-weight="bold" space-before="6pt" space-after="3pt" keep-with-next.within-page="always">
          <xsl:value-of select="."/>
        </fo:block>
      </xsl:for-each>
      <xsl:apply-templates select="* | text()[normalize-space()]"/>
    </fo:block>
  </xsl:template>

  <!-- A member of a corpus: its own title as a heading (its header is not printed), then its
       text, each member from a new page. -->
  <xsl:template match="TEI[parent::teiCorpus]">
    <fo:block id="{f:id(.)}">
      <xsl:if test="preceding-sibling::TEI">
        <xsl:attribute name="break-before" select="'page'"/>
      </xsl:if>
      <fo:block font-size="145%" line-height="1.25" text-align="center" text-align-last="center"
          space-after="14pt" keep-with-next.within-page="always" hyphenate="false">
        <xsl:value-of select="tp:title(.)"/>
      </fo:block>
      <xsl:apply-templates select="tp:texts(.)"/>
    </fo:block>
  </xsl:template>

  <!-- Headings. -->

  <xsl:function name="f:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="count($head/ancestor::*[head or tp:member-title(.)])"/>
  </xsl:function>

  <!-- The title of a text in a group (tp:member-title) heads it as a section of the whole. -->
  <xsl:template match="head | titlePart[. is tp:member-title(ancestor::text[1])]">
    <xsl:variable name="level" select="f:heading-level(.)"/>
    <xsl:variable name="document" select="exists(parent::div[@type = 'document'])"/>
    <fo:block keep-with-next.within-page="always" role="H{min(($level + 1, 6))}" hyphenate="false"
        space-after="{if ($level le 2) then '9pt' else '6pt'}">
      <xsl:call-template name="f:id"/>
      <xsl:choose>
        <xsl:when test="$document">
          <xsl:attribute name="font-weight" select="'bold'"/>
          <xsl:attribute name="text-align" select="'start'"/>
          <xsl:attribute name="font-size" select="'105%'"/>
          <xsl:attribute name="space-before" select="'18pt'"/>
        </xsl:when>
        <xsl:when test="$level le 1">
          <xsl:attribute name="font-size" select="'145%'"/>
          <xsl:attribute name="line-height" select="'1.25'"/>
          <xsl:attribute name="text-align" select="'center'"/>
          <xsl:attribute name="space-before" select="'6pt'"/>
          <xsl:attribute name="space-after" select="'14pt'"/>
        </xsl:when>
        <xsl:when test="$level = 2">
          <xsl:attribute name="font-size" select="'120%'"/>
          <xsl:attribute name="text-align" select="'center'"/>
          <xsl:attribute name="space-before" select="'16pt'"/>
        </xsl:when>
        <xsl:when test="$level = 3">
          <xsl:attribute name="font-size" select="'105%'"/>
          <xsl:attribute name="font-weight" select="'bold'"/>
          <xsl:attribute name="text-align" select="'center'"/>
          <xsl:attribute name="space-before" select="'13pt'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="font-style" select="'italic'"/>
          <xsl:attribute name="text-align" select="'center'"/>
          <xsl:attribute name="space-before" select="'11pt'"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:attribute name="text-align-last" select="if ($document) then 'start' else 'center'"/>
      <xsl:call-template name="f:rendition"><xsl:with-param name="block" select="true()"/></xsl:call-template>
      <xsl:variable name="division" select="generate-id(if (self::titlePart) then ancestor::text[1] else ..)"/>
      <xsl:if test="$level le 2 and (parent::div or parent::body or self::titlePart)">
        <fo:marker marker-class-name="section">
          <xsl:value-of select="f:running-head(($f:titles($division), f:plain(.))[1], ())"/>
        </fo:marker>
      </xsl:if>
      <xsl:call-template name="f:inline-content">
        <xsl:with-param name="prefix" select="($f:prefixes($division), '')[1]"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template match="list/head | table/head | figure/head | lg/head" priority="2">
    <fo:block keep-with-next.within-page="always" space-before="6pt" space-after="3pt" hyphenate="false"
        font-weight="{if (parent::figure) then 'normal' else 'bold'}"
        font-style="{if (parent::figure) then 'italic' else 'normal'}"
        text-align="{if (parent::list) then 'start' else 'center'}">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <!-- Paragraphs. A paragraph is indented unless it opens its division or follows a heading,
       a letter's opener or other non-paragraph. -->
  <xsl:template match="p | ab">
    <xsl:variable name="previous" select="preceding-sibling::*[not(self::pb | self::note | self::milestone | self::anchor)][1]"/>
    <xsl:variable name="indented" select="exists($previous/(self::p | self::ab)) and not(parent::note | parent::cell | parent::item)"/>
    <fo:block>
      <xsl:call-template name="f:id"/>
      <xsl:if test="$indented or parent::item or parent::l">
        <xsl:attribute name="text-indent" select="if ($indented) then '1.5em' else '0pt'"/>
      </xsl:if>
      <xsl:if test="parent::note or parent::cell or parent::item">
        <xsl:if test="preceding-sibling::*[self::p or self::ab]">
          <xsl:attribute name="space-before" select="'3pt'"/>
        </xsl:if>
      </xsl:if>
      <xsl:call-template name="f:rendition"><xsl:with-param name="block" select="true()"/></xsl:call-template>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <!-- Quotations set off from the text. -->
  <xsl:template match="quote | q | cit | epigraph">
    <fo:block margin-left="2em" margin-right="1em" space-before="5pt" space-after="5pt"
        font-size="95%" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- Drama and speeches: who speaks (where no speaker element says it), stage directions in
       italics, the cast as a list. A speech carries an id: the index of names cites it. -->
  <xsl:template match="sp | u">
    <fo:block id="{f:id(.)}" space-before="4pt" text-indent="0pt">
      <xsl:for-each select="tp:speaker(.)">
        <fo:block font-weight="bold" keep-with-next.within-page="always"><xsl:value-of select="."/></fo:block>
      </xsl:for-each>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="speaker">
    <fo:block font-weight="bold" keep-with-next.within-page="always" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="stage | note[tp:is-incident(.)] | kinesic | incident | vocal">
    <fo:block font-style="italic" space-before="2pt" space-after="2pt" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <!-- a stage direction's own id is the block's -->
      <xsl:apply-templates select="if (self::stage) then node() else ." mode="inline"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="castItem | castGroup">
    <fo:block start-indent="inherited-property-value(start-indent) + 1.5em" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- Verse. -->
  <xsl:template match="lg">
    <fo:block margin-left="2em" space-before="5pt" space-after="5pt" text-align="start" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- A verse line; every fifth line's number (../common/reading.xsl) at the end of the measure. -->
  <xsl:template match="l">
    <xsl:variable name="number" select="tp:line-number(.)"/>
    <fo:block text-align="start" text-align-last="{if ($number) then 'justify' else 'start'}"
        start-indent="inherited-property-value(start-indent) + 1.5em" text-indent="-1.5em">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
      <xsl:for-each select="$number">
        <fo:leader leader-pattern="space"/>
        <fo:inline font-size="80%"><xsl:value-of select="."/></fo:inline>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- A documentary transcription (sourceDoc): each zone set apart, as in the web edition;
       each written line (line) a line of its own. -->
  <xsl:template match="zone">
    <fo:block space-before="0.5em" space-after="0.5em">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- Letters. -->

  <xsl:template match="opener">
    <fo:block space-before="4pt" space-after="8pt" keep-with-next.within-page="always">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="dateline">
    <fo:block text-align="end" text-align-last="end" space-after="6pt"
        keep-with-next.within-page="always">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="salute">
    <fo:block space-before="3pt">
      <xsl:call-template name="f:id"/>
      <xsl:if test="ancestor::closer">
        <xsl:attribute name="start-indent" select="'50%'"/>
      </xsl:if>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <!-- The closing and signature stand in the right half of the measure, flush right. -->
  <xsl:template match="closer">
    <fo:block space-before="8pt" space-after="8pt" text-align="end" text-align-last="end"
        keep-together.within-page="always">
      <xsl:call-template name="f:id"/>
      <xsl:choose>
        <xsl:when test="f:is-paragraph(.)">
          <fo:block start-indent="50%"><xsl:call-template name="f:inline-content"/></fo:block>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="* | text()[normalize-space()]"/></xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <xsl:template match="signed">
    <fo:block start-indent="50%" space-before="3pt" text-align="end" text-align-last="end">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="postscript">
    <fo:block space-before="8pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="trailer | byline | docAuthor | docDate">
    <fo:block text-align="center" text-align-last="center" space-before="6pt" space-after="6pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <!-- The source's own title page. -->
  <xsl:template match="titlePage">
    <fo:block text-align="center" text-align-last="center" space-after="12pt"
        break-after="page">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="titlePart">
    <fo:block font-size="{if (preceding-sibling::titlePart) then '115%' else '140%'}" line-height="1.3"
        space-before="10pt" text-align="center" text-align-last="center">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="docImprint">
    <fo:block space-before="24pt" text-align="center" text-align-last="center">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:content"/>
    </fo:block>
  </xsl:template>

  <!-- A figure shows the images the pipeline serves FOP (../common/images.xsl), each scaled
       down to the width of the text, with its heading below. A graphic without one is not
       reproduced: a small frame marks the place, and the heading or description stands beside
       it. The image, or the frame, is the PDF's Figure, its alternative text the figure's
       description (figDesc), else its heading. -->
  <xsl:template match="figure[graphic ! tp:image-src(.)]" priority="1">
    <fo:block text-align="center" text-align-last="center" space-before="6pt" space-after="6pt" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:apply-templates select="graphic"/>
      <xsl:for-each select="head">
        <fo:block font-style="italic" font-size="90%" space-before="3pt" keep-with-previous.within-page="always">
          <xsl:call-template name="f:inline-content"/>
        </fo:block>
      </xsl:for-each>
    </fo:block>
    <xsl:apply-templates select="* except (head | figDesc | graphic)"/>
  </xsl:template>

  <xsl:template match="figure">
    <fo:block text-align="center" text-align-last="center" font-style="italic" font-size="90%"
        space-before="6pt" space-after="6pt" text-indent="0pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:figure-mark">
        <xsl:with-param name="description" select="(figDesc, head, graphic/desc)[1]"/>
      </xsl:call-template>
      <xsl:text> [</xsl:text>
      <xsl:for-each select="(head | figDesc)[1]">
        <xsl:call-template name="f:inline-content"/>
      </xsl:for-each>
      <xsl:if test="not(head | figDesc)">figure</xsl:if>
      <xsl:text>]</xsl:text>
    </fo:block>
    <xsl:apply-templates select="* except (head | figDesc | graphic)"/>
  </xsl:template>

  <xsl:template match="graphic[tp:image-src(.)]" priority="1">
    <fo:block text-align="center" text-align-last="center" text-indent="0pt">
      <xsl:apply-templates select="." mode="inline"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="graphic">
    <fo:block text-align="center" font-style="italic" font-size="90%">
      <xsl:call-template name="f:figure-mark">
        <xsl:with-param name="description" select="desc[1]"/>
      </xsl:call-template>
      <xsl:text> [figure]</xsl:text>
    </fo:block>
  </xsl:template>

  <xsl:template name="f:figure-mark">
    <xsl:param name="description" as="element()?"/>
    <fo:instream-foreign-object content-height="0.9em" fox:alt-text="{(($description ! f:plain(.))[normalize-space()], 'A figure of the source, not reproduced')[1]}">
      <svg:svg width="12" height="9" viewBox="0 0 12 9">
        <svg:rect x="0.5" y="0.5" width="11" height="8" fill="none" stroke="#555555" stroke-width="0.6"/>
        <svg:path d="M1.5 7.5 L4.5 3.5 L7 6 L10.5 2" fill="none" stroke="#555555" stroke-width="0.6"/>
      </svg:svg>
    </fo:instream-foreign-object>
  </xsl:template>

  <!-- Lists: label and item pairs, numbered or bulleted lists as list-blocks; others (tables of
       contents, indexes, lists of names) as paragraphs with a hanging indent. -->
  <xsl:template match="list">
    <xsl:variable name="rend" select="tokenize(@rend, '\s+')"/>
    <xsl:variable name="labels" as="xs:string*" select="
      if (label) then ()
      else if (@type = ('ordered', 'numbered') or $rend = ('numbered', 'ordered')) then (for $i in 1 to count(item) return $i || '.')
      else if (@type = ('bulleted', 'unordered') or $rend = ('bulleted', 'bullets')) then item ! '•'
      else if (item/@n) then item ! string(@n)
      else ()"/>
    <fo:block space-before="4pt" space-after="4pt" text-indent="0pt" text-align="start">
      <xsl:call-template name="f:id"/>
      <xsl:if test="parent::item">
        <xsl:attribute name="margin-left" select="'1.2em'"/>
        <xsl:attribute name="space-before" select="'1pt'"/>
      </xsl:if>
      <xsl:apply-templates select="head"/>
      <xsl:choose>
        <xsl:when test="label or exists($labels)">
          <xsl:variable name="all-labels" select="if (label) then label ! f:plain(.) else $labels"/>
          <xsl:variable name="width" select="max(($all-labels ! string-length(.), 1))"/>
          <xsl:if test="item">
            <fo:list-block provisional-distance-between-starts="{0.55 * $width + 0.9}em"
                provisional-label-separation="0.5em">
              <xsl:for-each select="item">
                <xsl:variable name="position" select="position()"/>
                <xsl:variable name="label" select="if (../label) then preceding-sibling::*[1][self::label] else ()"/>
                <fo:list-item space-before="2pt">
                  <fo:list-item-label end-indent="label-end()">
                    <fo:block text-align="end" text-align-last="end">
                      <xsl:choose>
                        <xsl:when test="$label">
                          <xsl:for-each select="$label"><xsl:call-template name="f:inline-content"/></xsl:for-each>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="$labels[$position]"/></xsl:otherwise>
                      </xsl:choose>
                    </fo:block>
                  </fo:list-item-label>
                  <fo:list-item-body start-indent="body-start()">
                    <fo:block>
                      <xsl:call-template name="f:id"/>
                      <xsl:call-template name="f:inline-content"/>
                    </fo:block>
                  </fo:list-item-body>
                </fo:list-item>
              </xsl:for-each>
            </fo:list-block>
          </xsl:if>
          <xsl:apply-templates select="* except (head | item | label[following-sibling::*[1][self::item]])"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="(* | text()[normalize-space()]) except head"/>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <xsl:template match="item">
    <fo:block margin-left="1.2em" text-indent="-1.2em" space-before="1pt">
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="list/label">
    <fo:block font-weight="bold" keep-with-next.within-page="always" space-before="3pt">
      <xsl:call-template name="f:inline-content"/>
    </fo:block>
  </xsl:template>

  <!-- Tables: fixed layout over the measure, columns as wide as their content suggests. -->
  <xsl:template match="table">
    <xsl:variable name="rows" select="row"/>
    <xsl:apply-templates select="head"/>
    <xsl:if test="$rows">
      <xsl:variable name="bordered" select="tokenize(@rend, '\s+') = ('bordered', 'border', 'rules')"/>
      <xsl:variable name="spans" select="exists($rows/cell/@cols)"/>
      <xsl:variable name="columns" select="max((if ($spans) then $rows ! sum(cell ! f:span(@cols)) else $rows ! count(cell),
                                                f:span(@cols), 1))"/>
      <fo:table table-layout="fixed" width="100%" border-collapse="collapse" font-size="88%"
          line-height="1.25" space-before="6pt" space-after="8pt" text-align="start" text-indent="0pt">
        <xsl:call-template name="f:id"/>
        <xsl:if test="$bordered">
          <xsl:attribute name="border" select="'0.5pt solid black'"/>
        </xsl:if>
        <xsl:variable name="widths" select="f:column-widths($rows, $columns, $spans)"/>
        <xsl:for-each select="$widths">
          <fo:table-column column-number="{position()}" column-width="proportional-column-width({format-number(., '0.#')})"/>
        </xsl:for-each>
        <xsl:variable name="header" select="$rows[1][@role = 'label' or (cell and not(cell[not(@role = 'label')]))]"/>
        <xsl:if test="$header and count($rows) gt 1">
          <fo:table-header font-weight="bold" start-indent="3pt" end-indent="3pt">
            <xsl:apply-templates select="$header">
              <xsl:with-param name="bordered" select="$bordered" tunnel="yes"/>
            </xsl:apply-templates>
          </fo:table-header>
        </xsl:if>
        <!-- Cells inherit indents: here the space at either side of each cell's text (and not
             the indentation of a quotation the table stands in). -->
        <fo:table-body start-indent="3pt" end-indent="3pt">
          <xsl:apply-templates select="if ($header and count($rows) gt 1) then $rows except $header else $rows">
            <xsl:with-param name="bordered" select="$bordered" tunnel="yes"/>
          </xsl:apply-templates>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <xsl:apply-templates select="* except (head | row | pb[following-sibling::row])"/>
  </xsl:template>

  <!--
    Column widths in characters, for proportional-column-width(): each column at least as wide
    as its longest word, the room left shared by how much text the columns hold. The measure
    holds some 70 to 90 characters of table text.
  -->
  <xsl:function name="f:column-widths" as="xs:double*">
    <xsl:param name="rows" as="element()*"/>
    <xsl:param name="columns" as="xs:integer"/>
    <xsl:param name="spans" as="xs:boolean"/>
    <xsl:variable name="room" select="70"/>
    <!-- The cells that span no columns, by column: without spans the column's cell of each row. -->
    <xsl:variable name="placed" as="array(*)*" select="if ($spans) then f:placed-cells($rows) else ()"/>
    <xsl:variable name="measures" as="array(*)*" select="
      for $i in 1 to $columns
      return f:column-measure(if ($spans) then $placed[?1 eq $i] ! f:cell-text(?2) else $rows/cell[$i] ! f:cell-text(.))"/>
    <xsl:variable name="least" select="sum($measures ! ?1)"/>
    <xsl:variable name="wanted" select="sum($measures ! ?2)"/>
    <xsl:sequence select="
      if ($wanted le $room or $least ge $room) then $measures ! (if ($wanted le $room) then ?2 else ?1)
      else $measures ! (?1 + (?2 - ?1) * ($room - $least) div ($wanted - $least))"/>
  </xsl:function>

  <!-- Each cell that spans no columns, as [its column, the cell], in a table with spans. -->
  <xsl:function name="f:placed-cells" as="array(*)*">
    <xsl:param name="rows" as="element()*"/>
    <xsl:for-each select="$rows">
      <xsl:iterate select="cell">
        <xsl:param name="column" as="xs:integer" select="1"/>
        <xsl:variable name="span" select="f:span(@cols)"/>
        <xsl:if test="$span eq 1">
          <xsl:sequence select="[$column, .]"/>
        </xsl:if>
        <xsl:next-iteration><xsl:with-param name="column" select="$column + $span"/></xsl:next-iteration>
      </xsl:iterate>
    </xsl:for-each>
  </xsl:function>

  <!-- A cell's text as printed: with the page numbers of the original it holds, and this book's
       page after each pointer into it (three digits: "p. 283)" is one word, as its space does
       not break). -->
  <xsl:function name="f:cell-text" as="xs:string">
    <xsl:param name="cell" as="element()"/>
    <xsl:sequence select="string-join(($cell, $cell//pb/@n ! ('[' || . || ']'),
                                       ($cell//ref[@target] | $cell//ptr[@target])[exists(f:destination(.))] ! ($f:here-page || '000)')), ' ')"/>
  </xsl:function>

  <!-- [least, wanted] width of a column of these texts: at least its longest word, wanted as
       much as its texts hold on average. -->
  <xsl:function name="f:column-measure" as="array(*)">
    <xsl:param name="texts" as="xs:string*"/>
    <xsl:variable name="word" select="max(($texts ! tokenize(.) ! string-length(.), 1))"/>
    <xsl:variable name="least" select="$word * 1.15 + 2.5"/>
    <xsl:sequence select="[$least, max(($least, min((avg(($texts ! string-length(.), 0)) * 1.2, 60))))]"/>
  </xsl:function>

  <xsl:function name="f:span" as="xs:integer">
    <xsl:param name="cols" as="attribute()?"/>
    <xsl:sequence select="if ($cols castable as xs:integer and xs:integer($cols) gt 0) then xs:integer($cols) else 1"/>
  </xsl:function>

  <xsl:template match="row">
    <fo:table-row keep-together.within-page="always">
      <xsl:if test="@role = 'label'">
        <xsl:attribute name="font-weight" select="'bold'"/>
      </xsl:if>
      <xsl:apply-templates select="cell"/>
      <xsl:if test="not(cell)">
        <fo:table-cell><fo:block/></fo:table-cell>
      </xsl:if>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="cell">
    <xsl:param name="bordered" as="xs:boolean" tunnel="yes" select="false()"/>
    <fo:table-cell>
      <xsl:if test="$bordered">
        <xsl:attribute name="border" select="'0.4pt solid black'"/>
      </xsl:if>
      <xsl:if test="@cols and f:span(@cols) gt 1">
        <xsl:attribute name="number-columns-spanned" select="f:span(@cols)"/>
      </xsl:if>
      <xsl:if test="@rows and f:span(@rows) gt 1">
        <xsl:attribute name="number-rows-spanned" select="f:span(@rows)"/>
      </xsl:if>
      <xsl:if test="@role = 'label'">
        <xsl:attribute name="font-weight" select="'bold'"/>
      </xsl:if>
      <fo:block>
        <xsl:call-template name="f:id"/>
        <xsl:call-template name="f:rendition"><xsl:with-param name="block" select="true()"/></xsl:call-template>
        <!-- page breaks standing between rows are printed in the first cell after them -->
        <xsl:if test="not(preceding-sibling::cell)">
          <xsl:apply-templates select="../preceding-sibling::pb[following-sibling::row[1] is current()/..]
                                       | preceding-sibling::pb" mode="inline"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="* and f:has-blocks(.)">
            <xsl:apply-templates select="* | text()[normalize-space()]"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="f:inline-content"/>
          </xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- A page break between blocks that no paragraph follows stands on a line of its own. -->
  <xsl:template match="pb">
    <xsl:if test="empty(f:pb-host(.))">
      <fo:block keep-with-next.within-page="always">
        <xsl:apply-templates select="." mode="inline"/>
      </fo:block>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
