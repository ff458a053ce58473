<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared layer of every output format: import this one module.

      <xsl:import href="../common/common.xsl"/>

  Everything here is format-neutral: functions return strings, numbers and TEI nodes, never
  output markup, and nothing tests which format is being made. All functions are in the
  namespace urn:x-teipipe:common (prefix tp); see each module's header for signatures.

    pointers.xsl  $authorities, key tp:id, tp:resolve, tp:entity, tp:has-scheme
    names.xsl     tp:entity-type, tp:name-type, tp:display-name, tp:sort-name, tp:description,
                  tp:entity-note, tp:entity-key, tp:authority-id, tp:name-key, tp:document-id,
                  tp:is-mention, tp:is-authority-list, tp:in-authority-list, tp:words-key, tp:folded,
                  tp:in-apparatus, tp:mention-kind, tp:is-indexed, tp:index-mentions, tp:inverted
    dates.xsl     tp:format-iso, tp:date-label, tp:date-sort-key
    notes.xsl     tp:is-footnote, tp:is-inline-note, tp:in-unread-reading, tp:note-number,
                  tp:note-label, tp:note-source-label, tp:note-id, tp:note-scope, tp:footnotes, tp:continuations
    pages.xsl     tp:page-number, tp:pb-id, tp:page-of
    gaps.xsl      tp:gap-description, tp:quantity, tp:fraction
    reading.xsl   tp:read-children, tp:is-read, tp:is-read-in-abbreviation, tp:reading-words, tp:joined-text, tp:is-joined, tp:speaker,
                  tp:is-incident, tp:incident-text, tp:has-apparatus, tp:app-number, tp:app-label,
                  tp:app-id, tp:apparatus-entry, tp:sigla, tp:apparatus, tp:texts, tp:line-number
    header.xsl    tp:title, tp:subtitle, tp:language, tp:bcp47, tp:lang-direction, tp:direction,
                  tp:document-date, tp:bibl-scope, tp:flat, tp:book-title, tp:agent-names
    leiden.xsl    tp:is-leiden, tp:edition-marks, tp:underdotted, tp:leiden-gap, tp:div-label,
                  tp:sense-label, tp:phrase-separator, tp:is-translation,
                  tp:is-dictionary-phrase, $tp:has-editions
    volume.xsl    tp:documents, tp:is-volume, tp:div-date, tp:member-title
    rendition.xsl tp:rendition (tagsDecl, @rendition, @rend, @style as safe CSS), tp:css
    images.xsl    $images, tp:image-src, tp:image-description, tp:image-length
    msdesc.xsl    tp:ms-description (a manuscript description's parts, labelled), tp:ms-identifier

  Counts (note numbers and labels, page ordinals) are made once per document by memo functions
  (cache="yes") and hold for any document, not only the principal source.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="pointers.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="gaps.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="reading.xsl"/>
  <xsl:include href="leiden.xsl"/>
  <xsl:include href="volume.xsl"/>
  <xsl:include href="rendition.xsl"/>
  <xsl:include href="images.xsl"/>
  <xsl:include href="msdesc.xsl"/>
</xsl:stylesheet>
