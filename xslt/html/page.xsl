<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page shell every page of the web edition shares: document pages and collection pages.

  In:  the page's title, which collection page it is (if any), the source file's name.
  Out: the parts around the main landmark: head (with the style sheet), skip link and
       navigation (banner), footer (contentinfo). Nothing in them depends on the time or place
       of the build, so the same input gives the same bytes.

  Templates and functions (namespace urn:x-teipipe:html, prefix h):
    templates h:head(title, up?, meta?), h:banner(current?, up?), h:footer(source?)
    (up: the way to the collection pages from a page in a folder, '../'; meta: more of the head)
    $h:pages                                      file, label and type of each collection page
    h:index-page($type as xs:string) as xs:string "persons.html" for "person", ...
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-teipipe:html"
    xmlns:param="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <xsl:param name="css" as="xs:string" select="'edition.css'"
      param:doc="Address of the style sheet every page links to."/>

  <xsl:variable name="h:pages" as="map(xs:string, xs:string)+" select="(
      map{'file': 'index.html', 'label': 'Documents', 'type': 'document'},
      map{'file': 'persons.html', 'label': 'Persons', 'type': 'person'},
      map{'file': 'places.html', 'label': 'Places', 'type': 'place'},
      map{'file': 'orgs.html', 'label': 'Organizations', 'type': 'org'})"/>

  <xsl:function name="h:index-page" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($h:pages[?type = $type]?file, 'index.html')[1]"/>
  </xsl:function>

  <!-- The page is written in one pass, never built as a temporary tree and copied (a volume's
       page is megabytes): the caller writes html and body and calls these for the parts. -->

  <xsl:template name="h:head">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="up" as="xs:string" select="''"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="generator" content="teipipe"/>
      <title><xsl:value-of select="$title"/></title>
      <link rel="stylesheet" href="{if (matches($css, '^([A-Za-z][A-Za-z0-9+.\-]*:|/)')) then $css else $up || $css}"/>
      <xsl:sequence select="$meta"/>
    </head>
  </xsl:template>

  <!-- Skip link and the edition's navigation (the banner). -->
  <xsl:template name="h:banner">
    <xsl:param name="current" as="xs:string?" select="()"/>
    <xsl:param name="up" as="xs:string" select="''"/>
    <a class="skip" href="#main">Skip to content</a>
    <header class="site">
      <nav aria-label="Edition">
        <ul>
          <xsl:for-each select="$h:pages">
            <li>
              <a href="{$up}{?file}">
                <xsl:if test="?file = $current">
                  <xsl:attribute name="aria-current" select="'page'"/>
                </xsl:if>
                <xsl:value-of select="?label"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </header>
  </xsl:template>

  <xsl:template name="h:footer">
    <xsl:param name="source" as="xs:string?" select="()"/>
    <footer class="site">
      <p>
        <xsl:text>Encoded in TEI P5</xsl:text>
        <xsl:if test="$source">
          <xsl:text> (</xsl:text>
          <code><xsl:value-of select="$source"/></code>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:text>; published with teipipe.</xsl:text>
      </p>
    </footer>
  </xsl:template>
</xsl:stylesheet>
