<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition of a volume (layout.xsl, $h:split): a page per document and per division of
  the front and back matter, and a contents page, all written in one pass.

  In:  the volume; $stem (the file name of the source without extension: the volume's folder),
       $base-url, $downloads.
  Out: a sequence of pages, each after a processing instruction <?tp-page NAME?> that
       pipeline/html.py cuts the result at:
       index.html   the volume's title, its front matter, its chapters and compilations (each
                    division that holds documents, with its heading) listing each document's
                    number, title and date, then its back matter;
       NAME.html    one page division: breadcrumb (volume › chapter › document), the division
                    with its notes, "cite this", downloads, previous and next page; citation_*
                    meta tags (Google Scholar) and, with $base-url, the canonical address.
       Page breaks between two documents are shown (and linked to) at the start of the next.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:param="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <xsl:param name="base-url" as="xs:string" select="''"
      param:doc="Address the edition is published at (with its final /): the canonical address of each page of a volume, in its citation."/>
  <xsl:param name="downloads" as="xs:string" select="''"
      param:doc="Formats built beside the web edition that each page of a volume offers for download: 'pdf', 'txt' or 'pdf txt'."/>
  <!-- Given by the pipeline; not a user's setting (no atomic type, see pipeline/params.py). -->
  <xsl:param name="stem" as="xs:string?" select="()"/>

  <xsl:variable name="h:volume-title" as="xs:string" select="tp:title(/)"/>
  <xsl:variable name="h:folder" as="xs:string" select="encode-for-uri(($stem, tp:document-id(/*))[1])"/>

  <!-- The divisions that hold documents (chapters, compilations), shown on the contents page. -->
  <xsl:variable name="h:parts" as="element(tei:div)*"
      select="(tp:documents(/) ! ancestor::tei:div) | ()"/>
  <xsl:variable name="h:part-ids" as="map(xs:string, xs:string)"
      select="map:merge(for $i in 1 to count($h:parts) return
              map{generate-id($h:parts[$i]): (string($h:parts[$i]/@xml:id)[.], 'tp-part-' || $i)[1]})"/>

  <!-- Page breaks and anchors outside the pages, by the page they are shown on. -->
  <xsl:variable name="h:leading" as="map(xs:string, element()*)">
    <xsl:map>
      <xsl:for-each-group select="(/*/tei:text//(tei:pb | tei:anchor | tei:milestone | tei:cb))
                                  [empty(ancestor::tei:div[map:contains($h:page-names, generate-id(.))])]"
          group-by="h:page-file(.)">
        <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:template match="document-node()[$h:split]" priority="1">
    <xsl:call-template name="h:contents-page"/>
    <xsl:variable name="pages" select="$h:page-divs"/>
    <xsl:for-each select="$pages">
      <xsl:variable name="i" select="position()"/>
      <xsl:call-template name="h:volume-page">
        <xsl:with-param name="previous" select="$pages[$i - 1]"/>
        <xsl:with-param name="next" select="$pages[$i + 1]"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- A division's title: its first head without notes (a line break as a space); else its
       number or type. (Asked three times per page, by the page and its neighbours' pagers.) -->
  <xsl:function name="h:div-title" as="xs:string" cache="yes">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(normalize-space(string-join(for $n in $div/tei:head[1]//(text() | tei:lb)[not(ancestor::tei:note)]
                                                       return if ($n/self::tei:lb) then ' ' else string($n))),
                           $div/@n ! ('Document ' || normalize-space(.)),
                           $div/@type ! normalize-space(.), 'Untitled')[.][1]"/>
  </xsl:function>

  <!-- ===== The contents page ===== -->

  <xsl:template name="h:contents-page">
    <xsl:processing-instruction name="tp-page" select="'index.html'"/>
    <html lang="{tp:language(.)}">
      <xsl:call-template name="h:head">
        <xsl:with-param name="title" select="$h:volume-title"/>
        <xsl:with-param name="up" select="'../'"/>
        <xsl:with-param name="meta" select="h:canonical('index.html')"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="h:banner">
          <xsl:with-param name="up" select="'../'"/>
        </xsl:call-template>
        <main id="main" class="contents">
          <h1><xsl:value-of select="$h:volume-title"/></h1>
          <xsl:apply-templates select="$h:leading('index.html')" mode="h:inline"/>
          <xsl:call-template name="h:matter">
            <xsl:with-param name="label" select="'Front matter'"/>
            <xsl:with-param name="pages" select="$h:page-divs[ancestor::tei:front][not(@type = 'document')]"/>
          </xsl:call-template>
          <xsl:for-each select="/*/tei:text/tei:body">
            <xsl:call-template name="h:contents-of">
              <xsl:with-param name="level" select="2"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="h:matter">
            <xsl:with-param name="label" select="'Back matter'"/>
            <xsl:with-param name="pages" select="$h:page-divs[ancestor::tei:back][not(@type = 'document')]"/>
          </xsl:call-template>
        </main>
        <xsl:call-template name="h:footer">
          <xsl:with-param name="source" select="tokenize(string(base-uri(/*)), '/')[last()]"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="h:matter">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="pages" as="element()*"/>
    <xsl:if test="exists($pages)">
      <section class="matter">
        <h2><xsl:value-of select="$label"/></h2>
        <ul>
          <xsl:for-each select="$pages">
            <li><a href="{h:page-name(.)}"><xsl:value-of select="h:div-title(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The documents and parts in the context division, in their order: runs of documents as
       lists, each part as a section with its heading. -->
  <xsl:template name="h:contents-of">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:for-each-group select="tei:div[@type = 'document' or map:contains($h:part-ids, generate-id(.))]"
        group-adjacent="@type = 'document'">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <ol class="documents">
            <xsl:apply-templates select="current-group()" mode="h:contents"/>
          </ol>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="current-group()">
            <section class="part" id="{$h:part-ids(generate-id(.))}">
              <xsl:element name="h{min((6, $level))}">
                <xsl:apply-templates select="tei:head[1]/@xml:id" mode="h:attribute"/>
                <xsl:apply-templates select="(tei:head[1]/node()[not(self::tei:note)], h:div-title(.)[not(current()/tei:head)])"
                    mode="h:inline"/>
              </xsl:element>
              <xsl:apply-templates select="* except (tei:head[1] | tei:div | tei:pb | tei:cb | tei:anchor | tei:milestone)"/>
              <xsl:call-template name="h:contents-of">
                <xsl:with-param name="level" select="$level + 1"/>
              </xsl:call-template>
            </section>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="tei:div" mode="h:contents">
    <xsl:variable name="date" select="tp:div-date(.)"/>
    <li>
      <xsl:if test="normalize-space(@n)">
        <span class="doc-number"><xsl:value-of select="normalize-space(@n)"/>. </span>
      </xsl:if>
      <a href="{h:page-name(.)}"><xsl:value-of select="h:div-title(.)"/></a>
      <xsl:if test="$date">
        <xsl:text> </xsl:text>
        <xsl:call-template name="h:date">
          <xsl:with-param name="value" select="$date"/>
        </xsl:call-template>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="h:date">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="datetime" select="h:datetime($value)"/>
    <xsl:element name="{if ($datetime) then 'time' else 'span'}">
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="$datetime">
        <xsl:attribute name="datetime" select="$datetime"/>
      </xsl:if>
      <xsl:value-of select="(tp:format-iso($value), $value)[1]"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== A page of the volume ===== -->

  <xsl:template name="h:volume-page">
    <xsl:param name="previous" as="element()?"/>
    <xsl:param name="next" as="element()?"/>
    <xsl:variable name="name" select="h:page-name(.)"/>
    <xsl:variable name="title" select="h:div-title(.)"/>
    <xsl:processing-instruction name="tp-page" select="$name"/>
    <html lang="{tp:language(.)}">
      <xsl:call-template name="h:head">
        <xsl:with-param name="title" select="$title || ' — ' || $h:volume-title"/>
        <xsl:with-param name="up" select="'../'"/>
        <xsl:with-param name="meta" select="h:canonical($name), h:citation-meta(., $title, $name)"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="h:banner">
          <xsl:with-param name="up" select="'../'"/>
        </xsl:call-template>
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li><a href="index.html"><xsl:value-of select="$h:volume-title"/></a></li>
            <xsl:for-each select="ancestor::tei:div[map:contains($h:part-ids, generate-id(.))]">
              <li><a href="index.html#{$h:part-ids(generate-id(.))}"><xsl:value-of select="h:div-title(.)"/></a></li>
            </xsl:for-each>
            <li aria-current="page"><xsl:value-of select="(@n[../@type = 'document'] ! ('Document ' || normalize-space(.)), $title)[1]"/></li>
          </ol>
        </nav>
        <main id="main">
          <article class="tei">
            <xsl:apply-templates select="$h:leading($name)" mode="h:inline"/>
            <xsl:apply-templates select="."/>
          </article>
          <xsl:call-template name="h:cite">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="name" select="$name"/>
          </xsl:call-template>
        </main>
        <nav class="pager" aria-label="Previous and next">
          <ul>
            <xsl:for-each select="$previous">
              <li><a rel="prev" href="{h:page-name(.)}">← <xsl:value-of select="h:div-title(.)"/></a></li>
            </xsl:for-each>
            <li><a href="index.html">Contents</a></li>
            <xsl:for-each select="$next">
              <li><a rel="next" href="{h:page-name(.)}"><xsl:value-of select="h:div-title(.)"/> →</a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <xsl:call-template name="h:footer">
          <xsl:with-param name="source" select="tokenize(string(base-uri(/*)), '/')[last()]"/>
        </xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- The page's stable address, with $base-url. -->
  <xsl:function name="h:url" as="xs:string?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="$base-url[.] ! (. || $h:folder || '/' || $name)"/>
  </xsl:function>

  <xsl:function name="h:canonical" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:for-each select="h:url($name)">
      <link rel="canonical" href="{.}"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="h:publication-date" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="tp:header($node) ! h:header-publication-date(.)"/>
  </xsl:function>

  <!-- (The volume's own publication, which a citation names: not the date of its texts.) Asked
       by every page of a volume, all with one header: a memo function. -->
  <xsl:function name="h:header-publication-date" as="xs:string?" cache="yes">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="(($header/tei:fileDesc/tei:publicationStmt/tei:date, tp:document-date($header))
                           ! (@when, normalize-space(.)))[.][1]"/>
  </xsl:function>

  <!-- Google Scholar's meta tags for a part of a book. -->
  <xsl:function name="h:citation-meta" as="element()*">
    <xsl:param name="div" as="element()"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="h:meta('citation_title', $title), tp:header($div) ! h:book-meta(.),
                          h:meta('citation_date', string(tp:div-date($div))),
                          h:meta('citation_public_url', string(h:url($name)))"/>
  </xsl:function>

  <!-- The tags about the book, the same on every page of a volume: made once (a memo function). -->
  <xsl:function name="h:book-meta" as="element()*" cache="yes">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:sequence select="h:meta('citation_inbook_title', $h:volume-title),
        h:meta('citation_volume', normalize-space($header/tei:fileDesc/tei:titleStmt/tei:title[@type = 'volumenumber'][1])),
        h:meta('citation_publisher', normalize-space($header/tei:fileDesc/tei:publicationStmt/tei:publisher[1])),
        h:meta('citation_publication_date', string(h:header-publication-date($header)))"/>
  </xsl:function>

  <xsl:function name="h:meta" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="content" as="xs:string"/>
    <xsl:if test="$content">
      <meta name="{$name}" content="{$content}"/>
    </xsl:if>
  </xsl:function>

  <xsl:template name="h:cite">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="url" select="h:url($name)"/>
    <xsl:variable name="published" select="h:publication-date(.)"/>
    <section class="cite" aria-labelledby="tp-cite">
      <h2 id="tp-cite">Cite this</h2>
      <p>
        <xsl:text>“</xsl:text>
        <xsl:value-of select="$title"/>
        <xsl:text>,” </xsl:text>
        <xsl:if test="@type = 'document' and normalize-space(@n)">
          <xsl:value-of select="'document ' || normalize-space(@n) || ', '"/>
        </xsl:if>
        <xsl:text>in </xsl:text>
        <cite><xsl:value-of select="$h:volume-title"/></cite>
        <xsl:value-of select="$published ! (' (' || . || ')')"/>
        <xsl:text>.</xsl:text>
        <xsl:for-each select="$url">
          <xsl:text> </xsl:text>
          <a href="{.}"><xsl:value-of select="."/></a>
        </xsl:for-each>
      </p>
      <xsl:variable name="files" select="tokenize($downloads)[. = ('pdf', 'txt')]"/>
      <xsl:if test="exists($files)">
        <p class="downloads">
          <xsl:text>The volume as </xsl:text>
          <xsl:for-each select="$files">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="../../{.}/{$h:folder}.{.}" download=""><xsl:value-of select="upper-case(.)"/></a>
          </xsl:for-each>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- A term pointing to its entry in a glossary of the same source links to it (on whichever
       page of a volume the glossary is). -->
  <xsl:template match="tei:term[starts-with(@ref, '#') or starts-with(@corresp, '#')]" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" select="if ($in-link) then () else h:local-href(string((@ref, @corresp)[1]), .)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a class="term" href="{$href}">
          <xsl:next-match>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:next-match>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
