<?xml version="1.0" encoding="UTF-8"?>
<!--
  Facts from the TEI header, as strings or elements, for any output format.

  In:  any node of a TEI document.
  Out: the document's title and subtitle (plain strings), its language, the date element that
       dates it, and bibliographic scopes in words. The header read is the one of the node's own
       TEI element: in a teiCorpus, each member's, not the corpus's.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:header($node as node()) as element()?        the teiHeader that describes the node
    tp:title($node as node()) as xs:string          the document's own title ("Untitled
                                                    document" if none; see tp:title-rank)
    tp:subtitle($node as node()) as xs:string?
    tp:language($node as node()) as xs:string       BCP 47 tag of xml:lang of the root or text,
                                                    else of the first langUsage language, else "und"
    tp:bcp47($code as xs:string?) as xs:string?     "deu" → "de", "heb" → "he", "gez" → "gez"
    tp:lang-direction($code as xs:string?) as xs:string
                                                    "rtl" | "ltr" | "auto" (not known)
    tp:direction($node as node()) as xs:string      the document's: of its language, else of the
                                                    letters of its text
    tp:document-date($node as node()) as element()? the date of the text (see below), never of
                                                    the encoding
    tp:bibl-scope($scope as element()) as xs:string "vol. XVIII", "pp. 22–29"
    tp:flat($e as element()) as xs:string           its text, its parts apart: "Volume III,
                                                    frus1918Russiav03" of a bibl of title and idno
    tp:book-title($node as node()) as xs:string     the book the document comes from
    tp:agent-names($agent as element()) as element()*
                                                    who a publisher, distributor, authority,
                                                    funder or sponsor is: its names (below)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    exclude-result-prefixes="#all">

  <!-- The header that describes a node: its own TEI's (a member of a teiCorpus has one), else
       the document's. -->
  <xsl:function name="tp:header" as="element(tei:teiHeader)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[self::tei:TEI or self::tei:teiCorpus][1],
                           root($node)/*)[1]/tei:teiHeader"/>
  </xsl:function>

  <!--
    The document's own title, not that of the series, volume or journal it belongs to: of the
    titleStmt's titles the best ranked, in document order among equals. Ranked by @type first
    (main or complete; none; any other; then those that are never the title: subtitles, short,
    alternative and parallel forms, series and volume titles, dates, citations), then by @level
    (analytic or none before a monograph, journal, series or unpublished title).
  -->
  <xsl:function name="tp:title" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="titles" select="tp:header($node)/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:sequence select="(sort($titles, (), tp:title-rank#1)[1] ! normalize-space(.), 'Untitled document')[1]"/>
  </xsl:function>

  <xsl:variable name="tp:not-the-title" as="xs:string+" select="('sub', 'subtitle', 'short', 'abbr',
      'abbreviated', 'alt', 'alternative', 'parallel', 'translated', 'variant', 'uniform', 'series',
      'volume', 'desc', 'iso-date', 'date', 'collection')"/>

  <xsl:function name="tp:title-rank" as="xs:integer" visibility="private">
    <xsl:param name="title" as="element()"/>
    <xsl:variable name="type" select="lower-case(normalize-space($title/@type))"/>
    <xsl:sequence select="(if ($type = ('main', 'complete')) then 0
                           else if (not($type)) then 2
                           else if ($type = $tp:not-the-title or starts-with($type, 'citation')) then 6
                           else 4)
                          + (if ($title/@level = ('m', 'j', 's', 'u')) then 1 else 0)"/>
  </xsl:function>

  <xsl:function name="tp:subtitle" as="xs:string?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(tp:header($node)/tei:fileDesc/tei:titleStmt
                            /tei:title[@type = ('sub', 'subtitle')] ! normalize-space(.))[.][1]"/>
  </xsl:function>

  <xsl:function name="tp:language" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="root" select="root($node)/*"/>
    <xsl:sequence select="(($root/@xml:lang, $root/tei:text/@xml:lang,
                            $root/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)
                            ! tp:bcp47(.), 'und')[1]"/>
  </xsl:function>

  <!-- ISO 639-2 (bibliographic and terminology) and 639-3 codes, and a few language names
       projects write instead of codes, of the languages that have a two-letter code. -->
  <xsl:variable name="tp:two-letter" as="map(xs:string, xs:string)" select="map{
      'deu': 'de', 'ger': 'de', 'german': 'de', 'eng': 'en', 'english': 'en', 'fra': 'fr',
      'fre': 'fr', 'french': 'fr', 'ita': 'it', 'spa': 'es', 'por': 'pt', 'nld': 'nl', 'dut': 'nl',
      'lat': 'la', 'latin': 'la', 'ell': 'el', 'gre': 'el', 'heb': 'he', 'hebrew': 'he',
      'ara': 'ar', 'arabic': 'ar', 'fas': 'fa', 'per': 'fa', 'urd': 'ur', 'yid': 'yi', 'amh': 'am',
      'tir': 'ti', 'tur': 'tr', 'pol': 'pl', 'ces': 'cs', 'cze': 'cs', 'slk': 'sk', 'slo': 'sk',
      'rus': 'ru', 'ukr': 'uk', 'bel': 'be', 'bul': 'bg', 'hrv': 'hr', 'srp': 'sr', 'slv': 'sl',
      'mkd': 'mk', 'mac': 'mk', 'hun': 'hu', 'fin': 'fi', 'est': 'et', 'lav': 'lv', 'lit': 'lt',
      'swe': 'sv', 'dan': 'da', 'nor': 'no', 'nob': 'nb', 'nno': 'nn', 'isl': 'is', 'ice': 'is',
      'gle': 'ga', 'cym': 'cy', 'wel': 'cy', 'ron': 'ro', 'rum': 'ro', 'cat': 'ca', 'eus': 'eu',
      'baq': 'eu', 'glg': 'gl', 'sqi': 'sq', 'alb': 'sq', 'kat': 'ka', 'geo': 'ka', 'hye': 'hy',
      'arm': 'hy', 'jpn': 'ja', 'zho': 'zh', 'chi': 'zh', 'kor': 'ko', 'hin': 'hi', 'san': 'sa',
      'pus': 'ps', 'snd': 'sd', 'uig': 'ug', 'div': 'dv', 'kur': 'ku', 'som': 'so', 'hau': 'ha',
      'swa': 'sw', 'vie': 'vi', 'ind': 'id', 'mlt': 'mt', 'ltz': 'lb', 'fry': 'fy', 'bre': 'br',
      'gla': 'gd'}"/>

  <!-- Languages written right to left, and scripts (ISO 15924) that are. -->
  <xsl:variable name="tp:rtl-languages" as="xs:string+" select="('he', 'ar', 'fa', 'ur', 'yi',
      'ps', 'sd', 'ug', 'dv', 'syr', 'arc', 'ckb', 'ota', 'prs', 'pes', 'azb', 'jrb', 'jpr', 'sam',
      'mzn', 'glk', 'bal', 'ks')"/>
  <xsl:variable name="tp:rtl-scripts" as="xs:string+" select="('arab', 'hebr', 'syrc', 'thaa',
      'nkoo', 'samr', 'mand', 'adlm', 'rohg', 'yezi', 'aran', 'syre', 'syrj', 'syrn')"/>

  <!-- A language code as BCP 47: the primary subtag two letters where the language has them,
       in lower case; the rest kept. Nothing for what is not a language tag at all. -->
  <xsl:function name="tp:bcp47" as="xs:string?">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="subtags" select="tokenize(normalize-space($code), '[-_]')"/>
    <xsl:variable name="primary" select="lower-case($subtags[1])"/>
    <xsl:variable name="tag" select="string-join((($tp:two-letter($primary), $primary)[1], $subtags[position() gt 1]), '-')"/>
    <xsl:sequence select="$tag[matches(., '^([a-z]{2,3}|x|i)(-[A-Za-z0-9]{1,8})*$')]"/>
  </xsl:function>

  <xsl:function name="tp:lang-direction" as="xs:string" cache="yes">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="tag" select="tp:bcp47($code)"/>
    <xsl:variable name="script" select="tokenize($tag, '-')[position() gt 1][matches(., '^[A-Za-z]{4}$')][1] ! lower-case(.)"/>
    <xsl:sequence select="
      if (empty($tag) or $tag = 'und') then 'auto'
      else if ($script) then (if ($script = $tp:rtl-scripts) then 'rtl' else 'ltr')
      else if (tokenize($tag, '-')[1] = $tp:rtl-languages) then 'rtl'
      else 'ltr'"/>
  </xsl:function>

  <!-- The direction of a document: of its declared language, else of most letters of its text
       (the first few thousand), else unknown ("auto"). Right-to-left letters are those of the
       Hebrew, Arabic, Syriac and Thaana blocks and the presentation forms (as ranges: a block
       name such as \p{IsHebrew} makes SaxonC print every block's name as it loads them). -->
  <xsl:function name="tp:direction" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="language" select="tp:language($node)"/>
    <xsl:variable name="sample" select="substring(string-join(root($node)/*/tei:text//text()), 1, 4000)"/>
    <xsl:variable name="letters" select="string-length(replace($sample, '\P{L}+', ''))"/>
    <xsl:variable name="rtl" select="string-length(replace($sample,
        '[^&#x0590;-&#x07BF;&#xFB1D;-&#xFDFF;&#xFE70;-&#xFEFF;]+', ''))"/>
    <xsl:sequence select="
      if ($language ne 'und') then tp:lang-direction($language)
      else if ($letters = 0) then 'auto'
      else if ($rtl * 2 gt $letters) then 'rtl'
      else 'ltr'"/>
  </xsl:function>

  <!--
    The date of the text: when it was written, sent, delivered or first published, in that
    order: the correspDesc's date of sending; the creation date; the date of receipt; the date
    of the original the sourceDesc describes (a first edition before other editions; a
    manuscript's date of origin, then its hands'). Never a date of the encoding
    (publicationStmt, revisionDesc, listChange), unless the sourceDesc says the text is born
    digital: then its publication is its first.
  -->
  <xsl:function name="tp:document-date" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="header" select="tp:header($node)"/>
    <xsl:variable name="actions" select="$header/tei:profileDesc/tei:correspDesc/tei:correspAction"/>
    <xsl:variable name="source" select="$header/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="bibls" select="$source/(tei:bibl, tei:biblStruct, tei:biblFull,
                                        tei:listBibl/(tei:bibl | tei:biblStruct))"/>
    <xsl:sequence select="(
        $actions[@type = 'sent']//tei:date,
        $header/tei:profileDesc/tei:creation//tei:date[not(ancestor::tei:listChange | ancestor::tei:change)],
        $actions[@type = 'received']//tei:date,
        ($bibls[@type = ('firstEdition', 'first', 'original')], $bibls)
          /(tei:date, (., tei:monogr, tei:analytic)/tei:imprint/tei:date, tei:publicationStmt/tei:date),
        $source//tei:msDesc/(.//tei:origDate, tei:history/tei:origin//tei:date, .//tei:handNote//tei:date),
        $source[matches(., 'born[ -]digital', 'i')]/../tei:publicationStmt/tei:date
      )[@when or @from or @to or @notBefore or @notAfter or normalize-space()][1]"/>
  </xsl:function>

  <!-- A biblScope with its unit: "vol. XVIII", "no. 129", "doc. 11", "pp. 22–29", notes left
       out; as given when the text says it another way ("p. 640", "(pt. 3)", "Volume XVIII",
       "S. 23"): only a number ("173-185", "L20") or a roman numeral takes the unit's abbreviation. -->
  <xsl:function name="tp:bibl-scope" as="xs:string">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="text" select="tp:flat($scope)"/>
    <xsl:variable name="pages" select="matches($text, '[-–,]') or ($scope/@from and $scope/@to != $scope/@from)"/>
    <xsl:variable name="prefix" select="map{'volume': 'vol.', 'issue': 'no.', 'document': 'doc.',
        'chapter': 'ch.', 'page': if ($pages) then 'pp.' else 'p.', 'part': 'pt.'}($scope/@unit)"/>
    <xsl:sequence select="if ($prefix and matches($text, '^(\p{L}?\d|[IVXLCDMivxlcdm]+(\W|$))')) then $prefix || ' ' || $text
                          else $text"/>
  </xsl:function>

  <!-- An element's text, notes left out, its parts apart: an element that holds elements and no
       text of its own between them (a bibl of title, idno and date; an msIdentifier) is often
       written without a space between them, so its parts are joined by a comma, or within a
       name by a space. -->
  <xsl:function name="tp:flat" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parts" select="$e/node()[not(self::tei:note | self::comment() | self::processing-instruction())]"/>
    <xsl:sequence select="normalize-space(
        if ($e/* and not($e/text()[normalize-space()]))
        then string-join($parts[self::*] ! tp:flat(.)[.], if (tp:is-name($e)) then ' ' else ', ')
        else string-join($parts ! (if (. instance of element()) then tp:flat(.) else string(.))))"/>
  </xsl:function>

  <!-- The book a document comes from: the monograph its source is part of (sourceDesc's
       biblStruct), else the document itself (its title). A volume split into a file per
       document names the volume in each. -->
  <xsl:function name="tp:book-title" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="monogr" select="tp:header($node)/tei:fileDesc/tei:sourceDesc/tei:biblStruct/tei:monogr
                                        /tei:title[normalize-space()][1]"/>
    <xsl:sequence select="($monogr ! normalize-space(string-join(for $n in .//(text() | tei:lb)[not(ancestor::tei:note)]
                                                                 return if ($n/self::tei:lb) then ' ' else string($n))),
                           tp:title($node))[1]"/>
  </xsl:function>

  <!-- Who an agent of the header is: a publisher written as its names, with an address and an
       e-mail beside them (as DTA writes it), is its names, one per entity (a name that gives
       the @ref of one before it, the same body in another language, is left out); else the
       element itself. -->
  <xsl:function name="tp:agent-names" as="element()*">
    <xsl:param name="agent" as="element()"/>
    <xsl:variable name="names" select="$agent/(tei:orgName | tei:persName | tei:name)[normalize-space()]"/>
    <xsl:sequence select="if (empty($names) or $agent/text()[normalize-space()]) then $agent
                          else $names[not(@ref and @ref = preceding-sibling::*/@ref)]"/>
  </xsl:function>
</xsl:stylesheet>
