<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: which notes are footnotes, their labels, ordinal numbers and ids, and where they are
  listed. Counted once per document by memo functions, never by scanning per note.

  In:  note elements of a document's text (of any document: the counts are kept per document).
  Out: for each footnote, the label a reader sees, its ordinal among all footnotes, a stable
       id, and the division whose notes it is listed with; for a note continued elsewhere
       (@next, @prev: a note running over a page break), the notes that continue it.

  Labels are unique within the division the notes are listed with. A source note (FRUS's
  note type="source" without @n: where the document comes from, hung on its heading) has a sign
  of its own in every format: the first of a division is *, the next †, and so on, whatever
  stands before it; the other notes never take its sign nor count it. Where the source's @n are
  (every numbered note's @n differs from the others', and at most six notes go without one)
  they are the labels, and an unnumbered note takes the next sign after the source notes'.
  Elsewhere (DTA's 67 notes all n="*)", hundreds of notes without @n) the other notes are
  numbered 1, 2, 3 ... in their division, and tp:note-source-label keeps the source's @n for
  the reader. Every format labels notes with tp:note-label, so their markers agree.

  A footnote is a note of the text that is not inline (@place or, in FRUS, @rend holding the
  token "inline": both are lists, place="inline inspace"),
  not a continuation of another note (@prev, or named by another's @next) and no incident among
  speeches (see reading.xsl: those are shown in brackets where they stand).
  Notes are listed by division: a note belongs to the nearest div[@type='document'] around it;
  outside documents, to the nearest div; outside divisions, to the text.

  A note attached elsewhere stands apart from what it is on (in a division of notes, the back,
  a standOff) and names it by @target (or, for a span, its end by @targetEnd): a point among
  the words of the text (an anchor, or any element with words beside it in its line). Its
  marker stands there, after that element, and it is listed with that place's notes; where
  the note itself stands, nothing is shown. Every format places it so (tp:note-place,
  tp:attached-notes), with a tunnel parameter tp:placed that is true where the note is shown.
  A note on a block (a paragraph, a division) stays where it stands.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:is-footnote($note as element()) as xs:boolean
    tp:is-inline-note($note as element()) as xs:boolean     printed where it stands, as the source does
    tp:note-place($note as element()) as element()          where its marker stands: the element
                                                            it is attached to, else itself
    tp:is-attached($note as element()) as xs:boolean        attached elsewhere
    tp:attached-notes($e as element()) as element(tei:note)*  the notes attached to an element
    $tp:has-attached-notes as xs:boolean                    whether any note names a target
    tp:is-source-note($note as element()) as xs:boolean      FRUS's note type="source" without @n
    tp:note-number($note as element()) as xs:integer        1, 2, ... in document order
    tp:note-label($note as element()) as xs:string          @n, *, †, ‡, §, ‖, ¶, or 1, 2, ...
    tp:note-source-label($note as element()) as xs:string?  the source's @n where it is not the label
    tp:continuations($note as element()) as element(tei:note)*  the notes that continue it
    tp:note-id($note as element()) as xs:string             @xml:id, else "tp-note-N"
    tp:note-scope($node as node()) as element()             the division a note is listed with
    tp:footnotes($scope as element()) as element(tei:note)* the footnotes listed with a division
  Ids made up here start with "tp-"; xml:ids of the source are kept as they are.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:variable name="tp:note-symbols" as="xs:string+" select="('*', '†', '‡', '§', '‖', '¶')"/>

  <xsl:function name="tp:is-inline-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="contains-token($note/@place, 'inline') or contains-token($note/@rend, 'inline')"/>
  </xsl:function>

  <xsl:function name="tp:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not(tp:is-inline-note($note))
                          and exists($note/ancestor::tei:text) and not(tp:is-continuation($note))
                          and not(tp:is-incident($note)) and not(tp:in-unread-reading($note))"/>
  </xsl:function>

  <!-- A note in a reading the text does not read (an app's rdg beside its lem), or beside an
       app's readings, belongs to that apparatus entry (tp:apparatus-entry), not to the notes of
       the text. -->
  <xsl:function name="tp:in-unread-reading" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/parent::tei:app) or (some $app in $note/ancestor::tei:app
                          satisfies empty(tp:read-children($app, ()) intersect $note/ancestor::*))"/>
  </xsl:function>

  <xsl:key name="tp:notes-by-prev" match="tei:note[@prev]" use="tokenize(@prev) ! replace(., '^#', '')"/>
  <xsl:key name="tp:notes-by-next" match="tei:note[@next]" use="tokenize(@next) ! replace(., '^#', '')"/>

  <xsl:function name="tp:is-continuation" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="normalize-space($note/@prev) != ''
        or ($note/@xml:id and exists(key('tp:notes-by-next', string($note/@xml:id), root($note))))"/>
  </xsl:function>

  <!-- The notes that continue a note, in order (each names the one before, or is named by it). -->
  <xsl:function name="tp:continuations" as="element(tei:note)*">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="next" select="(tp:resolve($note/@next, $note)[self::tei:note],
        $note/@xml:id ! key('tp:notes-by-prev', string(.), root($note)))[1]"/>
    <xsl:sequence select="$next ! (., tp:continuations(.))"/>
  </xsl:function>

  <!-- generate-id of each footnote of a document → its ordinal. -->
  <xsl:function name="tp:footnote-ordinals" as="map(xs:string, xs:integer)" cache="yes"
      visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="notes" select="$root//tei:note[tp:is-footnote(.)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{generate-id($notes[$i]): $i})"/>
  </xsl:function>

  <!-- generate-id of each footnote → its label, decided for each note scope at once. -->
  <xsl:function name="tp:note-labels" as="map(xs:string, xs:string)" cache="yes" visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="labels" as="map(xs:string, xs:string)*">
      <xsl:for-each-group select="$root//tei:note[tp:is-footnote(.)]" group-by="generate-id(tp:note-scope(.))">
        <xsl:variable name="sources" select="current-group()[tp:is-source-note(.)]"/>
        <xsl:variable name="others" select="current-group() except $sources"/>
        <xsl:variable name="numbers" select="$others ! normalize-space(@n)[.]"/>
        <xsl:variable name="unnumbered" select="$others[not(normalize-space(@n))]"/>
        <xsl:variable name="as-printed" select="count(distinct-values($numbers)) = count($numbers)
                                                and count($unnumbered) le count($tp:note-symbols)"/>
        <xsl:variable name="signed" select="$sources, $unnumbered[$as-printed]"/>
        <xsl:for-each select="$signed">
          <xsl:sequence select="map{generate-id(.): tp:note-sign(position())}"/>
        </xsl:for-each>
        <xsl:for-each select="$others except $signed">
          <xsl:sequence select="map{generate-id(.): if ($as-printed) then normalize-space(@n) else string(position())}"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="map:merge($labels)"/>
  </xsl:function>

  <!-- FRUS's source note: the document's provenance, unnumbered. -->
  <xsl:function name="tp:is-source-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note/@type = 'source' and not(normalize-space($note/@n))"/>
  </xsl:function>

  <!-- The $i-th sign: *, †, ‡, §, ‖, ¶, then doubled (**, ††, ...). -->
  <xsl:function name="tp:note-sign" as="xs:string" visibility="private">
    <xsl:param name="i" as="xs:integer"/>
    <xsl:variable name="signs" select="count($tp:note-symbols)"/>
    <xsl:sequence select="string-join((1 to 1 + ($i - 1) idiv $signs) ! $tp:note-symbols[($i - 1) mod $signs + 1])"/>
  </xsl:function>

  <xsl:function name="tp:note-number" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="tp:footnote-ordinals(root($note))(generate-id($note))"/>
  </xsl:function>

  <xsl:function name="tp:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="tp:note-labels(root($note))(generate-id($note))"/>
  </xsl:function>

  <xsl:function name="tp:note-source-label" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="normalize-space($note/@n)[.][. != tp:note-label($note)]"/>
  </xsl:function>

  <xsl:function name="tp:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="(string($note/@xml:id)[.], 'tp-note-' || tp:note-number($note))[1]"/>
  </xsl:function>

  <xsl:function name="tp:note-scope" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="at" select="if ($node instance of element(tei:note)) then tp:note-place($node) else $node"/>
    <xsl:sequence select="($at/ancestor-or-self::tei:div[@type = 'document'][1],
                           $at/ancestor-or-self::tei:div[1],
                           $at/ancestor-or-self::tei:text[1],
                           root($at)/*)[1]"/>
  </xsl:function>

  <xsl:function name="tp:note-place" as="element()">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="pointer" select="($note/@targetEnd, $note/@target)[normalize-space()][1] ! tokenize(.)[last()]"/>
    <xsl:variable name="at" select="$pointer[starts-with(., '#')] ! tp:resolve(., $note)[1]"/>
    <xsl:sequence select="($at[ancestor::tei:text][self::tei:anchor or ../text()[normalize-space()]]
                              [not(ancestor-or-self::tei:note)], $note)[1]"/>
  </xsl:function>

  <xsl:function name="tp:is-attached" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note[@target or @targetEnd]) and not(tp:note-place($note) is $note)"/>
  </xsl:function>

  <!-- Whether any note names a target: the formats' patterns for the places of attached notes
       test it first, so that a text without any asks no element for its notes. -->
  <xsl:variable name="tp:has-attached-notes" as="xs:boolean" select="exists(//tei:note[@target or @targetEnd])"/>

  <xsl:key name="tp:notes-by-place" match="tei:note[@target or @targetEnd]"
      use="let $note := . return tp:note-place($note)[not(. is $note)] ! generate-id(.)"/>

  <xsl:function name="tp:attached-notes" as="element(tei:note)*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="key('tp:notes-by-place', generate-id($e), root($e))"/>
  </xsl:function>

  <xsl:key name="tp:footnotes-by-scope" match="tei:note[tp:is-footnote(.)]"
      use="generate-id(tp:note-scope(.))"/>

  <xsl:function name="tp:footnotes" as="element(tei:note)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="key('tp:footnotes-by-scope', generate-id($scope), root($scope))"/>
  </xsl:function>
</xsl:stylesheet>
