<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the collection pages need to know about one document, as a small XML record.

  In:  a TEI document, its authority files ($authorities), and the file name of its page
       ($page, e.g. "frus1958-60v18-d11.html").
  Out: <document href id lang multi>
         <title/> <date sort when>label</date> <source/>
         <entity key type name sort description note>
           <mention id page label/>...   (page: in a volume, the page of its folder showing it)      (every name in the text pointing to that entry)
         </entity>...
       </document>
  A mention's label says where it is: "doc. 12, p. 23" ("doc." only in a file holding several
  documents; "p." where the original's pages are marked, else the paragraph: "¶ 4"). pipeline/html.py joins the
  records of all documents and hands them to collection.xsl.
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

  <!-- generate-id of each paragraph of the text → its number, for texts without pages. -->
  <xsl:variable name="h:paragraphs" as="map(xs:string, xs:integer)">
    <xsl:variable name="all" select="/*/tei:text//(tei:p | tei:ab)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"/>
  </xsl:variable>

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
      <xsl:for-each-group select="/*/tei:text//(tei:persName | tei:placeName | tei:orgName | tei:rs
                                  | tei:name)[h:is-named(.)]" group-by="h:key(.)">
        <xsl:variable name="entity" select="tp:entity(.)"/>
        <xsl:variable name="name" select="($entity ! tp:display-name(.), tp:name-text(.))[1]"/>
        <entity key="{current-grouping-key()}" type="{($entity ! tp:entity-type(.), h:kind(.))[1]}"
            name="{$name}" sort="{($entity ! tp:sort-name(.), $name)[1]}"
            description="{$entity ! tp:description(.)}" note="{$entity ! tp:entity-note(.)}">
          <xsl:for-each select="current-group()">
            <mention id="{if (@ref or @corresp) then h:mention-id(.) else ''}" page="{$folder ! (. || h:page-file(current()))}" label="{string-join((
                ancestor::tei:div[@type = 'document'][1][$multi]/@n ! ('doc. ' || .),
                (tp:page-of(.) ! tp:page-number(.) ! ('p. ' || .),
                 ancestor::*[self::tei:p or self::tei:ab][1] ! $h:paragraphs(generate-id(.)) ! ('¶ ' || .))[1]),
                ', ')}"/>
          </xsl:for-each>
        </entity>
      </xsl:for-each-group>
    </document>
  </xsl:template>

  <!--
    The names of the index, by the rules of the entities export (pipeline/export/reading.py), so
    that both list the same entries: a persName, placeName or orgName, or a name or rs of one of
    those kinds by @type, that is not part of a name of its kind, not an entry of a list the
    text points to (FRUS's persName[@xml:id]), not in an authority list; an rs only when it
    points to an entry. A name pointing to an entry is keyed by the entry (tp:entity-key), any
    other by its kind and words (tp:name-key): a pointer that leads nowhere is no pointer.
  -->
  <xsl:key name="h:pointed" match="*[@ref | @corresp]"
      use="tokenize((@ref, @corresp)[1])[starts-with(., '#')] ! substring(., 2)"/>

  <xsl:function name="h:kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="
      if ($name/self::tei:persName) then 'person'
      else if ($name/self::tei:placeName) then 'place'
      else if ($name/self::tei:orgName) then 'org'
      else map{'person': 'person', 'place': 'place', 'org': 'org', 'organisation': 'org',
               'organization': 'org'}(string($name/@type))"/>
  </xsl:function>

  <xsl:function name="h:is-named" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="kind" select="h:kind($name)"/>
    <xsl:sequence select="exists($kind)
        and not($name/ancestor::*[self::tei:persName | self::tei:placeName | self::tei:orgName
                                  | self::tei:rs | self::tei:name][h:kind(.) = $kind])
        and not($name/@xml:id and key('h:pointed', string($name/@xml:id), root($name)))
        and not(tp:in-authority-list($name))
        and (exists(tp:entity($name)) or not($name/self::tei:rs))
        and h:key($name) ne 'name:' || $kind || ':'"/>
  </xsl:function>

  <xsl:function name="h:key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entity" select="tp:entity($name)"/>
    <xsl:sequence select="if ($entity) then tp:entity-key($entity) else tp:name-key(h:kind($name), $name)"/>
  </xsl:function>

  <!-- The source in one line: the container's title with volume, document and pages for a
       biblStruct, else the text of the first description. -->
  <xsl:function name="h:source" as="xs:string">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="
      if ($source/self::tei:biblStruct) then
        string-join(($source/tei:monogr/tei:title[1] ! normalize-space(.),
                     $source/tei:monogr/tei:biblScope[normalize-space()] ! tp:bibl-scope(.)), ', ')
      else normalize-space($source)"/>
  </xsl:function>
</xsl:stylesheet>
