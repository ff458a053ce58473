<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which page of the web edition each element of a source is on: one page for a short text; for
  a volume (../common/volume.xsl, tp:is-volume) a folder of pages: one per document and per
  division of the front and back matter (named by its xml:id, "tp-" before an id that is
  "index" or starts with "tp-", else "tp-page-N"), and the
  contents page, index.html, for everything else (chapter headings). Page breaks and anchors
  between two pages belong to the next page, where the text they mark begins. Also where a
  pointer leads: "#id" to the page of the element it names; "vol#id", where "vol" is no file
  (no extension), to that volume of the series at $series-url ({series-url}{vol}/{id}, the
  addresses of history.state.gov).

  In:  the principal source document (global tables over "/"); $split, $series-url.
  Out: $h:split        whether "/" is laid out as a volume
       $h:up           the way from a page to the collection pages ('../' in a volume's folder)
       $h:page-divs        the page divisions, in document order
  Functions (namespace urn:x-teipipe:html, prefix h):
    h:page-name($div as element()) as xs:string        file name of a page division
    h:page-file($e as element()) as xs:string          file name of the page showing $e
    h:page-ordinals($nodes as element()*) as map(xs:string, xs:integer)  numbers counted per page
    h:on-page($sections as element()*, $node as node()) as element()*  the sections a page shows
    h:local-href($target as xs:string, $from as element()) as xs:string?  "#id" seen from $from
    h:series-href($pointer as xs:string) as xs:string?  "vol#id" as an address in the series
    h:file-href($pointer as xs:string, $from as element()) as xs:string?  "file.xml#id" seen from $from
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

  <xsl:param name="split" as="xs:string" select="'auto'" param:values="auto never always"
      param:doc="A page per document with a contents page (auto: for a source of more than one div[@type='document'])."/>
  <xsl:param name="series-url" as="xs:string" select="'https://history.state.gov/historicaldocuments/'"
      param:doc="Where pointers into other volumes of the series lead ('frus1918Russiav01#pg_135': the volume's id, then the id)."/>

  <!-- Given by the pipeline: the other documents of the edition that pointers name. -->
  <xsl:param name="files" as="document-node()*" select="()"/>

  <xsl:variable name="h:split" as="xs:boolean" select="tp:is-volume(/, $split)"/>
  <xsl:variable name="h:up" as="xs:string" select="if ($h:split) then '../' else ''"/>

  <xsl:variable name="h:page-divs" as="element(tei:div)*" select="if ($h:split) then h:page-divs-of(/) else ()"/>

  <!-- generate-id of each page division → its file name. -->
  <xsl:variable name="h:page-names" as="map(xs:string, xs:string)"
      select="if ($h:split) then h:page-names-of(/) else map{}"/>

  <!-- The page divisions of a volume (this source, or another file of the edition). -->
  <xsl:function name="h:page-divs-of" as="element(tei:div)*">
    <xsl:param name="root" as="document-node()"/>
    <xsl:sequence select="($root/*/tei:text/tei:front/tei:div[not(.//tei:div[@type = 'document'])], tp:documents($root),
                           $root/*/tei:text/tei:back/tei:div[not(.//tei:div[@type = 'document'])]) | ()"/>
  </xsl:function>

  <xsl:function name="h:page-names-of" as="map(xs:string, xs:string)" cache="yes">
    <xsl:param name="root" as="document-node()"/>
    <xsl:variable name="divs" select="h:page-divs-of($root)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($divs) return map{generate-id($divs[$i]):
                          let $id := string($divs[$i]/@xml:id)
                          return (if (not(matches($id, '^[A-Za-z0-9][A-Za-z0-9._-]*$'))) then 'tp-page-' || $i
                                  else if ($id = 'index' or starts-with($id, 'tp-')) then 'tp-' || $id
                                  else $id) || '.html'})"/>
  </xsl:function>

  <xsl:function name="h:page-name" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$h:page-names(generate-id($div))"/>
  </xsl:function>

  <xsl:function name="h:page-file" as="xs:string" cache="yes">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="page" select="$e/ancestor-or-self::tei:div[map:contains($h:page-names, generate-id(.))]"/>
    <xsl:sequence select="
      if (exists($page)) then h:page-name($page)
      else if ($e[self::tei:pb | self::tei:anchor | self::tei:milestone | self::tei:cb])
        then ($e/following::tei:div[map:contains($h:page-names, generate-id(.))][1] ! h:page-name(.), 'index.html')[1]
      else 'index.html'"/>
  </xsl:function>

  <!-- generate-id of each of $nodes (in document order) → its ordinal among those on its page:
       the number of an id made up for it, which is then the same on a document's page whether
       the document was built in its volume or from a file of its own. -->
  <xsl:function name="h:page-ordinals" as="map(xs:string, xs:integer)">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:map>
      <xsl:for-each-group select="$nodes" group-by="if ($h:split) then h:page-file(.) else ''">
        <xsl:for-each select="current-group()">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>

  <!-- The sections of $sections (ancestors of $node) that its page shows: in a volume, from the
       page's division down (the chapters above it are in the breadcrumb), so that a document's
       headings have the same levels on its page whether it was built in its volume or alone. -->
  <xsl:function name="h:on-page" as="element()*">
    <xsl:param name="sections" as="element()*"/>
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="page" select="if ($h:split) then $node/ancestor-or-self::tei:div[map:contains($h:page-names, generate-id(.))][1] else ()"/>
    <xsl:sequence select="if (empty($page)) then $sections else $sections[not(. &lt;&lt; $page)]"/>
  </xsl:function>

  <!-- A pointer that names no element is no link. -->
  <xsl:function name="h:local-href" as="xs:string?">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="from" as="element()"/>
    <xsl:variable name="to" select="tp:resolve($target, $from)[1]"/>
    <xsl:variable name="file" select="if ($h:split) then $to ! h:page-file(.) else ()"/>
    <xsl:sequence select="if (empty($to)) then ()
                          else if (empty($file) or $file = h:page-file($from)) then $target else $file || $target"/>
  </xsl:function>

  <!-- A pointer into another document of the edition ("l2.xml#p3", "../letters/l2.xml"): the
       page showing the element it names (pages are written side by side in one folder, a
       volume's in its own). Nothing for a file the edition does not hold (the pipeline gives the
       stylesheets every file of the edition a pointer names: $authorities, $files), for an id
       that file lacks, and for an authority file, which has no page (its entries are on the index
       pages, for the names that point to them). -->
  <xsl:function name="h:file-href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="element()"/>
    <xsl:variable name="id" select="substring-after($pointer, '#')"/>
    <xsl:variable name="file" select="substring-before($pointer || '#', '#')"/>
    <xsl:variable name="doc" select="(tp:authority($file, $from), tp:file($file, $from, $files))[1]"/>
    <xsl:variable name="target" select="if ($id) then $doc ! key('tp:id', $id, .)[1] else ()"/>
    <xsl:sequence select="
      if (empty($doc) or ($id and empty($target))) then ()
      else if (empty($doc/*/tei:text)) then ()
      else $h:up || h:file-page($doc, $target) || ('#' || $id)[$id]"/>
  </xsl:function>

  <!-- The page of another file of the edition that shows $target (or its first page). -->
  <xsl:function name="h:file-page" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="target" as="element()?"/>
    <xsl:variable name="stem" select="encode-for-uri(replace(tokenize(string(base-uri($doc)), '/')[last()], '\.[^.]*$', ''))"/>
    <xsl:variable name="names" select="if (tp:is-volume($doc, $split)) then h:page-names-of($doc) else ()"/>
    <xsl:sequence select="if (empty($names)) then $stem || '.html'
                          else $stem || '/' || (($target/ancestor-or-self::tei:div[map:contains($names, generate-id(.))])[1]
                                                ! $names(generate-id(.)), 'index.html')[1]"/>
  </xsl:function>

  <!-- A pointer to another volume: a file part with no extension, no path and no scheme. -->
  <xsl:function name="h:series-href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="volume" select="substring-before($pointer, '#')"/>
    <xsl:sequence select="if (matches($volume, '^[A-Za-z][A-Za-z0-9_-]*$'))
                          then $series-url || $volume || '/' || encode-for-uri(substring-after($pointer, '#'))
                          else ()"/>
  </xsl:function>
</xsl:stylesheet>
