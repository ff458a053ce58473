<?xml version="1.0" encoding="UTF-8"?>
<!--
  The indexes of names of the e-book edition: the web edition's index pages
  (../html/collection.xsl, imported), in the book's page shell (shell.xsl).

  In:  <collection> of the summaries of the book's documents (../html/summary.xsl, each made
       with $page the name of the document's page in the book); $page, 'persons.html',
       'places.html' or 'orgs.html'.
  Out: that index page; pipeline/formats/epub.py makes it an XHTML content document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="#all">

  <xsl:import href="../html/collection.xsl"/>
  <xsl:include href="shell.xsl"/>
</xsl:stylesheet>
