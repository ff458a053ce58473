<?xml version="1.0" encoding="UTF-8"?>
<!--
  A manuscript description (msDesc, and the msPart and msFrag within it) as the parts a reader
  looks for, labelled, in the order TEI gives them, for every format to print alike.

  In:  an msDesc, msPart or msFrag; an msIdentifier or altIdentifier.
  Out: entries, each a map:
         map{'label': 'Incipit', 'value': item()*, 'lang': 'gez'?}      a fact
         map{'heading': 'Item 2', 'entries': map(*)*}                     a part within it
       A value is text nodes and strings to print as they are and TEI elements to print inline
       as the format prints header prose (titles, names, foreign words). Measures, dimensions,
       loci, layouts and empty elements dated or keyed by attributes are strings made here
       ("1982 × 117 mm", "1r1–1r33", "1 column, 182 written lines", "between 1801 and 1987"),
       so that no bare number or empty element is printed. Empty parts give no entry.

  Sections: msContents (Contents, an Item per msItem, nested), physDesc (Physical
  description), history (History), additional (Additional information), msPart (Part) and msFrag
  (Fragment), each a description in its own right. Containers without text of their own
  (objectDesc, supportDesc, decoDesc, handDesc...) are not sections: their parts are facts of the
  section around them; a group (additions, bindingDesc, sealDesc, listBibl...) lends its label to
  each of its parts, one fact per item or paragraph.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:ms-description($ms as element()) as map(*)*   the entries of an msDesc, msPart or msFrag;
                                                      none if all it gives is its identifier
    tp:ms-identifier($id as element()) as xs:string  "Firenze, BML, Acq. e doni 821 (also
                                                      Marrassini ms. 20; BML-020)"
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:variable name="tp:ms-sections" as="map(xs:string, xs:string)" select="map{
      'msContents': 'Contents', 'physDesc': 'Physical description', 'history': 'History',
      'additional': 'Additional information', 'msItem': 'Item', 'msItemStruct': 'Item',
      'msPart': 'Part', 'msFrag': 'Fragment'}"/>

  <!-- Parts printed whole, as one fact. -->
  <xsl:variable name="tp:ms-facts" as="map(xs:string, xs:string)" select="map{
      'msIdentifier': 'Identifier', 'altIdentifier': 'Other identifier', 'msName': 'Name',
      'head': 'Description', 'summary': 'Summary', 'textLang': 'Language', 'locus': 'Locus',
      'locusGrp': 'Locus', 'author': 'Author', 'respStmt': 'Responsibility', 'title': 'Title',
      'rubric': 'Rubric', 'incipit': 'Incipit', 'explicit': 'Explicit', 'finalRubric': 'Final rubric',
      'colophon': 'Colophon', 'quote': 'Quotation', 'filiation': 'Filiation', 'note': 'Note',
      'bibl': 'Bibliography', 'biblStruct': 'Bibliography', 'support': 'Support', 'extent': 'Extent',
      'foliation': 'Foliation', 'collation': 'Collation', 'condition': 'Condition', 'layout': 'Layout',
      'handNote': 'Hand', 'scriptNote': 'Script', 'typeNote': 'Type', 'musicNotation': 'Music',
      'decoNote': 'Decoration', 'accMat': 'Accompanying material', 'seal': 'Seal',
      'origDate': 'Date', 'origPlace': 'Place', 'provenance': 'Provenance',
      'acquisition': 'Acquisition', 'custEvent': 'Custody', 'availability': 'Availability',
      'source': 'Record', 'surrogates': 'Surrogates'}"/>

  <!-- Groups whose every part is one of a kind: an addition, the binding, a seal. -->
  <xsl:variable name="tp:ms-groups" as="map(xs:string, xs:string)" select="map{
      'additions': 'Addition', 'bindingDesc': 'Binding', 'sealDesc': 'Seal', 'listBibl': 'Bibliography',
      'custodialHist': 'Custody', 'recordHist': 'Description based on', 'handDesc': 'Hand', 'decoDesc': 'Decoration',
      'layoutDesc': 'Layout', 'scriptDesc': 'Script', 'typeDesc': 'Type'}"/>

  <!-- (A description that says no more than the identifier is none: the source's citation,
       tp:ms-identifier, says it.) -->
  <xsl:function name="tp:ms-description" as="map(*)*">
    <xsl:param name="ms" as="element()"/>
    <xsl:variable name="entries" select="tp:ms-entries($ms, (), 'Description')"/>
    <xsl:sequence select="$entries[exists($entries[not(?label = 'Identifier')])]"/>
  </xsl:function>

  <!-- The entries of an element's children: a section for each section, the facts of each
       container, a fact for each other part. $group is the label a group lends its parts,
       $fallback the label of a paragraph that has none of its own. -->
  <xsl:function name="tp:ms-entries" as="map(*)*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="group" as="xs:string?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:for-each select="$e/@form[normalize-space()]">
      <xsl:sequence select="map{'label': 'Form', 'value': string(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$e/*">
      <xsl:variable name="name" select="local-name()"/>
      <xsl:variable name="label" select="($group, $tp:ms-facts($name), $tp:ms-groups($name), $fallback)[1]"/>
      <xsl:choose>
        <xsl:when test="map:contains($tp:ms-sections, $name)">
          <xsl:variable name="entries" select="tp:ms-entries(., (), 'Description')"/>
          <xsl:if test="exists($entries)">
            <xsl:sequence select="map{'heading': tp:ms-heading(.), 'entries': $entries}"/>
          </xsl:if>
        </xsl:when>
        <xsl:when test="tp:is-ms-container(.)">
          <xsl:sequence select="tp:ms-entries(., ($group, $tp:ms-groups($name))[1], $label)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="value" select="tp:ms-value(.)"/>
          <xsl:if test="normalize-space(string-join($value ! string(.)))">
            <xsl:sequence select="map:merge((map{'label': $label, 'value': $value},
                                             @xml:lang ! map{'lang': string(.)}))"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- A container is read part by part: it holds elements and no text of its own, and is not
       a part printed whole, unless all it holds is paragraphs or a list (a fact in several). -->
  <xsl:function name="tp:is-ms-container" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/*) and empty($e/text()[normalize-space()])
        and (not(local-name($e) = map:keys($tp:ms-facts))
             or empty($e/*[not(self::tei:p or self::tei:list or self::tei:item)]))"/>
  </xsl:function>

  <!-- "Contents", "Item 2.1", "Part 3". -->
  <xsl:function name="tp:ms-heading" as="xs:string">
    <xsl:param name="section" as="element()"/>
    <xsl:variable name="label" select="$tp:ms-sections(local-name($section))"/>
    <xsl:variable name="kin" select="$section/ancestor-or-self::*[local-name() = local-name($section)]"/>
    <xsl:variable name="number" select="string-join(for $k in $kin
        return string(count($k/preceding-sibling::*[local-name() = local-name($k)]) + 1), '.')"/>
    <xsl:sequence select="if ($section/(self::tei:msContents | self::tei:physDesc | self::tei:history | self::tei:additional))
                          then $label
                          else $label || ' ' || normalize-space(($section/@n, $number)[1])"/>
  </xsl:function>

  <!-- What a part says: its own words (measures and attribute-only elements in them made
       words), or, for one made only of elements, the words of each, parted by semicolons, a
       typed segment with its type ("ink: black, red"). -->
  <xsl:function name="tp:ms-value" as="item()*">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/(self::tei:msIdentifier | self::tei:altIdentifier)">
        <xsl:sequence select="tp:ms-identifier($e)"/>
      </xsl:when>
      <xsl:when test="$e/self::tei:dimensions">
        <xsl:sequence select="tp:ms-dimensions($e)"/>
      </xsl:when>
      <xsl:when test="$e/(self::tei:measure | self::tei:dim | self::tei:height | self::tei:width | self::tei:depth)">
        <xsl:sequence select="tp:ms-measure($e)"/>
      </xsl:when>
      <xsl:when test="$e/(self::tei:locus | self::tei:locusGrp) and not($e/text()[normalize-space()])">
        <xsl:sequence select="if ($e/tei:locus) then string-join($e/tei:locus ! tp:ms-value(.), ', ')
                              else string-join(($e/@from, $e/@to)[normalize-space()] ! normalize-space(.), '–')"/>
      </xsl:when>
      <xsl:when test="$e/(self::tei:citedRange | self::tei:biblScope)">
        <xsl:sequence select="tp:bibl-scope($e)"/>
      </xsl:when>
      <xsl:when test="not(normalize-space($e)) and empty($e/*)">
        <xsl:sequence select="(tp:ms-lead($e), tp:ms-attributes($e))[1]"/>
      </xsl:when>
      <xsl:when test="$e/text()[normalize-space()]">
        <xsl:sequence select="tp:ms-lead($e), $e/node() ! (
            if (. instance of text()) then .
            else if (self::tei:note) then ()
            else if (self::tei:dimensions or self::tei:measure) then tp:ms-value(.)
            else if (not(normalize-space(.)) and exists(tp:ms-attributes(.))) then tp:ms-attributes(.)
            else .)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="array(*)*" select="$e/*[not(self::tei:note)] ! (
            let $value := tp:ms-value(.)
            return if (normalize-space(string-join($value ! string(.))))
                   then [(@type[parent::tei:seg or parent::tei:ab] ! (string(.) || ': '), $value)]
                   else ())"/>
        <xsl:sequence select="tp:ms-lead($e)"/>
        <xsl:for-each select="$parts">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:sequence select="?*"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- What the attributes of a layout or hand say before its words: "1 column, 182 written
       lines; ", "Ethiopic; ". -->
  <xsl:function name="tp:ms-lead" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="said" select="string-join((
        $e/self::tei:layout/(@columns ! tp:ms-count(., 'column'), @writtenLines ! tp:ms-count(., 'written line'),
                             @ruledLines ! tp:ms-count(., 'ruled line')),
        $e/self::tei:handNote/@script[normalize-space()] ! normalize-space(.)), ', ')"/>
    <xsl:sequence select="$said[.] ! (. || (if (normalize-space($e)) then '; ' else ''))"/>
  </xsl:function>

  <!-- "1 column", "2 columns", "30–32 written lines" (of a number or a range "30 32"). -->
  <xsl:function name="tp:ms-count" as="xs:string">
    <xsl:param name="count" as="xs:string"/>
    <xsl:param name="unit" as="xs:string"/>
    <xsl:variable name="n" select="string-join(tokenize(normalize-space($count), ' '), '–')"/>
    <xsl:sequence select="$n || ' ' || tp:ms-unit($unit, $n)"/>
  </xsl:function>

  <xsl:function name="tp:ms-unit" as="xs:string">
    <xsl:param name="unit" as="xs:string"/>
    <xsl:param name="n" as="xs:string"/>
    <xsl:sequence select="if ($n = '1' or matches($unit, '^(mm|cm|in|m)$') or ends-with($unit, 's')) then $unit
                          else if ($unit = 'leaf') then 'leaves'
                          else $unit || 's'"/>
  </xsl:function>

  <!-- An empty element in words: its date, else its key ("parchment", "good"), its language. -->
  <xsl:function name="tp:ms-attributes" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="(tp:date-label($e), ($e/@key, $e/@mainLang, $e/self::tei:ptr/@target)[normalize-space()]
                           ! normalize-space(.))[1]"/>
  </xsl:function>

  <!-- "1 leaf", "23.9 cm": a number with its unit (of the element, else of the dimensions
       around it); a measure written in words as written. -->
  <xsl:function name="tp:ms-measure" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="n" select="normalize-space(($e[normalize-space()], $e/@quantity)[1])"/>
    <xsl:variable name="unit" select="normalize-space(($e/@unit, $e/parent::tei:dimensions/@unit)[1])"/>
    <xsl:sequence select="if ($unit and matches($n, '^[\d.,–-]+$')) then $n || ' ' || tp:ms-unit($unit, $n)
                          else $n"/>
  </xsl:function>

  <!-- "310 × 220 mm (leaf)": height × width × depth, the unit once when they share it, the
       scope or type after; other measures (dim) after them. -->
  <xsl:function name="tp:ms-dimensions" as="xs:string?">
    <xsl:param name="d" as="element(tei:dimensions)"/>
    <xsl:variable name="sides" select="($d/tei:height, $d/tei:width, $d/tei:depth)[normalize-space()]"/>
    <xsl:variable name="units" select="distinct-values($sides ! normalize-space((@unit, $d/@unit)[1]))"/>
    <xsl:variable name="measured" select="
        if (count($units) le 1 and $sides) then string-join($sides ! normalize-space(.), ' × ') || $units ! (' ' || .)
        else string-join($sides ! tp:ms-measure(.), ' × ')"/>
    <xsl:variable name="said" select="string-join(($measured[.], $d/tei:dim[normalize-space()] ! string-join(
                                        (@type, tp:ms-measure(.))[normalize-space()], ' ')), '; ')"/>
    <xsl:sequence select="$said[.] ! (. || ($d/(@scope, @type)[1] ! (' (' || normalize-space(.) || ')')))"/>
  </xsl:function>

  <!-- The identifier on one line: place, institution, repository, collection, number, and the
       other numbers it is known by. -->
  <xsl:function name="tp:ms-identifier" as="xs:string">
    <xsl:param name="id" as="element()"/>
    <xsl:variable name="main" select="string-join($id/(tei:settlement, tei:institution, tei:repository,
                                                       tei:collection, tei:idno, tei:msName) ! tp:flat(.)[.], ', ')"/>
    <xsl:variable name="others" select="string-join($id/tei:altIdentifier ! tp:ms-identifier(.)[.], '; ')"/>
    <xsl:sequence select="string-join(($main[.], $others[.] ! ('(also ' || . || ')')), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
