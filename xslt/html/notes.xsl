<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in HTML: footnote markers in the text, note lists after each division, links both ways.

  In:  note elements. Footnotes (see ../common/notes.xsl) leave a marker where they stand and are
       listed at the end of their division (a FRUS document, else the nearest div, else the
       text); inline notes (FRUS source notes, place="inline": tp:is-inline-note) stay where they are.
  Out: marker  <sup class="noteref"><a href="#NOTE-ID" id="tp-noteref-N" role="doc-noteref">1</a></sup>;
       list    <section class="notes"><hK>Notes</hK><ol class="notes"><li id="NOTE-ID">
               <a class="note-label" href="#tp-noteref-N">1</a> text
               <a class="backlink" href="#tp-noteref-N" role="doc-backlink">↩</a></li>...;
       K is one level below the division's heading.

  The critical apparatus works alike: an app shows the reading read (../common/reading.xsl)
  and a marker, <sup class="appref"><a href="#tp-app-N" id="tp-appref-N">a</a></sup>, linked to
  its entry in <section class="apparatus"> after the notes ("beginning A] start B") and back.
  A note's label is the common layer's; where the source numbered it otherwise (n="*)"), that
  is in the marker's title. A note continued elsewhere (@next/@prev) is one entry; incidents
  among speeches (applause, the time) are shown in brackets where they stand.

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
       asked once per note (the marker and the list both need them). The ids made up here count
       the footnotes of the note's page (h:page-ordinals), so that a document's page is the same
       whether the document was built in its volume or from a file of its own. -->
  <xsl:variable name="h:footnotes" as="map(xs:string, map(xs:string, xs:string))">
    <xsl:variable name="notes" select="//tei:note[tp:is-footnote(.)]"/>
    <xsl:variable name="numbers" select="h:page-ordinals($notes)"/>
    <xsl:sequence select="map:merge($notes ! map{generate-id(.): map{
                'id': (string(@xml:id)[.], 'tp-note-' || $numbers(generate-id(.)))[1],
                'label': tp:note-label(.),
                'ref': 'tp-noteref-' || $numbers(generate-id(.)), 'source': string(tp:note-source-label(.))}})"/>
  </xsl:variable>

  <!-- A note attached elsewhere shows its marker where it is attached (tp:note-place), after
       the element it is on, and nothing where it stands. -->
  <xsl:template match="tei:note[tp:is-attached(.)]" mode="#default h:inline" priority="2">
    <xsl:param name="tp:placed" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$tp:placed">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[$tp:has-attached-notes][@xml:id][tp:attached-notes(.)]" mode="#default h:inline" priority="30">
    <xsl:next-match/>
    <xsl:apply-templates select="tp:attached-notes(.)" mode="h:inline">
      <xsl:with-param name="tp:placed" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A continuation is printed with the note it continues. -->
  <xsl:template match="tei:note[tp:is-continuation(.)]" mode="#default h:inline" priority="1"/>

  <xsl:template match="tei:note[tp:is-incident(.)] | tei:kinesic | tei:incident | tei:vocal" priority="1">
    <p class="incident {local-name()}"><xsl:value-of select="tp:incident-text(.)"/></p>
  </xsl:template>

  <xsl:template match="tei:note[tp:is-incident(.)] | tei:kinesic | tei:incident | tei:vocal" mode="h:inline" priority="1">
    <span class="incident {local-name()}"><xsl:value-of select="tp:incident-text(.)"/></span>
  </xsl:template>

  <!-- An app: the reading read, and a marker of its apparatus entry. -->
  <!-- An apparatus listed apart (listApp): an entry a line. -->
  <xsl:template match="tei:listApp/tei:app" mode="#default h:inline">
    <span class="app"><xsl:value-of select="tp:listed-apparatus-entry(.)"/></span>
    <br/>
  </xsl:template>

  <xsl:template match="tei:app" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:apply-templates select="tp:read-children(., ())" mode="h:inline"/>
    <xsl:if test="tp:has-apparatus(.) and not(ancestor::tei:app)">
      <xsl:variable name="label" select="tp:app-label(.)"/>
      <sup class="appref">
        <xsl:choose>
          <xsl:when test="$in-link"><xsl:value-of select="$label"/></xsl:when>
          <xsl:otherwise>
            <a href="#{tp:app-id(.)}" id="tp-appref-{tp:app-number(.)}" aria-label="apparatus {$label}"
               title="{tp:apparatus-entry(.)}"><xsl:value-of select="$label"/></a>
          </xsl:otherwise>
        </xsl:choose>
      </sup>
    </xsl:if>
  </xsl:template>

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
            <xsl:if test="$note('source')">
              <xsl:attribute name="title" select="'numbered ' || $note('source') || ' in the source'"/>
            </xsl:if>
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

  <!-- The heading of a division's notes or apparatus: a level below the division's own (its
       head, its body's, or the title of a text in a group, as h:heading-level counts them). -->
  <xsl:function name="h:list-heading-level" as="xs:integer">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="min((6, 2 + h:members($scope) + count(h:on-page($scope/ancestor-or-self::*
        [tei:head | tei:body/tei:head or tp:member-title(.)][h:is-section(.)], $scope))))"/>
  </xsl:function>

  <xsl:template name="h:notes">
    <xsl:variable name="notes" select="tp:footnotes(.)"/>
    <xsl:variable name="apparatus" select="tp:apparatus(.)"/>
    <xsl:if test="exists($apparatus)">
      <xsl:variable name="id" select="'tp-apparatus-' || tp:app-number($apparatus[1])"/>
      <section class="apparatus" aria-labelledby="{$id}">
        <xsl:element name="h{h:list-heading-level(.)}">
          <xsl:attribute name="id" select="$id"/>
          <xsl:text>Apparatus</xsl:text>
        </xsl:element>
        <ul class="apparatus">
          <xsl:for-each select="$apparatus">
            <li id="{tp:app-id(.)}">
              <a class="note-label" href="#tp-appref-{tp:app-number(.)}" aria-label="apparatus {tp:app-label(.)}, back to the text">
                <xsl:value-of select="tp:app-label(.)"/>
              </a>
              <xsl:text> </xsl:text>
              <xsl:value-of select="tp:apparatus-entry(.)"/>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <xsl:if test="exists($notes)">
      <xsl:variable name="id" select="'tp-notes-' || substring-after($h:footnotes(generate-id($notes[1]))('ref'), 'tp-noteref-')"/>
      <section class="notes" aria-labelledby="{$id}">
        <xsl:element name="h{h:list-heading-level(.)}">
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
      <xsl:for-each select="tp:note-source-label(.)"><span class="note-original">(note <xsl:value-of select="."/> in the original) </span></xsl:for-each>
      <div class="note-body">
        <xsl:apply-templates/>
        <xsl:for-each select="tp:continuations(.)">
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </xsl:for-each>
        <xsl:text> </xsl:text>
        <a class="backlink" href="{$ref}" role="doc-backlink" aria-label="back to the text of note {$label}">↩&#xFE0E;</a>
      </div>
    </li>
  </xsl:template>
</xsl:stylesheet>
