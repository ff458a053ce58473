<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading text: which of the alternatives a TEI text offers is read, for every format.

  In:  the elements that offer alternatives (choice, app, subst), those that are never read
       (del, fw, ...), text nodes next to a join (lb/pb/cb break="no", w/pc @join), spoken text
       (u, sp, and the notes, kinesic, incident, vocal among them), witnesses' pointers.
  Out: the child elements to render, yes or no for "is this read", text with the white space
       of a join removed, a speaker's name, an apparatus entry as one line of words.

  The reading text is: of a choice, the correction, regularization or expansion (or, where
  the reader prefers the source's forms, the sic, orig or abbr), else its first child; of an
  app, the lemma, else its first reading (the others go into the apparatus); of a subst, what
  was added; never a deletion (unless restored), a running head or catch-word (fw). Readings never run together: an app renders
  one of them. Whether deletions show at all is not a format's choice: they are not read.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:read-children($e as element(), $prefer as xs:string*) as element()*
                                      for choice, app, subst: the children to render; $prefer
                                      names the forms of a choice a reader asks for, in order
                                      ($tp:edited-forms: corr, reg, expan; or sic, orig, abbr)
    tp:lost-space($e as element(), $read as element()*, $at-start as xs:boolean) as xs:string?
                                      " " where a branch not read, or the choice itself, begins
                                      (ends) with the white space that parts the choice from the
                                      word before (after) and neither the branch read nor that
                                      word supplies it
    tp:apart-space($e as element(), $at-start as xs:boolean) as xs:string?
                                      " " before (after) a word of its own (an add written in
                                      a margin, a part of a cit: its quote, its bibl, a part of a
                                      dictionary entry: ./leiden.xsl) where the
                                      text beside it supplies no white space
    tp:quote-marks($e as element()) as xs:string*  the opening and closing marks a quotation (q,
                                      quote, said, soCalled) is printed with: none where the text
                                      gives its own (its first character, or the one before it, is
                                      a quotation mark), where it is a block (tp:is-block-quote)
                                      or a dictionary's translation (tp:is-translation)
    tp:is-block-quote($quote as element()) as xs:boolean   set off as a block of its own: rend
                                      "block", "blockquote" or "display", or holding paragraphs,
                                      verse, lists, tables or speeches
    tp:is-read($e as element()) as xs:boolean      false for del (not restored, nor an erasure
                                      in an edition: ./leiden.xsl), fw, and the data that says
                                      where a place is (location, a place's geo)
    tp:is-read-in-abbreviation($e as element(), $prefer as xs:string*) as xs:boolean
                                      of an am (abbreviation marker) or ex (editor's expansion):
                                      an am is read but in an expansion read as expanded ($prefer
                                      holds "expan"), an ex only there
    tp:reading-words($e as node()) as xs:string    the words of an element as read: its notes
                                      and what is not read left out
    tp:joined-text($text as text()) as xs:string   the text without the white space (and
                                      line-end hyphen) a join removes
    tp:is-joined($text as text()) as xs:boolean    whether a join touches the text
    $tp:has-joins as xs:boolean       whether the document has any join (a guard for patterns)
    tp:speaker($e as element()) as xs:string?      the name of who speaks (u, or sp without a
                                      speaker): the person's name where @who resolves, else the id;
                                      for a u, only where the speaker changes
    tp:is-incident($e as element()) as xs:boolean  kinesic, incident, vocal, and notes among
                                      speeches (a note in a u, or beside u): shown in brackets
                                      where they stand ("[Applause]"), not as footnotes
    tp:incident-text($e as element()) as xs:string
    tp:has-apparatus($app as element()) as xs:boolean  whether an app has readings beside the one read
    tp:app-number($app as element()) as xs:integer     1, 2, ... in the document (not counting
                                      the apps of a listApp, entries of their own)
    tp:app-label($app as element()) as xs:string       a, b, ..., z, aa, ab, ...
    tp:app-id($app as element()) as xs:string          "tp-app-N"
    tp:apparatus-entry($app as element()) as xs:string "beginning A] start B; om. C", then the
                                      app's own notes
    tp:listed-apparatus-entry($app as element()) as xs:string  "3. " (@loc) and the entry, for
                                      an app of a listApp: an entry of its own, not a marker
    tp:sigla($reading as element()) as xs:string       the sigla of a lem's or rdg's @wit and @source
    tp:apparatus($scope as element()) as element(tei:app)*  the entries listed with a division
                                      (the same scopes as notes: tp:note-scope)
    tp:texts($tei as element()) as element()*     a TEI document's text and sourceDoc, in order
    tp:line-number($l as element()) as xs:string?  a verse line's number (the last number of
                                      its @n, else its place in its division), or an edition's
                                      line's (lb/@n), where it is a multiple of 5
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- ===== Alternatives ===== -->

  <xsl:variable name="tp:edited-forms" as="xs:string+" select="('corr', 'reg', 'expan')"/>

  <xsl:function name="tp:read-children" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="prefer" as="xs:string*"/>
    <xsl:sequence select="
      if ($e/self::tei:app) then ($e/tei:lem, $e/tei:rdg)[1]
      else if ($e/self::tei:subst) then $e/*[tp:is-read(.)]
      else if ($e/self::tei:choice) then
        (for $name in $prefer return $e/*[local-name() = $name], $e/*)[1]
      else $e/*"/>
  </xsl:function>

  <!-- Some encodings put the space between two words inside the branches of a choice
       (word<choice><abbr> next</abbr><expan>next</expan></choice>), or only in the white space
       the choice holds around its branches (<choice> <abbr>r'</abbr> <expan>rabbi</expan>
       </choice>yehuda), which is text of the paragraph as any white space in mixed content:
       leaving out a branch, or that white space, must not leave the words written together. -->
  <xsl:function name="tp:lost-space" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="read" as="element()*"/>
    <xsl:param name="at-start" as="xs:boolean"/>
    <xsl:variable name="edge" select="if ($at-start) then '^\s' else '\s$'"/>
    <xsl:variable name="beside" select="string(if ($at-start) then $e/preceding::text()[1] else $e/following::text()[1])"/>
    <xsl:variable name="own" select="if ($at-start) then $e/text()[not(preceding-sibling::*)]
                                     else $e/text()[not(following-sibling::*)]"/>
    <xsl:sequence select="' '[(some $part in ($e/* except $read, $own) satisfies matches(string($part), $edge))]
        [not(matches(string-join($read), $edge))]
        [$beside and not(matches($beside, if ($at-start) then '\s$' else '^\s'))]"/>
  </xsl:function>

  <!-- A word added in the margin is marked where it goes in, often right after the word before
       it (word<add place="margin-right">added</add>), and the parts of a citation, and of a
       dictionary's entry, are often written one after the other (<cit><quote>…</quote><bibl>…
       </bibl></cit>, <form><orth>…</orth><pron>…</pron></form><gramGrp>…): each is a word,
       or words, of its own (such a part is parted from the part before it). -->
  <xsl:function name="tp:apart-space" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="at-start" as="xs:boolean"/>
    <xsl:variable name="beside" select="string(if ($at-start) then $e/preceding::text()[1] else $e/following::text()[1])"/>
    <xsl:variable name="inside" select="string($e)"/>
    <xsl:sequence select="' '[$e/(self::tei:add[contains(@place, 'margin')]
                                  | self::*[parent::tei:cit or tp:is-dictionary-phrase(.)][$at-start and preceding-sibling::*])]
        [$beside and not(matches($beside, if ($at-start) then '\s$' else '^\s'))]
        [not(matches($inside, if ($at-start) then '^\s' else '\s$'))]"/>
  </xsl:function>

  <!-- A quotation's marks: the text's own, where it writes them; else those of the language of
       the text (German „…“, French «…», else “…”), single within another quotation. -->
  <xsl:function name="tp:quote-marks" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <!-- by the first and last characters, not by patterns anchored at the ends of the text
         (Saxon tries those at every position: slow on a long quotation) -->
    <xsl:variable name="text" select="normalize-space($e)"/>
    <xsl:variable name="before" select="normalize-space($e/preceding-sibling::node()[1][self::text()])"/>
    <xsl:variable name="marked" select="(substring($text, 1, 1)[.] ! contains('&quot;“”‘’«»„‚‹›「『', .))
        or (substring($before, string-length($before))[.] ! contains('&quot;“‘«»„‚‹›「『', .))
        or tp:is-block-quote($e) or exists($e/parent::tei:cit[tp:is-translation(.)])"/>
    <xsl:variable name="language" select="substring(lower-case(($e/ancestor-or-self::*/@xml:lang)[last()]), 1, 2)"/>
    <xsl:variable name="inner" select="exists($e/ancestor::*[self::tei:q or self::tei:quote or self::tei:said or self::tei:soCalled])"/>
    <xsl:sequence select="if ($marked) then ()
        else if ($language = 'de') then (if ($inner) then ('‚', '‘') else ('„', '“'))
        else if ($language = 'fr') then (if ($inner) then ('‹ ', ' ›') else ('« ', ' »'))
        else if ($inner) then ('‘', '’') else ('“', '”')"/>
  </xsl:function>

  <xsl:function name="tp:is-block-quote" as="xs:boolean">
    <xsl:param name="quote" as="element()"/>
    <xsl:sequence select="tokenize($quote/@rend) = ('block', 'blockquote', 'display')
                          or exists($quote/(tei:p | tei:ab | tei:lg | tei:l | tei:list | tei:table | tei:sp))"/>
  </xsl:function>

  <!-- Where a place is (its location, its coordinates) is data about the place, not words of
       the text, even where a name in the text holds it (<settlement>Wien<location><geo>48.2
       16.4</geo></location></settlement>); a geo standing on its own in the text is read. The
       formats' templates for what is not read match these four elements by name, so that no
       other element is asked. -->
  <xsl:function name="tp:is-read" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not($e/self::tei:del[not(tei:restore)][not(tokenize(@rend) = 'erasure' and tp:is-leiden(.))]
                              | $e/self::tei:fw | $e/self::tei:location
                              | $e/self::tei:geo[ancestor::*[tp:entity-type(.) = 'place']])"/>
  </xsl:function>

  <!-- An abbreviation as written keeps its marker (<abbr>D<am>r</am></abbr>, "Dr"); an
       expansion leaves it out, for what the editor writes instead (ex): EpiDoc's <expan><abbr>
       co<am>s</am></abbr><ex>nsul</ex></expan> reads "co(nsul)" expanded, "cos" as written. -->
  <xsl:function name="tp:is-read-in-abbreviation" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="prefer" as="xs:string*"/>
    <xsl:variable name="expanded" select="$prefer = 'expan'"/>
    <xsl:sequence select="if ($e/self::tei:am) then not($expanded and $e/ancestor::tei:expan) else $expanded"/>
  </xsl:function>

  <!-- ===== Joins: a word broken at a line's end, tokens written together ===== -->

  <xsl:variable name="tp:has-joins" as="xs:boolean"
      select="exists(//(tei:lb | tei:pb | tei:cb)[@break = 'no'] | //(tei:w | tei:pc)[@join])"/>
  <!-- Whether the text is tokenized in words: the formats' rule for the white space inside a
       word tests it first, so that a text without any looks at no text node's ancestors. -->
  <xsl:variable name="tp:has-words" as="xs:boolean" select="exists(//tei:w)"/>

  <xsl:function name="tp:joins-after" as="xs:boolean" visibility="private">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="exists($n/(self::tei:lb | self::tei:pb | self::tei:cb)[@break = 'no']
                                 | $n/self::*[@join = ('right', 'both')])"/>
  </xsl:function>

  <xsl:function name="tp:joins-before" as="xs:boolean" visibility="private">
    <xsl:param name="n" as="node()?"/>
    <xsl:sequence select="exists($n/(self::tei:lb | self::tei:pb | self::tei:cb)[@break = 'no']
                                 | $n/self::*[@join = ('left', 'both')])"/>
  </xsl:function>

  <xsl:function name="tp:is-joined" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="tp:joins-after($text/preceding-sibling::node()[1])
                          or tp:joins-before($text/following-sibling::node()[1])"/>
  </xsl:function>

  <!-- A hyphen at the end of the line is the printer's, not the word's, where the word goes on
       in lower case. -->
  <xsl:function name="tp:joined-text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="next" select="$text/following-sibling::node()[1]"/>
    <xsl:variable name="start" select="if (tp:joins-after($text/preceding-sibling::node()[1]))
                                       then replace($text, '^\s+', '') else string($text)"/>
    <xsl:sequence select="
      if (not(tp:joins-before($next))) then $start
      else if ($next/self::tei:lb and matches(string($next/following::text()[normalize-space()][1]), '^\s*\p{Ll}'))
        then replace($start, '([-¬⸗&#xAD;]\s*|\s+)$', '')
      else replace($start, '([¬⸗&#xAD;]\s*|\s+)$', '')"/>
  </xsl:function>

  <!-- ===== Speech ===== -->

  <xsl:function name="tp:speaker" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="who" select="normalize-space($e/@who)"/>
    <xsl:variable name="before" select="$e/preceding-sibling::*[self::tei:u | self::tei:sp][1]"/>
    <xsl:sequence select="
      if (not($who) or $e/tei:speaker) then ()
      else if ($e/self::tei:u and normalize-space($before/@who) = $who) then ()
      else string-join(tokenize($who) ! (let $person := tp:resolve(., $e)[1]
                                         return if ($person) then tp:display-name($person)[.]
                                                else replace(., '^.*#', '')), ', ')"/>
  </xsl:function>

  <xsl:function name="tp:is-incident" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:kinesic | self::tei:incident | self::tei:vocal)
                                 | $e/self::tei:note[parent::tei:u | parent::*/tei:u])"/>
  </xsl:function>

  <xsl:function name="tp:incident-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'[' || (normalize-space($e)[.], replace(normalize-space($e/@type), '[-_]', ' '))[1] || ']'"/>
  </xsl:function>

  <!-- ===== Critical apparatus ===== -->

  <xsl:function name="tp:has-apparatus" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="count($app/(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg)) gt 1"/>
  </xsl:function>

  <xsl:function name="tp:app-ordinals" as="map(xs:string, xs:integer)" cache="yes" visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="apps" select="$root//tei:app[tp:has-apparatus(.)][not(ancestor::tei:app)][not(parent::tei:listApp)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($apps) return map{generate-id($apps[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="tp:app-number" as="xs:integer">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="tp:app-ordinals(root($app))(generate-id($app))"/>
  </xsl:function>

  <xsl:function name="tp:app-label" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="tp:letters(tp:app-number($app))"/>
  </xsl:function>

  <!-- 1 → a, 26 → z, 27 → aa (bijective base 26). -->
  <xsl:function name="tp:letters" as="xs:string" visibility="private">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="(if ($n gt 26) then tp:letters(($n - 1) idiv 26) else '')
                          || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <xsl:function name="tp:app-id" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="'tp-app-' || tp:app-number($app)"/>
  </xsl:function>

  <!-- A witness (or a source: an edition, in an edition of an inscription) by its siglum: the
       witness's abbr or @n where given, else its id. -->
  <xsl:function name="tp:sigla" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space(string-join($reading/(@wit, @source), ' '))) ! (
        let $witness := tp:resolve(., $reading)[1]
        return ($witness/tei:abbr[normalize-space()][1] ! normalize-space(.),
                normalize-space($witness/@n)[.], replace(., '^.*#', ''))[1]), ' ')"/>
  </xsl:function>

  <!-- The words of a reading as read (a nested app by its own reading), its notes left out. -->
  <xsl:function name="tp:reading-words" as="xs:string">
    <xsl:param name="e" as="node()"/>
    <xsl:sequence select="normalize-space(string-join($e/node() ! (
        if (. instance of text()) then string(.)
        else if (self::tei:note or not(tp:is-read(.))) then ' '
        else if (self::tei:app | self::tei:subst | self::tei:choice)
          then string-join(tp:read-children(., $tp:edited-forms) ! tp:reading-words(.), ' ')
        else tp:reading-words(.))))"/>
  </xsl:function>

  <!-- The app's own notes (a note beside its readings) end the entry; an app of notes only
       (an edition's apparatus often has them) is its notes. -->
  <xsl:function name="tp:apparatus-entry" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="read" select="tp:read-children($app, $tp:edited-forms)"/>
    <xsl:variable name="others" select="$app/(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg) except $read"/>
    <xsl:variable name="readings" select="if (empty($read)) then () else
      string-join(($read ! tp:reading-words(.), tp:sigla($read)[.]), ' ') || ']'
      || string-join($others ! (' ' || string-join(((tp:reading-words(.)[.], 'om.')[1], tp:sigla(.)[.],
                                                     tei:note ! normalize-space(.)[. != 'om.']), ' ')), ';')"/>
    <xsl:sequence select="string-join(($readings, $app/tei:note ! normalize-space(.)[.]), '; ')"/>
  </xsl:function>

  <!-- An app of an apparatus listed apart (listApp, an edition's apparatus division) is an
       entry of its own, begun by the line it is about: "3. Ἀμμωνίῳ ed1] Ἀμωνίῳ ed2". -->
  <xsl:function name="tp:listed-apparatus-entry" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="string-join(((normalize-space($app/@loc), normalize-space($app/@n))[.][1] ! (. || '.'),
                                       tp:apparatus-entry($app)), ' ')"/>
  </xsl:function>

  <xsl:key name="tp:apparatus-by-scope" match="tei:app[not(ancestor::tei:app)][not(parent::tei:listApp)][tp:has-apparatus(.)]"
      use="generate-id(tp:note-scope(.))"/>

  <xsl:function name="tp:apparatus" as="element(tei:app)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="key('tp:apparatus-by-scope', generate-id($scope), root($scope))"/>
  </xsl:function>

  <!-- ===== What is the text ===== -->

  <!-- A TEI document's text: its text, and its documentary transcription (sourceDoc: surfaces,
       zones and written lines), either or both; never the header. -->
  <xsl:function name="tp:texts" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/(tei:text | tei:sourceDoc)"/>
  </xsl:function>

  <!-- ===== Verse ===== -->

  <!-- A verse line's number is the last number its @n gives ("5", "1.1.5": act, scene, line),
       else its place among the lines of its division; every fifth is printed. A line of an
       inscription or papyrus (lb with @n in an edition, ./leiden.xsl) is numbered as the
       edition numbers it, and never by counting. -->
  <xsl:key name="tp:lines-by-scope" match="tei:l" use="generate-id(ancestor::*[self::tei:div or self::tei:text][1])"/>

  <xsl:function name="tp:line-number" as="xs:string?">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="given" select="replace($l/@n, '^.*?(\d+)\D*$', '$1')[matches(., '^\d+$')]
                                           [not($l/self::tei:lb) or tp:is-leiden($l)]"/>
    <xsl:variable name="scope" select="$l/ancestor::*[self::tei:div or self::tei:text][1]"/>
    <xsl:variable name="n" select="if ($given) then xs:integer($given)
        else if ($l/self::tei:lb) then ()
        else index-of(key('tp:lines-by-scope', generate-id($scope), root($l)) ! generate-id(.), generate-id($l))"/>
    <xsl:sequence select="string($n)[$n mod 5 = 0]"/>
  </xsl:function>
</xsl:stylesheet>
