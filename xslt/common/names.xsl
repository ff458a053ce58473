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
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
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
                                        ! ((@when, @notBefore, @notAfter)[1], normalize-space(.))[.][1], '–')"/>
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

  <!-- The key of a name that points to no entry: its kind and its words, in lower case, letters
       and digits only ("name:person:olga-schnitzler"), as the exports key it. -->
  <xsl:function name="tp:name-key" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="'name:' || $kind || ':'
        || replace(replace(lower-case(normalize-unicode(tp:name-text($name), 'NFC')), '[^\p{L}\p{N}]+', '-'), '^-|-$', '')"/>
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
</xsl:stylesheet>
