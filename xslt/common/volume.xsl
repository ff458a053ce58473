<?xml version="1.0" encoding="UTF-8"?>
<!--
  Volumes: a source that holds many documents, as a documentary edition's volume does (FRUS:
  front matter, chapters of div[@type='document'], back matter), and what each document says of
  itself.

  In:  a source document, and how the user wants it laid out ('auto', 'never', 'always').
  Out: its documents; whether it is laid out as a volume (a page per document, a contents page):
       with 'auto', when it holds more than one document; with 'always', when it holds one or
       more; with 'never', not at all. A document is a div[@type='document'] that is not inside
       another one. The date of a document: the first date[@when] of its opener or dateline,
       else its FRUS attribute frus:doc-dateTime-min.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:documents($root as node()) as element(tei:div)*
    tp:is-volume($root as node(), $split as xs:string) as xs:boolean
    tp:div-date($div as element()) as xs:string?            an ISO date or date and time
    tp:member-title($text as element()) as element()?       the heading of a text that stands in
                                                            a group (see below)

  A text in a group (the articles of a journal's issue, the poets of an anthology, the works
  of collected works) is a section of the whole, headed by the title its front gives: the
  main titlePart (of its docTitle or title page, or of the front itself), else the first that
  is not a subtitle, alternative, short or running title. A text without one has no heading
  of its own: its heads (a front's or a body's) head it, as in any text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:function name="tp:member-title" as="element()?">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="front" select="$text[self::tei:text][parent::tei:group]/tei:front"/>
    <xsl:variable name="parts" select="$front/(tei:titlePart | (tei:docTitle | tei:titlePage/tei:docTitle)/tei:titlePart)"/>
    <xsl:sequence select="($parts[@type = 'main'], $parts[not(@type = ('sub', 'alt', 'short', 'desc', 'column', 'running', 'number'))])[1]"/>
  </xsl:function>

  <xsl:function name="tp:documents" as="element(tei:div)*" cache="yes">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)//tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>
  </xsl:function>

  <xsl:function name="tp:is-volume" as="xs:boolean">
    <xsl:param name="root" as="node()"/>
    <xsl:param name="split" as="xs:string"/>
    <xsl:variable name="documents" select="count(tp:documents($root))"/>
    <xsl:sequence select="($split = 'auto' and $documents gt 1) or ($split = 'always' and $documents gt 0)"/>
  </xsl:function>

  <xsl:function name="tp:div-date" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(($div/(tei:opener | tei:dateline | tei:opener/tei:dateline)//tei:date/@when,
                            $div/@frus:doc-dateTime-min) ! normalize-space(.))[.][1]"/>
  </xsl:function>
</xsl:stylesheet>
