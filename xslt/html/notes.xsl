<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in HTML: footnote markers in the text, note lists after each division, links both ways.

  In:  note elements. Footnotes (see ../common/notes.xsl) leave a marker where they stand and are
       listed at the end of their division (a FRUS document, else the nearest div, else the
       text); inline notes (FRUS source notes, @place='inline') stay where they are.
  Out: marker  <sup class="noteref"><a href="#NOTE-ID" id="tp-noteref-N" role="doc-noteref">1</a></sup>;
       list    <section class="notes"><hK>Notes</hK><ol class="notes"><li id="NOTE-ID">
               <a class="note-label" href="#tp-noteref-N">1</a> text
               <a class="backlink" href="#tp-noteref-N" role="doc-backlink">↩</a></li>...;
       K is one level below the division's heading.

  Named template: h:notes (called by every element that can hold a note list).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- generate-id of each footnote → its id, label and marker's id, from ../common/notes.xsl,
       asked once per note (the marker and the list both need them). -->
  <xsl:variable name="h:footnotes" as="map(xs:string, map(xs:string, xs:string))"
      select="map:merge(//tei:note[tp:is-footnote(.)] ! map{generate-id(.): map{
                'id': tp:note-id(.), 'label': tp:note-label(.),
                'ref': 'tp-noteref-' || tp:note-number(.)}})"/>

  <xsl:template match="tei:note[tp:is-footnote(.)]" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="note" select="$h:footnotes(generate-id(.))"/>
    <xsl:variable name="ref-id" select="$note('ref')"/>
    <xsl:variable name="label" select="$note('label')"/>
    <sup class="noteref">
      <xsl:choose>
        <xsl:when test="$in-link">
          <xsl:attribute name="id" select="$ref-id"/>
          <xsl:value-of select="$label"/>
        </xsl:when>
        <xsl:otherwise>
          <a href="#{$note('id')}" id="{$ref-id}" role="doc-noteref" aria-label="note {$label}">
            <xsl:value-of select="$label"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <!-- Inline notes stay in the text: a paragraph of their own among blocks, a span in a line. -->
  <xsl:template match="tei:note">
    <xsl:call-template name="h:para">
      <xsl:with-param name="class" select="'note', (@type ! tokenize(.) ! ('type-' || .))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:note" mode="h:inline">
    <span>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'note', (@type ! tokenize(.) ! ('type-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </span>
  </xsl:template>

  <xsl:template name="h:notes">
    <xsl:variable name="notes" select="tp:footnotes(.)"/>
    <xsl:if test="exists($notes)">
      <xsl:variable name="id" select="'tp-notes-' || substring-after($h:footnotes(generate-id($notes[1]))('ref'), 'tp-noteref-')"/>
      <section class="notes" aria-labelledby="{$id}">
        <xsl:element name="h{min((6, 2 + h:members(.) + count(ancestor-or-self::*[tei:head | tei:body/tei:head][h:is-section(.)])))}">
          <xsl:attribute name="id" select="$id"/>
          <xsl:text>Notes</xsl:text>
        </xsl:element>
        <ol class="notes">
          <xsl:apply-templates select="$notes" mode="h:note"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="h:note">
    <xsl:variable name="note" select="$h:footnotes(generate-id(.))"/>
    <xsl:variable name="ref" select="'#' || $note('ref')"/>
    <xsl:variable name="label" select="$note('label')"/>
    <li id="{$note('id')}">
      <xsl:apply-templates select="@xml:lang" mode="h:attribute"/>
      <xsl:attribute name="class" select="'note', (@type ! tokenize(.) ! ('type-' || .))"/>
      <a class="note-label" href="{$ref}" aria-label="note {$label}, back to the text">
        <xsl:value-of select="$label"/>
      </a>
      <xsl:text> </xsl:text>
      <xsl:for-each select="tp:note-original(.)"><span class="note-original">(note <xsl:value-of select="."/> in the original) </span></xsl:for-each>
      <div class="note-body">
        <xsl:apply-templates/>
        <xsl:text> </xsl:text>
        <a class="backlink" href="{$ref}" role="doc-backlink" aria-label="back to the text of note {$label}">↩&#xFE0E;</a>
      </div>
    </li>
  </xsl:template>
</xsl:stylesheet>
