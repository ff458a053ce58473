<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the collection pages need to know about one document, as a small XML record.

  In:  a TEI document, its authority files ($authorities), and the file name of its page
       ($page, e.g. "frus1958-60v18-d11.html").
  Out: <document href id lang multi>
         <title/> <date sort when>label</date> <source/>
         <entity key type name sort description note unidentified?>
           <mention id page label/>...   (page: in a volume, the page of its folder showing it)
         </entity>...
       </document>
  The entities and their mentions are those of tp:index-mentions (names.xsl), which the print
  edition's index counts too: one entity per entry pointed to, else per name (unidentified="yes").
  A mention's label says where it is: "doc. 12, p. 23" ("doc." only in a file holding several
  documents; "p." where the original's pages are marked, else the paragraph: "¶ 4", or for a
  speaker, the speech: "speech 3"), followed
  by "n" for a mention in a note ("p. 23n"). pipeline/html.py joins the records of all
  documents and hands them to collection.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="ids.xsl"/>

  <xsl:param name="page" as="xs:string" select="'document.html'"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <!-- generate-id of each paragraph, and of each speech, of the text → its number, for texts
       without pages. -->
  <xsl:variable name="h:paragraphs" select="h:numbered(//tei:text//(tei:p | tei:ab))"/>
  <xsl:variable name="h:speeches" select="h:numbered(//tei:text//(tei:u | tei:sp))"/>

  <xsl:function name="h:numbered" as="map(xs:string, xs:integer)">
    <xsl:param name="all" as="element()*"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="date" select="tp:document-date(.)"/>
    <xsl:variable name="multi" select="count(//tei:div[@type = 'document']) gt 1"/>
    <xsl:variable name="folder" select="replace($page, '\.html$', '/')[$h:split]"/>
    <document href="{if ($h:split) then $folder || 'index.html' else $page}" id="{tp:document-id(/*)}" lang="{tp:language(.)}">
      <title><xsl:value-of select="tp:title(.)"/></title>
      <xsl:if test="$date">
        <date sort="{tp:date-sort-key($date)}" when="{$date/@when}">
          <xsl:value-of select="(tp:date-label($date), normalize-space($date))[.][1]"/>
        </date>
      </xsl:if>
      <source><xsl:value-of select="h:source(/*/tei:teiHeader/tei:fileDesc/tei:sourceDesc/*[normalize-space()][1])"/></source>
      <xsl:for-each-group select="tp:index-mentions(.)" group-by="?key">
        <xsl:variable name="entity" select="current-group()[1]?entity"/>
        <entity key="{current-grouping-key()}" type="{?kind}"
            name="{($entity ! tp:display-name(.), ?words)[1]}" sort="{?heading}"
            description="{$entity ! tp:description(.)}" note="{$entity ! tp:entity-note(.)}">
          <xsl:if test="empty($entity)">
            <xsl:attribute name="unidentified" select="'yes'"/>
          </xsl:if>
          <xsl:for-each select="current-group()">
            <xsl:variable name="node" select="?node"/>
            <mention id="{h:anchor($node)}" page="{$folder ! (. || h:page-file($node))}" label="{string-join((
                $node/ancestor::tei:div[@type = 'document'][1][$multi]/@n ! ('doc. ' || .),
                (tp:page-of($node) ! tp:page-number(.) ! ('p. ' || .),
                 $node/ancestor-or-self::*[self::tei:p or self::tei:ab][1] ! $h:paragraphs(generate-id(.)) ! ('¶ ' || .),
                 $node/self::*[self::tei:u or self::tei:sp] ! $h:speeches(generate-id(.)) ! ('speech ' || .))[1]),
                ', ') || (if (?note) then 'n' else '')}"/>
          </xsl:for-each>
        </entity>
      </xsl:for-each-group>
    </document>
  </xsl:template>

  <!-- The anchor a mention's link goes to: a name that points to an entry has one (ids.xsl), a
       speech its own id; other names are linked to their page. -->
  <xsl:function name="h:anchor" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="
      if ($node/(self::tei:u | self::tei:sp)) then string($node/@xml:id)
      else if ($node/(@ref, @corresp) and exists(tp:entity($node))) then h:mention-id($node)
      else ''"/>
  </xsl:function>

  <!-- The source in one line: the container's title with volume, document and pages for a
       biblStruct, else the text of the first description. -->
  <xsl:function name="h:source" as="xs:string">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="
      if ($source/self::tei:biblStruct) then
        string-join(($source/tei:monogr/tei:title[1] ! normalize-space(.),
                     $source/tei:monogr/tei:biblScope[normalize-space()] ! tp:bibl-scope(.)), ', ')
      else string($source ! tp:flat(.))"/>
  </xsl:function>
</xsl:stylesheet>
