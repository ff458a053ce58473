<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names of persons, places and organizations, as plain strings, for any output format.

  In:  an entity: an entry of an authority file (person, place, org) or of a document's own
       list of persons (FRUS: persName[@xml:id] inside div[@xml:id='persons']), as returned by
       tp:entity() (pointers.xsl); or a name element of the text.
  Out: its kind, display name, sorting name, short description, further note, and the key that
       identifies it across documents.

  The functions of an entry are memo functions (cache="yes"): an entry named a thousand times
  in a volume is described once.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:entity-type($entity as element()) as xs:string        'person' | 'place' | 'org' | 'other'
    tp:name-type($name as element()) as xs:string             kind of a name in the text
    tp:display-name($entity as element()) as xs:string        "John Foster Dulles"
    tp:sort-name($entity as element()) as xs:string           "Dulles, John Foster"
    tp:description($entity as element()) as xs:string?       "Secretary of State of the United States"
    tp:entity-note($entity as element()) as xs:string?       the entry's note, when not the description
    tp:entity-key($entity as element()) as xs:string          "gnd:118609807", "dulles-john-foster",
                                                              "frus1918Russiav03:p_BND1"
    tp:authority-id($entity as element()) as xs:string?      "gnd:118609807", "viaf:…", "wikidata:Q…"
    tp:name-key($kind as xs:string, $name as element()) as xs:string   "name:person:olga-schnitzler"
    tp:is-authority-list($list as element()) as xs:boolean   a list of entries beside the text
    tp:in-authority-list($node as node()) as xs:boolean      within an entry of such a list
    tp:name-text($name as element()) as xs:string            a name's words, its parts spaced
    tp:is-name($e as element()) as xs:boolean                a name, whose parts are words
    tp:document-id($root as element()) as xs:string           root's xml:id, else file name
    tp:is-mention($name as element()) as xs:boolean           a name in the text that points to an entry
    tp:words-key($kind, $words as xs:string) as xs:string     tp:name-key of words
    tp:folded($words as xs:string) as xs:string               "jose-marti" of "José Martí"
  The indexes (web, print) count the same mentions, with the same keys and headings:
    tp:in-apparatus($node as node()) as xs:boolean           in a list or table of the front or back
                                                              matter, an index or contents
    tp:mention-kind($name as element()) as xs:string?        'person' | 'place' | 'org'
    tp:is-indexed($name as element()) as xs:boolean          a name the indexes count
    tp:index-mentions($doc as document-node()) as map(*)*    every mention: key, kind, heading, words,
                                                              entity?, node, note
    tp:inverted($name as xs:string) as xs:string             "Lee, Frank C." of "Frank C. Lee"
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- Name forms that are not the standard form of an entry. -->
  <xsl:variable name="tp:variant-name-types" as="xs:string+"
      select="('asPrinted', 'short', 'abbr', 'variant', 'alt', 'alias', 'nickname', 'former')"/>

  <xsl:function name="tp:entity-type" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="
      if ($entity/(self::tei:person | self::tei:personGrp | self::tei:persName)) then 'person'
      else if ($entity/(self::tei:place | self::tei:placeName | self::tei:geogName
                        | self::tei:settlement | self::tei:country)) then 'place'
      else if ($entity/(self::tei:org | self::tei:orgName)) then 'org'
      else 'other'"/>
  </xsl:function>

  <!-- The kind of a name in the text: its entry's kind, else what the element or @type says. -->
  <xsl:function name="tp:name-type" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entity" select="tp:entity($name)"/>
    <xsl:sequence select="
      if ($entity) then tp:entity-type($entity)
      else if ($name/@type = ('person', 'place', 'org')) then string($name/@type)
      else tp:entity-type($name)"/>
  </xsl:function>

  <!-- The element holding the standard form of an entry's name (the entry itself for a list's
       persName). -->
  <xsl:function name="tp:standard-name" as="element()" visibility="private">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="names" select="$entity/(tei:persName | tei:placeName | tei:orgName
                                        | tei:name | tei:geogName | tei:settlement)"/>
    <xsl:sequence select="($names[not(@type = $tp:variant-name-types)], $names, $entity)[1]"/>
  </xsl:function>

  <!-- Text of a name, with a space between its parts even where the encoding has none. -->
  <xsl:function name="tp:name-text" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(
      $name/node()[not(self::tei:note)] ! (if (. instance of element()) then ' ' || tp:name-text(.) || ' '
                                           else string(.))))"/>
  </xsl:function>

  <xsl:function name="tp:display-name" as="xs:string" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="tp:name-text(tp:standard-name($entity))"/>
  </xsl:function>

  <!-- Surname(s) first, then forenames and generational name: "MacArthur, Douglas, II". Names
       without a marked surname sort as written. -->
  <xsl:function name="tp:sort-name" as="xs:string" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="name" select="tp:standard-name($entity)"/>
    <xsl:variable name="surnames" select="$name/tei:surname ! tp:name-text(.)"/>
    <xsl:sequence select="
      if (empty($surnames)) then tp:name-text($name)
      else string-join((string-join($surnames, ' '),
                        string-join($name/(tei:forename | tei:nameLink) ! tp:name-text(.), ' ')[.],
                        $name/tei:genName ! tp:name-text(.)), ', ')"/>
  </xsl:function>

  <!-- Dates an occupation or other statement holds for: "1953–1959", "from 1957", "to 1959". -->
  <xsl:function name="tp:span" as="xs:string?" visibility="private">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="from" select="($e/@from, $e/@notBefore)[1]"/>
    <xsl:variable name="to" select="($e/@to, $e/@notAfter)[1]"/>
    <xsl:sequence select="
      if ($e/@when) then string($e/@when)
      else if ($from and $to) then $from || '–' || $to
      else if ($from) then 'from ' || $from
      else if ($to) then 'to ' || $to
      else ()"/>
  </xsl:function>

  <!--
    What the entry says the entity is, in one line: a person's occupations (with their dates)
    and life dates; a place's or organization's desc; failing those, the entry's note. For a
    persName in a document's list of persons, the rest of the list item ("Secretary of War.").
  -->
  <xsl:function name="tp:description" as="xs:string?" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="own" select="tp:own-description($entity)"/>
    <xsl:sequence select="if ($own) then $own else tp:notes-text($entity)"/>
  </xsl:function>

  <xsl:function name="tp:own-description" as="xs:string?" visibility="private">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="life" select="string-join(($entity/tei:birth, $entity/tei:death)
                                        ! ((@when, @notBefore, @notAfter)[1], tp:reading-words(.))[.][1], '–')"/>
    <xsl:variable name="parts" as="xs:string*" select="
      ($entity/(tei:occupation | tei:desc | tei:roleName[not(parent::tei:persName)])
         ! string-join((normalize-space(.), tp:span(.) ! ('(' || . || ')')), ' '),
       $life[.] ! ('(' || . || ')'))"/>
    <xsl:variable name="listed" select="
      if ($entity/self::tei:persName and $entity/parent::*[not(self::tei:person | self::tei:listPerson)])
      then replace(normalize-space(string-join($entity/following-sibling::node()
                     [not(self::tei:note)])), '^[\s,;:–—-]+', '')
      else ''"/>
    <xsl:sequence select="(string-join($parts[.], '; ')[.], $listed[.])[1]"/>
  </xsl:function>

  <xsl:function name="tp:notes-text" as="xs:string?" visibility="private">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="string-join($entity/tei:note ! normalize-space(.), ' ')[.]"/>
  </xsl:function>

  <!-- The entry's note, when it is not already the description. -->
  <xsl:function name="tp:entity-note" as="xs:string?" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:sequence select="if (tp:own-description($entity)) then tp:notes-text($entity) else ()"/>
  </xsl:function>

  <!--
    The key that identifies an entry in every document that points to it: the authority record
    it names (tp:authority-id), so that documents with lists of their own share one entry per
    person; else its xml:id in an authority file (shared by all documents); else
    "documentid:xml:id" for an entry of a document's own list, whose ids are only unique within
    that document. pipeline/export/reading.py keys its entities by the same rules.
  -->
  <xsl:function name="tp:entity-key" as="xs:string" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="root" select="root($entity)/*"/>
    <xsl:sequence select="
      (tp:authority-id($entity),
       if ($root/tei:text) then tp:document-id($root) || ':' || $entity/@xml:id
       else string($entity/@xml:id))[1]"/>
  </xsl:function>

  <!-- The authority record an entry names, one spelling per record: of its idno elements and
       @sameAs/@corresp addresses, a GND number first, then VIAF, Wikidata, then any other web
       address (without scheme and final slash). -->
  <xsl:function name="tp:authority-id" as="xs:string?">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="ids" select="($entity/tei:idno ! tp:record(normalize-space(.), lower-case(@type)),
        $entity/(@sameAs, @corresp) ! tokenize(.) ! tp:record(., ''))"/>
    <xsl:sequence select="($ids[starts-with(., 'gnd:')], $ids[starts-with(., 'viaf:')],
                           $ids[starts-with(., 'wikidata:')], $ids)[1]"/>
  </xsl:function>

  <xsl:function name="tp:record" as="xs:string?" visibility="private">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="
      if (matches($id, '^https?://d-nb\.info/gnd/[0-9X-]+', 'i')) then 'gnd:' || replace($id, '^.*/gnd/([0-9X-]+).*$', '$1', 'i')
      else if ($type = 'gnd' and matches($id, '^[0-9X-]+$', 'i')) then 'gnd:' || $id
      else if (matches($id, '^https?://(www\.)?viaf\.org/viaf/\d+', 'i')) then 'viaf:' || replace($id, '^.*/viaf/(\d+).*$', '$1', 'i')
      else if ($type = 'viaf' and matches($id, '^\d+$')) then 'viaf:' || $id
      else if (matches($id, '^https?://(www\.)?wikidata\.org/(wiki|entity)/Q\d+', 'i')) then 'wikidata:' || replace($id, '^.*/(Q\d+).*$', '$1', 'i')
      else if ($type = 'wikidata' and matches($id, '^Q\d+$')) then 'wikidata:' || $id
      else if (matches($id, '^https?://\S+$', 'i')) then 'uri:' || replace(replace($id, '^https?://', '', 'i'), '/$', '')
      else ()"/>
  </xsl:function>

  <!-- The key of a name that points to no entry: its kind and its words, compared without
       regard to case, accents, punctuation and spacing ("name:person:olga-schnitzler"; "De Soto"
       and "de Soto", "José" and "Jose" are one name), as the exports key it. -->
  <xsl:function name="tp:name-key" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="tp:words-key($kind, tp:name-text($name))"/>
  </xsl:function>

  <xsl:function name="tp:words-key" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="words" as="xs:string"/>
    <xsl:sequence select="'name:' || $kind || ':' || tp:folded($words)"/>
  </xsl:function>

  <!-- Words in lower case without accents, letters and digits only, joined by hyphens. -->
  <xsl:function name="tp:folded" as="xs:string">
    <xsl:param name="words" as="xs:string"/>
    <xsl:sequence select="replace(replace(lower-case(replace(normalize-unicode($words, 'NFD'), '\p{M}', '')),
                                          '[^\p{L}\p{N}]+', '-'), '^-|-$', '')"/>
  </xsl:function>

  <!-- A list of persons, places, organizations, events or works in back or standOff whose
       entries the text points to: authority data, not text (a listBibl only when every entry
       has an id; a bibliography is text). -->
  <xsl:function name="tp:is-authority-list" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list/ancestor::*[self::tei:back | self::tei:standOff])
        and not($list/ancestor::tei:teiHeader)
        and (exists($list/(self::tei:listPerson | self::tei:listPlace | self::tei:listOrg
                           | self::tei:listEvent | self::tei:listNym))
             or ($list/self::tei:listBibl and $list/* and empty($list/(tei:bibl | tei:biblStruct)[not(@xml:id)])))"/>
  </xsl:function>

  <!-- Whether an element is a name (its parts are words of one name, joined by spaces). -->
  <xsl:function name="tp:is-name" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:persName | self::tei:placeName | self::tei:orgName
                          | self::tei:name | self::tei:geogName | self::tei:roleName | self::tei:author
                          | self::tei:editor | self::tei:principal | self::tei:forename | self::tei:surname))"/>
  </xsl:function>

  <!-- A document's identifier: its root's xml:id, else its file name without extension. -->
  <xsl:function name="tp:document-id" as="xs:string">
    <xsl:param name="root" as="element()"/>
    <xsl:sequence select="(string($root/@xml:id)[.],
                           replace(tokenize(string(base-uri($root)), '/')[last()], '\.[^.]*$', '')[.],
                           'document')[1]"/>
  </xsl:function>

  <!-- A name or reference in the text that points to an entry it can be linked to. -->
  <xsl:function name="tp:is-mention" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name/(@ref, @corresp)) and exists(tp:entity($name))
                          and not($name/ancestor::tei:teiHeader) and not(tp:in-authority-list($name))"/>
  </xsl:function>

  <!-- Whether a node stands in an entry of an authority list (a persName in a person). -->
  <xsl:function name="tp:in-authority-list" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::tei:listPerson | self::tei:listPlace
                          | self::tei:listOrg | self::tei:listEvent | self::tei:listNym
                          | self::tei:listBibl][tp:is-authority-list(.)])"/>
  </xsl:function>
  <!-- ===== What the indexes count (the web edition's, the print edition's, the exports') ===== -->

  <xsl:key name="tp:pointed" match="*[@ref | @corresp]"
      use="tokenize((@ref, @corresp)[1])[starts-with(., '#')] ! substring(., 2)"/>

  <!--
    Whether a node belongs to the apparatus of a book rather than to its text: a list or table
    of the front or back matter (the lists of persons, of abbreviations and terms, of papers,
    a table of contents, a reprinted index), unless within a document; anything in a list or
    division whose @type calls it an index or contents. Names there list, define or index
    what the text says; they are not mentions. Prose of the front and back matter (a preface,
    a message) is text.
  -->
  <xsl:function name="tp:in-apparatus" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::tei:list | self::tei:table]
                                   [ancestor::*[self::tei:front | self::tei:back]]
                                   [empty(ancestor::tei:div[@type = 'document'])])
                          or exists($node/ancestor::*[self::tei:div | self::tei:list]
                                   [lower-case(@type) = ('index', 'toc', 'contents')])"/>
  </xsl:function>

  <!-- The kind of entity a name in the text names: by its element, else by @type, else (an
       untyped name or rs) by the entry it points to. -->
  <xsl:function name="tp:mention-kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="
      if ($name/self::tei:persName) then 'person'
      else if ($name/self::tei:placeName) then 'place'
      else if ($name/self::tei:orgName) then 'org'
      else if ($name/@type) then map{'person': 'person', 'place': 'place', 'org': 'org', 'organisation': 'org',
                                    'organization': 'org'}(lower-case($name/@type))
      else tp:entity($name) ! tp:entity-type(.)[. = ('person', 'place', 'org')]"/>
  </xsl:function>

  <!--
    A name the indexes count: of a kind, not part of a name of its kind, not the entry of a
    list that pointers point to (FRUS's persName[@xml:id]), not in an authority list nor in the
    apparatus; an rs (a description, "the Secretary") only when it points to an entry.
  -->
  <xsl:function name="tp:is-indexed" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="kind" select="tp:mention-kind($name)"/>
    <xsl:sequence select="exists($kind)
        and not($name/ancestor::*[self::tei:persName | self::tei:placeName | self::tei:orgName
                                  | self::tei:rs | self::tei:name][tp:mention-kind(.) = $kind])
        and not($name/@xml:id and key('tp:pointed', string($name/@xml:id), root($name)))
        and not(tp:in-authority-list($name)) and not(tp:in-apparatus($name))
        and (if (exists(tp:entity($name))) then true()
             else not($name/self::tei:rs) and tp:folded(tp:name-text($name)) ne '')"/>
  </xsl:function>

  <!--
    Every mention the indexes of a document count, in document order, as maps:
      key      what the mention is indexed by: its entry (tp:entity-key), else its words
               (tp:name-key), so that the web and print indexes and the exports agree
      kind     'person', 'place' or 'org'
      heading  the entry's heading: the entry's sorting name, else the name inverted
      words    the name as written
      entity   the entry (absent for a name pointing nowhere)
      node     the name, or the speech (u, sp) whose @who names the speaker
      note     whether it stands in a note
    Speeches count as mentions of each speaker. A memo function: the web and print editions
    ask it for each kind and for each mention's page. A person's name that points nowhere is
    identified, within the file, by tp:identified.
  -->
  <xsl:function name="tp:index-mentions" as="map(*)*" cache="yes">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="found" as="map(*)*" select="
        $doc//(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name | tei:u[@who] | tei:sp[@who])
            [ancestor::tei:text]
            ! (if (self::tei:u or self::tei:sp) then (if (tp:in-apparatus(.)) then () else tp:speaker-mentions(.))
               else if (tp:is-indexed(.)) then tp:name-mention(.) else ())"/>
    <!-- the fullest name of each surname whose names pointing nowhere are forms of one name -->
    <xsl:variable name="fullest" as="map(xs:string, map(*))">
      <xsl:map>
        <xsl:for-each-group select="$found[empty(?entity)][?kind = 'person']"
            group-by="tp:folded(tokenize(tp:unglossed(?words))[last()])">
          <xsl:variable name="forms" select="let $group := current-group()
                                             return for $key in distinct-values($group?key) return $group[?key = $key][1]"/>
          <xsl:if test="every $a in $forms, $b in $forms satisfies
                        tp:same-forenames(tokenize(tp:unglossed($a?words)), tokenize(tp:unglossed($b?words)))">
            <xsl:map-entry key="current-grouping-key()" select="sort($forms, (), function($f) {
                -tp:word-count(tp:unglossed($f?words)), -string-length($f?words)})[1]"/>
          </xsl:if>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="listed" select="$doc//tei:item/tei:persName[@xml:id][key('tp:pointed', string(@xml:id), $doc)]"/>
    <xsl:variable name="names" as="map(*)" select="map{
        'entries': map:merge(($found?entity[tp:entity-type(.) = 'person'], $listed, $doc//(tei:person | tei:personGrp))
                             ! map{tp:folded(tp:sort-name(.)): .}, map{'duplicates': 'use-first'}),
        'aliases': map:merge($listed ! (let $entry := . return ../descendant::tei:persName[not(@xml:id)]
                                        ! map{tp:folded(tp:name-text(.)): $entry}), map{'duplicates': 'combine'}),
        'fullest': $fullest}"/>
    <xsl:sequence select="$found ! (if (exists(?entity) or ?kind ne 'person') then . else tp:identified(., $names))"/>
  </xsl:function>

  <!--
    A person's name pointing nowhere, identified where the file allows: merged with the entry
    (of the file's lists, or pointed to) whose heading it equals ("William Phillips" with
    "Phillips, William"), or whose item in the
    file's own list gives it as another name or title of the entry (FRUS: "Semenov, Gen.
    Gregory, <persName>Ataman</persName> of the Far Eastern Cossacks"; one entry only); else
    with the fullest of the file's names pointing nowhere that end in the same surname, when
    all of them are forms of one name (forenames equal or initials of each other, aligned at
    the start or the end: "Leffingwell", "R. C. Leffingwell", "Russell C. Leffingwell"; not
    "W. F. Darling" and "W. L. Darling", which stay apart, as does "Darling" alone).
  -->
  <xsl:function name="tp:identified" as="map(*)" visibility="private">
    <xsl:param name="mention" as="map(*)"/>
    <xsl:param name="names" as="map(*)"/>
    <xsl:variable name="words" select="tokenize(tp:unglossed($mention?words))"/>
    <xsl:variable name="same" select="$names?entries(tp:folded($mention?heading))"/>
    <xsl:variable name="alias" select="$names?aliases(tp:folded($mention?words))"/>
    <xsl:variable name="fullest" select="$words[last()] ! $names?fullest(tp:folded(.))"/>
    <xsl:sequence select="
      if (exists($same) or count($alias) = 1) then
        let $entry := ($same, $alias)[1]
        return map:merge((map{'key': tp:entity-key($entry), 'heading': tp:sort-name($entry), 'entity': $entry}, $mention),
                         map{'duplicates': 'use-first'})
      else if (exists($fullest)) then map:merge((map{'key': $fullest?key, 'heading': $fullest?heading}, $mention),
                                                            map{'duplicates': 'use-first'})
      else $mention"/>
  </xsl:function>

  <!-- Whether two names (as words, surname last) can be one person's: their forenames, aligned
       at the start or at the end, are equal or initials of each other. -->
  <xsl:function name="tp:same-forenames" as="xs:boolean" visibility="private">
    <xsl:param name="a" as="xs:string*"/>
    <xsl:param name="b" as="xs:string*"/>
    <xsl:variable name="short" select="(if (count($a) le count($b)) then $a else $b)[position() lt last()] ! tp:folded(.)"/>
    <xsl:variable name="long" select="(if (count($a) le count($b)) then $b else $a)[position() lt last()] ! tp:folded(.)"/>
    <xsl:variable name="shift" select="count($long) - count($short)"/>
    <xsl:sequence select="
      (every $i in 1 to count($short) satisfies tp:same-forename($short[$i], $long[$i]))
      or (every $i in 1 to count($short) satisfies tp:same-forename($short[$i], $long[$i + $shift]))"/>
  </xsl:function>

  <xsl:function name="tp:same-forename" as="xs:boolean" visibility="private">
    <xsl:param name="a" as="xs:string"/>
    <xsl:param name="b" as="xs:string"/>
    <xsl:sequence select="$a = $b or (string-length($a) = 1 and starts-with($b, $a))
                          or (string-length($b) = 1 and starts-with($a, $b))"/>
  </xsl:function>

  <!-- A name without the editor's gloss in brackets after it: "Godzun [Kuo Hsiang-hsi]" is
       "Godzun" (a bracket within a word, "Ku[o]", is the word's). -->
  <xsl:function name="tp:unglossed" as="xs:string">
    <xsl:param name="words" as="xs:string"/>
    <xsl:sequence select="normalize-space(replace($words, '(^|\s)\[[^\]]*\]', ' '))"/>
  </xsl:function>

  <xsl:function name="tp:word-count" as="xs:integer" visibility="private">
    <xsl:param name="words" as="xs:string"/>
    <xsl:sequence select="count(tokenize($words))"/>
  </xsl:function>

  <xsl:function name="tp:name-mention" as="map(*)" visibility="private">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entity" select="tp:entity($name)"/>
    <xsl:variable name="kind" select="tp:mention-kind($name)"/>
    <xsl:variable name="words" select="tp:name-text($name)"/>
    <xsl:sequence select="map:merge((
        map{'kind': $kind, 'words': $words, 'node': $name, 'note': exists($name/ancestor::tei:note)},
        if ($entity) then map{'key': tp:entity-key($entity), 'heading': tp:sort-name($entity), 'entity': $entity}
        else map{'key': tp:words-key($kind, (tp:unglossed($words)[.], $words)[1]), 'heading': tp:inverted($words)}))"/>
  </xsl:function>

  <!-- A speech's speakers: the entries its @who points to (in the document, or a teiCorpus
       holding it), else the person named by the pointer's id ("#Kurtulmus_Numan" → "Kurtulmus
       Numan"). -->
  <xsl:function name="tp:speaker-mentions" as="map(*)*" visibility="private">
    <xsl:param name="speech" as="element()"/>
    <xsl:for-each select="tokenize($speech/@who)">
      <xsl:variable name="entity" select="tp:resolve(., $speech)[1]"/>
      <xsl:variable name="words" select="normalize-space(replace(replace(., '^.*#', ''), '[._]', ' '))"/>
      <xsl:sequence select="map:merge((
          map{'kind': 'person', 'words': $words, 'node': $speech, 'note': false()},
          if ($entity) then map{'key': tp:entity-key($entity), 'heading': tp:sort-name($entity), 'entity': $entity}
          else map{'key': tp:words-key('person', $words), 'heading': $words}))[$words or $entity]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Words that begin a surname ("Van Sinderen", "De Soto"). -->
  <xsl:variable name="tp:surname-particles" as="xs:string+"
      select="('van', 'von', 'de', 'di', 'da', 'du', 'del', 'della', 'der', 'den', 'le', 'la', 'ten', 'ter', 'al', 'el', 'ibn', 'bin')"/>

  <!-- A name written forename first, inverted for an index: "Frank C. Lee" → "Lee, Frank C.".
       Only names whose every word is capitalized and whose last word is a word of letters are
       inverted; names with a comma, of one word, with a lower-case particle or a conjunction
       ("Lampton and Wiltbank", "Macchi di Cellere"), whose surname begins with a particle ("Van
       Sinderen"), with brackets, or ending in a generational name stay as written. -->
  <xsl:function name="tp:inverted" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="words" select="tokenize($name)"/>
    <xsl:sequence select="
      if (count($words) lt 2 or contains($name, ',') or $words[last()] = ('Jr.', 'Sr.')
          or not(matches($words[last()], '^\p{Lu}[\p{L}''’-]*\p{Ll}$'))
          or (some $w in $words satisfies not(matches($w, '^\p{Lu}')))
          or lower-case($words[last() - 1]) = $tp:surname-particles) then $name
      else $words[last()] || ', ' || string-join($words[position() lt last()], ' ')"/>
  </xsl:function>
</xsl:stylesheet>
