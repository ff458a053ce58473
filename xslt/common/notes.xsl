<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: which notes are footnotes, their labels, ordinal numbers and ids, and where they are
  listed. Counted once per document by memo functions, never by scanning per note.

  In:  note elements of a document's text (of any document: the counts are kept per document).
  Out: for each footnote, the label a reader sees (its @n, or *, †, ‡ ... for an unnumbered note
       such as a FRUS source note), its ordinal among all footnotes, a stable id, and the
       division whose notes it is listed with. Where the numbers of the notes listed together
       repeat (the original numbered them by printed page), they are numbered again 1, 2, ...
       in order, and the original's number is kept (tp:note-original) for the reader.

  A footnote is a note of the text that is not inline (@place='inline', or FRUS's @rend='inline').
  Notes are listed by division: a note belongs to the nearest div[@type='document'] around it;
  outside documents, to the nearest div; outside divisions, to the text.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:is-footnote($note as element()) as xs:boolean
    tp:note-number($note as element()) as xs:integer        1, 2, ... in document order
    tp:note-label($note as element()) as xs:string          @n, else *, †, ‡, §, ‖, ¶, **, ...
    tp:note-original($note as element()) as xs:string?      @n where the label is another number
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

  <xsl:function name="tp:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="not($note/@place = 'inline' or $note/@rend = 'inline')
                          and exists($note/ancestor::tei:text)"/>
  </xsl:function>

  <!-- generate-id of each footnote of a document → its ordinal. -->
  <xsl:function name="tp:footnote-ordinals" as="map(xs:string, xs:integer)" cache="yes"
      visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="notes" select="$root//tei:note[tp:is-footnote(.)]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{generate-id($notes[$i]): $i})"/>
  </xsl:function>

  <!-- generate-id of each unnumbered footnote → its rank among those of its note scope. -->
  <xsl:function name="tp:unnumbered-ranks" as="map(xs:string, xs:integer)" cache="yes"
      visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="ranks" as="map(xs:string, xs:integer)*">
      <xsl:for-each-group select="$root//tei:note[not(normalize-space(@n))][tp:is-footnote(.)]"
          group-by="generate-id(tp:note-scope(.))">
        <xsl:for-each select="current-group()">
          <xsl:sequence select="map{generate-id(.): position()}"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="map:merge($ranks)"/>
  </xsl:function>

  <!-- generate-id of each numbered footnote of a note scope whose numbers repeat → its rank there. -->
  <xsl:function name="tp:renumbered" as="map(xs:string, xs:integer)" cache="yes" visibility="private">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="ranks" as="map(xs:string, xs:integer)*">
      <xsl:for-each-group select="$root//tei:note[normalize-space(@n)][tp:is-footnote(.)]"
          group-by="generate-id(tp:note-scope(.))">
        <xsl:if test="count(distinct-values(current-group()/normalize-space(@n))) lt count(current-group())">
          <xsl:for-each select="current-group()">
            <xsl:sequence select="map{generate-id(.): position()}"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="map:merge($ranks)"/>
  </xsl:function>

  <xsl:function name="tp:note-original" as="xs:string?">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="rank" select="tp:renumbered(root($note))(generate-id($note))"/>
    <xsl:sequence select="normalize-space($note/@n)[exists($rank) and . != string($rank)]"/>
  </xsl:function>

  <xsl:function name="tp:note-number" as="xs:integer">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="tp:footnote-ordinals(root($note))(generate-id($note))"/>
  </xsl:function>

  <xsl:function name="tp:note-label" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="count" select="count($tp:note-symbols)"/>
    <xsl:sequence select="
      if (normalize-space($note/@n))
        then (tp:renumbered(root($note))(generate-id($note)) ! string(.), normalize-space($note/@n))[1]
      else
        let $k := tp:unnumbered-ranks(root($note))(generate-id($note)) - 1
        return string-join((1 to $k idiv $count + 1) ! $tp:note-symbols[$k mod $count + 1])"/>
  </xsl:function>

  <xsl:function name="tp:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="(string($note/@xml:id)[.], 'tp-note-' || tp:note-number($note))[1]"/>
  </xsl:function>

  <xsl:function name="tp:note-scope" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::tei:div[@type = 'document'][1],
                           $node/ancestor-or-self::tei:div[1],
                           $node/ancestor-or-self::tei:text[1],
                           root($node)/*)[1]"/>
  </xsl:function>

  <xsl:key name="tp:footnotes-by-scope" match="tei:note[tp:is-footnote(.)]"
      use="generate-id(tp:note-scope(.))"/>

  <xsl:function name="tp:footnotes" as="element(tei:note)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="key('tp:footnotes-by-scope', generate-id($scope), root($scope))"/>
  </xsl:function>
</xsl:stylesheet>
