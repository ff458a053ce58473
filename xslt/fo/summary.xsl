<?xml version="1.0" encoding="UTF-8"?>
<!--
  The summary of one document's part: what the frame (frame.xsl) needs to know of a document to
  make the book around its text, so that the frame never reads the documents.

  In:  the TEI document (the source), with f:plain and f:small-caps of inline.xsl
       and part.xsl (f:id).
  Out: children of the part's root element, in no namespace:
         <author>printed name</author>*
         <editor>printed name</editor>*
         <title-page>FO of a single document's title page</title-page>
         <imprint>FO of its source, responsibilities and terms, for the title page's verso</imprint>
         <manuscript>FO of the description of the manuscript it comes from</manuscript>*
         <entry id="FO id" title="heading"> nested entries </entry>*   every headed division
         <person key="index key" name="as indexed" sort="sort key" ids="FO ids of the mentions in the text"
             note-ids="FO ids of those in notes" unidentified="yes"?/>*   (tp:index-mentions)
       The part's root carries the title, the book the document comes from, its language and
       whether its text has page numbers of the original (attributes set by part.xsl).
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

  <xsl:template name="f:summary">
    <xsl:variable name="fileDesc" select="*/teiHeader/fileDesc"/>
    <xsl:for-each select="$fileDesc/titleStmt/author">
      <author><xsl:value-of select="f:plain(.)"/></author>
    </xsl:for-each>
    <xsl:for-each select="$fileDesc/titleStmt/editor[normalize-space()]">
      <editor><xsl:value-of select="f:plain(.)"/></editor>
    </xsl:for-each>
    <title-page><xsl:apply-templates select="$fileDesc" mode="title-page"/></title-page>
    <imprint><xsl:apply-templates select="$fileDesc" mode="imprint"/></imprint>
    <xsl:for-each select="$fileDesc/sourceDesc/msDesc">
      <xsl:variable name="entries" select="tp:ms-description(.)"/>
      <xsl:if test="exists($entries)">
        <manuscript><xsl:call-template name="f:manuscript"><xsl:with-param name="entries" select="$entries"/></xsl:call-template></manuscript>
      </xsl:if>
    </xsl:for-each>
    <xsl:apply-templates select="f:toc-entries(.)" mode="summary"/>
    <xsl:if test="$index">
      <xsl:call-template name="f:persons"/>
    </xsl:if>
  </xsl:template>

  <!-- Title pages. -->

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
    <xsl:for-each select="tp:document-date(.)">
      <fo:block font-size="115%" space-after="4mm">
        <xsl:value-of select="(normalize-space(.), tp:date-label(.))[.][1]"/>
      </fo:block>
    </xsl:for-each>
    <xsl:for-each select="titleStmt/title[@type = ('sub', 'volume')][normalize-space()]">
      <fo:block font-size="115%" font-style="italic" space-after="4mm">
        <xsl:value-of select="f:plain(.)"/>
      </fo:block>
    </xsl:for-each>
    <xsl:apply-templates select="titleStmt/author" mode="title-page"/>
    <xsl:variable name="imprint" select="(publicationStmt/(pubPlace, publisher ! tp:agent-names(.), date))[normalize-space()]"/>
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
    <xsl:call-template name="f:small-caps"/>
  </xsl:template>

  <!-- For the verso of the title page: where the text comes from and on what terms. -->
  <xsl:template match="fileDesc" mode="imprint">
      <xsl:for-each select="sourceDesc/(biblStruct, bibl, p, msDesc[msIdentifier])[normalize-space()]">
        <fo:block space-after="2mm">
          <xsl:text>Source: </xsl:text>
          <xsl:apply-templates select="." mode="citation"/>
        </fo:block>
      </xsl:for-each>
      <xsl:for-each select="titleStmt/respStmt[normalize-space()]">
        <!-- The role is the resp's whole text: projects put it in a note there (DTA), which
             the plain text of the rest leaves out; as the web edition's list of facts reads it. -->
        <fo:block>
          <xsl:value-of select="string-join((normalize-space(resp[1])[.], string-join((* except resp) ! f:plain(.), ', ')), ': ')"/>
        </fo:block>
      </xsl:for-each>
      <xsl:for-each select="publicationStmt/availability[normalize-space()]">
        <fo:block space-before="2mm"><xsl:value-of select="f:plain(.)"/></fo:block>
      </xsl:for-each>
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

  <xsl:template match="p" mode="citation">
    <xsl:value-of select="f:plain(.)"/>
  </xsl:template>

  <xsl:template match="msDesc" mode="citation">
    <xsl:value-of select="tp:ms-identifier(msIdentifier)"/>
  </xsl:template>

  <!-- A manuscript's description (tp:ms-description) after the verso's facts: a heading, a
       line per fact with its label, each part under its own heading, indented a level. -->
  <xsl:template name="f:manuscript">
    <xsl:param name="entries" as="map(*)+"/>
    <fo:block font-weight="bold" space-before="4mm" space-after="1mm" keep-with-next.within-page="always">Manuscript</fo:block>
    <xsl:apply-templates select="$entries" mode="manuscript"/>
  </xsl:template>

  <xsl:template match=".[map:contains(., 'heading')]" mode="manuscript">
    <fo:block start-indent="from-parent(start-indent) + 4mm">
      <fo:block font-style="italic" space-before="1.5mm" keep-with-next.within-page="always">
        <xsl:value-of select="?heading"/>
      </fo:block>
      <xsl:apply-templates select="?entries" mode="manuscript"/>
    </fo:block>
  </xsl:template>

  <xsl:template match=".[map:contains(., 'label')]" mode="manuscript">
    <fo:block start-indent="inherited-property-value(start-indent) + 4mm" text-indent="-4mm">
      <xsl:for-each select="?lang">
        <xsl:attribute name="language" select="."/>
      </xsl:for-each>
      <fo:inline font-variant="small-caps"><xsl:value-of select="?label"/></fo:inline>
      <xsl:value-of select="': ' || normalize-space(string-join(?value ! (if (. instance of element()) then tp:flat(.) else string(.))))"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="bibl" mode="citation">
    <xsl:value-of select="tp:flat(.)"/>
  </xsl:template>

  <!-- Contents and bookmarks: every div or floatingText with a heading, every text in a group with a title. -->

  <!-- The headed divisions of the document, by the generate-id() of the headed division (or
       document) they are nearest below, and the title of each, found once for the contents,
       the bookmarks and the running heads. -->
  <xsl:variable name="f:divisions" as="element()*" select="(/*/text//div[head] | /*/text//floatingText[body/head] | /*/text//text[tp:member-title(.)])[f:is-printed-target(.)]"/>
  <xsl:variable name="f:toc" as="map(xs:string, element()*)" select="map:merge(
      for $d in $f:divisions
      return map{generate-id(($d/ancestor::*[self::div[head] or self::floatingText[body/head] or self::text[tp:member-title(.)]][1], root($d))[1]): $d},
      map{'duplicates': 'combine'})"/>
  <xsl:variable name="f:headings" as="map(xs:string, xs:string*)" select="map:merge(
      for $d in $f:divisions
      return map{generate-id($d): f:plain(($d/head, $d/body/head, tp:member-title($d))[1]) ! (f:number-prefix($d, .), .)})"/>
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
    <!-- (A heading that begins with a digit or a letter other than N has nothing to strip: most do.) -->
    <xsl:variable name="first" select="substring($heading, 1, 1)"/>
    <xsl:variable name="head" select="
      if (not($n)) then ''
      else if ($first and contains('0123456789ABCDEFGHIJKLMOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', $first)) then $heading
      else replace($heading, '^(\W|No\.\s*|No\s+)+', '')"/>
    <xsl:sequence select="if ($n and not(starts-with($head, $n) and not(matches(substring($head, string-length($n) + 1, 1), '\w'))))
                          then $n || '. ' else ''"/>
  </xsl:function>

  <xsl:template match="*" mode="summary">
    <entry id="{f:id(.)}" title="{f:toc-title(.)}">
      <xsl:apply-templates select="f:toc-entries(.)" mode="summary"/>
    </entry>
  </xsl:template>

  <!-- The index of names: each person mentioned, with the FO ids of the mentions. -->

  <!-- The mentions of persons the index counts (tp:index-mentions, as the web edition's index
       does) that the book prints. -->
  <xsl:function name="f:person-mentions" as="map(*)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="tp:index-mentions($doc)[?kind = 'person']
                          [let $node := ?node return f:is-printed-target($node) and exists(f:printed($node))]"/>
  </xsl:function>

  <!-- Whether a name is a mention the index cites: it carries an FO id (inline.xsl). -->
  <xsl:function name="f:is-mention" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="map:contains(f:mentioned(root($name)), generate-id($name))"/>
  </xsl:function>

  <xsl:function name="f:mentioned" as="map(xs:string, xs:boolean)" cache="yes">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="map:merge(f:person-mentions($doc) ! map{generate-id(?node): true()},
                                    map{'duplicates': 'use-first'})"/>
  </xsl:function>

  <!-- Sorted without regard to case or accents: Ōno with Ono. -->
  <xsl:function name="f:sort-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="lower-case(replace(normalize-unicode($name, 'NFD'), '[\p{M}\p{P}]', ''))"/>
  </xsl:function>

  <!-- Each person with the mentions of them, under the key they are indexed by, the FO ids of
       mentions in the text and of those in notes apart. -->
  <xsl:template name="f:persons">
    <xsl:for-each-group select="f:person-mentions(/)" group-by="?key">
      <person key="{current-grouping-key()}" name="{?heading}" sort="{f:sort-key(?heading)}"
          ids="{current-group()[not(?note)] ! f:id(?node)}" note-ids="{current-group()[?note] ! f:id(?node)}">
        <xsl:if test="empty(?entity)">
          <xsl:attribute name="unidentified" select="'yes'"/>
        </xsl:if>
      </person>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
