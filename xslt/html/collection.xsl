<?xml version="1.0" encoding="UTF-8"?>
<!--
  The collection pages of the web edition: the list of documents and the indexes of persons,
  places and organizations.

  In:  <collection> holding one <document> record per published document (made by
       summary.xsl); $page: 'index.html', 'persons.html', 'places.html' or 'orgs.html'.
  Out: that page, in the same shell as the document pages.
       index.html lists every document (title linked to its page, date, source), in order of
       the date of the text (tp:document-date), then title. An index page has one entry per entry of the authority files (or of a
       document's own list of persons, or a name pointing to none, marked "unidentified"),
       however many documents name it: the name (surname first), its description and note,
       and for each document that names it, links to every place it is named ("doc. 12, p. 23";
       "p. 23n" in a note; one link per place), grouped under letters.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:h="urn:x-teipipe:html"
    exclude-result-prefixes="#all">

  <xsl:include href="page.xsl"/>

  <xsl:param name="page" as="xs:string" select="'index.html'"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
      omit-xml-declaration="yes" include-content-type="no" escape-uri-attributes="no"/>

  <xsl:variable name="h:this" select="$h:pages[?file = $page]"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="$h:this?label"/>
    <html lang="en">
      <xsl:call-template name="h:head">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="h:banner">
          <xsl:with-param name="current" select="$page"/>
        </xsl:call-template>
        <main id="main">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:choose>
            <xsl:when test="$h:this?type = 'document'">
              <xsl:apply-templates select="collection" mode="h:documents"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="collection" mode="h:index"/>
            </xsl:otherwise>
          </xsl:choose>
        </main>
        <xsl:call-template name="h:footer"/>
      </body>
    </html>
  </xsl:template>

  <!-- ===== The documents ===== -->

  <xsl:template match="collection" mode="h:documents">
    <ol class="documents">
      <xsl:for-each select="document">
        <xsl:sort select="(date/@sort, '~')[1]"/>
        <xsl:sort select="lower-case(title)"/>
        <li lang="{@lang}">
          <h2><a href="{@href}"><xsl:value-of select="title"/></a></h2>
          <xsl:for-each select="date">
            <p class="date">
              <xsl:choose>
                <xsl:when test="h:is-html-date(@when)">
                  <time datetime="{@when}"><xsl:value-of select="."/></time>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:for-each>
          <xsl:if test="normalize-space(source)">
            <p class="source"><xsl:value-of select="source"/></p>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- The dates in records are ISO values of documents' @when; these are the forms HTML takes. -->
  <xsl:function name="h:is-html-date" as="xs:boolean">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="matches($value, '^[0-9]{4}(-(0[1-9]|1[0-2]))?$') and not(starts-with($value, '0000'))
                          or ($value castable as xs:date and matches($value, '^[0-9]{4}-') and not(starts-with($value, '0000')))"/>
  </xsl:function>

  <!-- ===== An index ===== -->

  <xsl:template match="collection" mode="h:index">
    <xsl:variable name="entities" select="document/entity[@type = $h:this?type]"/>
    <xsl:variable name="entries" as="element(entry)*">
      <xsl:for-each-group select="$entities" group-by="@key">
        <!-- (by letter first, so that each letter's entries stand together: "Çelik" under C) -->
        <xsl:sort select="upper-case(substring(normalize-unicode(@sort, 'NFD'), 1, 1))"/>
        <xsl:sort select="lower-case(@sort)"/>
        <xsl:sort select="@key"/>
        <entry letter="{upper-case(substring(normalize-unicode(@sort, 'NFD'), 1, 1))}">
          <xsl:sequence select="@key, @sort, @description, @note"/>
          <xsl:if test="every $e in current-group() satisfies $e/@unidentified = 'yes'">
            <xsl:attribute name="unidentified" select="'yes'"/>
          </xsl:if>
          <xsl:for-each select="current-group()">
            <in href="{../@href}" title="{../title}">
              <xsl:sequence select="mention"/>
            </in>
          </xsl:for-each>
        </entry>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="empty($entries)">
        <p>No <xsl:value-of select="lower-case($h:this?label)"/> are named in these documents.</p>
      </xsl:when>
      <xsl:otherwise>
        <nav class="letters" aria-label="Letters">
          <ul>
            <xsl:for-each select="distinct-values($entries/@letter)">
              <li><a href="#letter-{.}"><xsl:value-of select="."/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <xsl:for-each-group select="$entries" group-adjacent="@letter">
          <section class="letter" aria-labelledby="letter-{current-grouping-key()}">
            <h2 id="letter-{current-grouping-key()}"><xsl:value-of select="current-grouping-key()"/></h2>
            <ul class="index">
              <xsl:apply-templates select="current-group()" mode="h:entry"/>
            </ul>
          </section>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="entry" mode="h:entry">
    <li id="{@key}" class="entry">
      <p class="entry-head">
        <span class="entry-name"><xsl:value-of select="@sort"/></span>
        <xsl:if test="@unidentified = 'yes'">
          <xsl:text> </xsl:text>
          <span class="unidentified">(unidentified)</span>
        </xsl:if>
        <xsl:if test="normalize-space(@description)">
          <xsl:text>, </xsl:text>
          <span class="entry-description"><xsl:value-of select="@description"/></span>
        </xsl:if>
      </p>
      <xsl:if test="normalize-space(@note)">
        <p class="entry-note"><xsl:value-of select="@note"/></p>
      </xsl:if>
      <ul class="occurrences">
        <xsl:for-each select="in">
          <xsl:variable name="href" select="@href"/>
          <li>
            <a href="{$href}"><cite><xsl:value-of select="@title"/></cite></a>
            <xsl:text>: </xsl:text>
            <xsl:for-each-group select="mention" group-by="string(@label)">
              <xsl:if test="position() gt 1">, </xsl:if>
              <a href="{(@page[string()], $href)[1]}{@id[normalize-space()] ! ('#' || .)}">
                <xsl:value-of select="if (current-grouping-key()) then current-grouping-key()
                                      else 'mention ' || position()"/>
              </a>
            </xsl:for-each-group>
          </li>
        </xsl:for-each>
      </ul>
    </li>
  </xsl:template>
</xsl:stylesheet>
