<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editions of inscriptions and papyri (EpiDoc), and dictionaries: what their encoding means on
  the page, for every format.

  In:  elements of an edition division (div type="edition", where the Leiden conventions of
       epigraphy and papyrology hold: supplied, surplus, ex, del, unclear, gap, lb with @n);
       the divisions of an EpiDoc file (edition, translation, commentary, apparatus,
       bibliography, textpart); a dictionary's senses and citations.
  Out: the marks an element is printed between ([lost], ⟨omitted⟩, {surplus}, a(bbreviation),
       ⟦erased⟧, ⌜corrected⌝), unclear letters with a dot below, a gap in Leiden form ([...], [- - -]);
       the label of a division that has no heading; a sense's number; the separator between
       alternatives: translations, an entry's spellings (orth) or forms. Strings only: how they are set is the format's choice.

  Outside an edition division nothing changes (a FRUS volume's supplied text keeps its square
  brackets, its gaps their descriptions): the conventions are those of the editions that use
  them, and the files that do are marked by that division.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    $tp:has-editions as xs:boolean    whether the document has an edition division
    $tp:has-entries as xs:boolean     whether it has dictionary entries
    tp:is-leiden($e as node()) as xs:boolean         inside an edition division
    tp:edition-marks($e as element()) as xs:string*  opening and closing marks, or none
    tp:underdotted($text as xs:string) as xs:string  each letter followed by U+0323
    tp:leiden-gap($gap as element()) as xs:string?   "[...]", "[- - -]", "..", or none
    tp:div-label($div as element()) as xs:string?    "Translation", "Fragment b", for a
                                      division without a head
    tp:sense-label($sense as element()) as xs:string?  "2." where the sense has no num of its own
    tp:phrase-separator($e as element()) as xs:string?  ", " after a translation, an entry's orth
                                      or form, that another of its kind follows
    tp:is-translation($cit as element()) as xs:boolean   a cit of a translation (trans, ...)
    tp:is-dictionary-phrase($e as node()) as xs:boolean  a part of an entry's line (orth, pos,
                                      def, cit, ...), not a line of its own
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- Whether the document has an edition division at all (a guard for patterns run on every
       text node). -->
  <xsl:variable name="tp:has-editions" as="xs:boolean" select="exists(//tei:div[@type = 'edition'])"/>
  <!-- Whether the document has dictionary entries: the formats' patterns for their phrases test
       it first, so that a text without any does not look at every element's ancestors. -->
  <xsl:variable name="tp:has-entries" as="xs:boolean" select="exists(//tei:entry | //tei:entryFree)"/>

  <xsl:function name="tp:is-leiden" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="exists($e/ancestor-or-self::tei:div[@type = 'edition'])"/>
  </xsl:function>

  <!-- Square brackets for what is lost and restored by the editor (everywhere, as before);
       in an edition, angle brackets for what the writer left out, braces for what he wrote
       in excess, parentheses for an abbreviation's expansion, double brackets for an erasure,
       half brackets for the editor's correction of the writer's slip (choice of sic and corr). -->
  <xsl:function name="tp:edition-marks" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="leiden" select="tp:is-leiden($e)"/>
    <xsl:sequence select="
      if ($e/self::tei:supplied) then
        (if ($leiden and tokenize($e/@reason) = 'omitted') then ('⟨', '⟩') else ('[', ']'))
      else if (not($leiden)) then ()
      else if ($e/self::tei:surplus) then ('{', '}')
      else if ($e/self::tei:ex) then ('(', ')')
      else if ($e/self::tei:del) then ('⟦', '⟧')
      else if ($e/self::tei:corr[parent::tei:choice/tei:sic]) then ('⌜', '⌝')
      else ()"/>
  </xsl:function>

  <!-- A dot below every letter read with doubt; white space takes none. -->
  <xsl:function name="tp:underdotted" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '(\S)', '$1&#x323;')"/>
  </xsl:function>

  <!-- Lost letters as dots in square brackets, one a letter ("ca." and a number beyond twenty
       or where the count is not exact), an unknown number as [- - -]; letters still there but
       not legible as dots without brackets; lost lines as a line of dashes. -->
  <xsl:function name="tp:leiden-gap" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="count" select="xs:integer(($gap/@quantity, $gap/@atLeast)[. castable as xs:integer][1])"/>
    <xsl:variable name="about" select="$gap/@precision = 'low' or exists($gap/@atLeast)"/>
    <xsl:variable name="lost" select="not(tokenize($gap/@reason) = 'illegible')"/>
    <xsl:variable name="letters" select="
        if (empty($count)) then (if ($lost) then '- - -' else '...')
        else if ($about or $count gt 20) then 'ca. ' || $count
        else string-join((1 to $count) ! '.')"/>
    <xsl:sequence select="
      if (not(tp:is-leiden($gap)) or normalize-space($gap/tei:desc)) then ()
      else if ($gap/@unit = 'line') then
        (if (empty($count)) then '- - - - - -' else '- - - ' || $count || (if ($count gt 1) then ' lines' else ' line') || ' - - -')
      else if ($lost) then '[' || $letters || ']'
      else $letters"/>
  </xsl:function>

  <!-- The parts of an EpiDoc file often carry no heading: their type names them. -->
  <xsl:variable name="tp:division-names" as="map(xs:string, xs:string)" select="map{
      'edition': 'Text', 'translation': 'Translation', 'commentary': 'Commentary',
      'apparatus': 'Apparatus', 'bibliography': 'Bibliography'}"/>

  <xsl:function name="tp:div-label" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" select="normalize-space($div/@type)"/>
    <xsl:variable name="part" select="normalize-space($div/@subtype)[.] ! (upper-case(substring(., 1, 1)) || substring(., 2))"/>
    <xsl:sequence select="
      if ($div/tei:head or not($div/self::tei:div)) then ()
      else if ($type = 'textpart' and normalize-space($div/@n)) then string-join((($part, 'Part')[1], normalize-space($div/@n)), ' ')
      else if ($div/parent::tei:div[@type = $type]) then ()
      else $tp:division-names($type)"/>
  </xsl:function>

  <!-- Senses are numbered where the dictionary gives a number (@n) or where an entry has more
       than one; a sense with its own num is printed as the dictionary prints it. -->
  <xsl:function name="tp:sense-label" as="xs:string?">
    <xsl:param name="sense" as="element()"/>
    <xsl:variable name="senses" select="$sense/../tei:sense"/>
    <xsl:sequence select="
      if (not($sense/self::tei:sense) or $sense/tei:num or not($sense/@n or count($senses) gt 1)) then ()
      else (normalize-space($sense/@n)[.], string(count($sense/preceding-sibling::tei:sense) + 1))[1] ! (if (ends-with(., '.')) then . else . || '.')"/>
  </xsl:function>

  <!-- Alternatives one after the other, where the dictionary writes no punctuation between
       them: two translations of a sense ("Schrank, Kasten"), two spellings of a headword
       (<orth>colour</orth><orth>color</orth>: "colour, color"), two forms of an entry (a lemma
       and its variant). The separator ends the first; the formats leave out the white space at
       the end of an element that has one. -->
  <xsl:function name="tp:phrase-separator" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="next" select="$e/following-sibling::*[1]"/>
    <xsl:sequence select="', '[$e/self::tei:cit[tp:is-translation(.)] and $next/self::tei:cit[tp:is-translation(.)]
                               or $e/(self::tei:orth | self::tei:form)[tp:is-dictionary-phrase(.)]
                                    [node-name($next) eq node-name(.)]]"/>
  </xsl:function>

  <!-- The parts of a dictionary entry's first line and of a sense (form, grammar, definition,
       citations, cross-references) are phrases of one line, not lines of their own. -->
  <xsl:variable name="tp:dictionary-phrases" as="map(xs:string, xs:boolean)" select="map:merge((
      'form', 'orth', 'pron', 'hyph', 'syll', 'stress', 'gramGrp', 'gram', 'pos', 'gen', 'number',
      'case', 'per', 'tns', 'mood', 'subc', 'iType', 'colloc', 'usg', 'lbl', 'def', 'etym', 'xr',
      'cit', 'oRef', 'num', 'metamark', 'gloss') ! map{.: true()})"/>

  <xsl:function name="tp:is-dictionary-phrase" as="xs:boolean">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="$e instance of element() and namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0'
                          and map:contains($tp:dictionary-phrases, local-name($e))
                          and exists($e/ancestor::tei:entry | $e/ancestor::tei:entryFree)"/>
  </xsl:function>

  <xsl:function name="tp:is-translation" as="xs:boolean">
    <xsl:param name="cit" as="element()"/>
    <xsl:sequence select="tokenize($cit/@type) = ('trans', 'translation', 'translationEquivalent')"/>
  </xsl:function>
</xsl:stylesheet>
