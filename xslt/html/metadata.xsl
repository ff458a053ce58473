<?xml version="1.0" encoding="UTF-8"?>
<!--
  The facts of the TEI header above the text: title, subtitle, and a description list of
  author, date, source, editors and encoders, publisher and licence.

  In:  a TEI (or teiCorpus) element, in mode h:metadata; $show-metadata.
  Out: <header class="document-header"> with the h1 of the page and <dl class="metadata">.
       The source is cited from sourceDesc: a biblStruct as a citation (authors, “title”, in
       <cite>container</cite> (place: publisher, date), volume, issue, document, pages, ISSN,
       web address), a bibl or paragraphs as they stand.

       A manuscript (msDesc) is cited by its identifier, and described after the list in a
       <section class="manuscript">: its facts in description lists, its contents, physical
       description, history and parts in sections (tp:ms-description).

  Modes: h:metadata (the header block), h:citation (a biblStruct), h:manuscript (an msDesc),
  h:meta (header prose: text with titles as cite, web addresses as links, editorial readings of
  choices only).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="h:metadata">
    <xsl:variable name="header" select="tei:teiHeader"/>
    <xsl:variable name="file" select="$header/tei:fileDesc"/>
    <header class="document-header">
      <!-- (A member of a corpus is a section of the corpus's page.) -->
      <!-- (The title may be in another language and direction than the text: it takes the
           direction of its first letter.) -->
      <xsl:element name="{if (parent::tei:teiCorpus) then 'h2' else 'h1'}">
        <xsl:attribute name="dir" select="'auto'"/>
        <xsl:value-of select="tp:title(.)"/>
      </xsl:element>
      <xsl:for-each select="tp:subtitle(.)">
        <p class="subtitle" dir="auto"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="$show-metadata and $header">
        <dl class="metadata">
          <xsl:call-template name="h:fact">
            <xsl:with-param name="label" select="'Author'"/>
            <xsl:with-param name="items" select="$file/tei:titleStmt/tei:author"/>
          </xsl:call-template>
          <xsl:variable name="date" select="tp:document-date(.)"/>
          <xsl:if test="$date">
            <dt>Date</dt>
            <dd>
              <xsl:call-template name="h:auto-dir"/>
              <xsl:apply-templates select="$date" mode="h:inline"/>
              <xsl:for-each select="$header/tei:profileDesc/tei:creation/tei:placeName[1]">
                <xsl:text>, </xsl:text>
                <xsl:apply-templates mode="h:meta"/>
              </xsl:for-each>
            </dd>
          </xsl:if>
          <xsl:if test="$file/tei:sourceDesc/*[normalize-space()]">
            <dt>Source</dt>
            <xsl:for-each select="$file/tei:sourceDesc/*[normalize-space()]">
              <dd>
              <xsl:call-template name="h:auto-dir"/>
                <xsl:apply-templates select="." mode="h:citation"/>
              </dd>
            </xsl:for-each>
          </xsl:if>
          <xsl:call-template name="h:fact">
            <xsl:with-param name="label" select="'Editor'"/>
            <xsl:with-param name="items" select="$file/tei:titleStmt/tei:editor"/>
          </xsl:call-template>
          <xsl:for-each-group select="$file/tei:titleStmt/tei:respStmt[normalize-space()]"
              group-by="normalize-space(tei:resp[1])">
            <xsl:call-template name="h:fact">
              <xsl:with-param name="label" select="upper-case(substring(current-grouping-key(), 1, 1))
                                                   || substring(current-grouping-key(), 2)"/>
              <xsl:with-param name="items" select="current-group()/(* except tei:resp)"/>
            </xsl:call-template>
          </xsl:for-each-group>
          <xsl:call-template name="h:fact">
            <xsl:with-param name="label" select="'Published by'"/>
            <xsl:with-param name="items" select="$file/tei:publicationStmt/((tei:publisher, tei:distributor,
                                                  tei:authority) ! tp:agent-names(.), tei:pubPlace, tei:date)"/>
            <xsl:with-param name="separator" select="', '"/>
          </xsl:call-template>
          <xsl:call-template name="h:fact">
            <xsl:with-param name="label" select="'Licence'"/>
            <xsl:with-param name="items" select="$file/tei:publicationStmt/tei:availability
                                                  /(tei:licence, tei:p)"/>
            <xsl:with-param name="separator" select="' '"/>
          </xsl:call-template>
        </dl>
        <xsl:apply-templates select="$file/tei:sourceDesc/tei:msDesc" mode="h:manuscript">
          <xsl:with-param name="level" select="if (parent::tei:teiCorpus) then 3 else 2"/>
        </xsl:apply-templates>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- In a page whose text is not left to right, each value of the header takes the direction
       of its first letter (it may be in another language than the text). -->
  <xsl:template name="h:auto-dir">
    <xsl:if test="$h:direction ne 'ltr'">
      <xsl:attribute name="dir" select="'auto'"/>
    </xsl:if>
  </xsl:template>

  <!-- One dt and one dd with the items' texts, or nothing when they are all empty. -->
  <xsl:template name="h:fact">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="separator" as="xs:string" select="'; '"/>
    <xsl:variable name="present" select="$items[normalize-space()]"/>
    <xsl:if test="$present">
      <dt><xsl:value-of select="$label"/></dt>
      <dd>
              <xsl:call-template name="h:auto-dir"/>
        <xsl:for-each select="$present">
          <xsl:if test="position() gt 1"><xsl:value-of select="$separator"/></xsl:if>
          <xsl:apply-templates mode="h:meta"/>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- ===== A manuscript's description (tp:ms-description) ===== -->

  <xsl:template match="tei:msDesc" mode="h:manuscript">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:variable name="entries" select="tp:ms-description(.)"/>
    <xsl:if test="exists($entries)">
      <xsl:call-template name="h:ms-section">
        <xsl:with-param name="heading" select="'Manuscript'"/>
        <xsl:with-param name="entries" select="$entries"/>
        <xsl:with-param name="level" select="$level"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A heading, then the facts in a description list (styled as the header's) and each part
       in a section of its own, one heading level down. -->
  <xsl:template name="h:ms-section">
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="entries" as="map(*)*"/>
    <xsl:param name="level" as="xs:integer"/>
    <section class="manuscript">
      <xsl:element name="h{min(($level, 6))}"><xsl:value-of select="$heading"/></xsl:element>
      <xsl:for-each-group select="$entries" group-adjacent="map:contains(., 'heading')">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:for-each select="current-group()">
              <xsl:call-template name="h:ms-section">
                <xsl:with-param name="heading" select="?heading"/>
                <xsl:with-param name="entries" select="?entries"/>
                <xsl:with-param name="level" select="$level + 1"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <dl class="metadata">
              <xsl:for-each select="current-group()">
                <dt><xsl:value-of select="?label"/></dt>
                <dd>
                  <xsl:call-template name="h:auto-dir"/>
                  <xsl:for-each select="?lang ! tp:bcp47(.)">
                    <xsl:attribute name="lang" select="."/>
                    <xsl:attribute name="dir" select="'auto'"/>
                  </xsl:for-each>
                  <xsl:for-each select="?value">
                    <xsl:choose>
                      <xsl:when test=". instance of node()">
                        <xsl:apply-templates select="." mode="h:meta"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:for-each>
                </dd>
              </xsl:for-each>
            </dl>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </section>
  </xsl:template>

  <!-- ===== Citations of the source ===== -->

  <!-- A manuscript is cited by its identifier; its description follows the list of facts. -->
  <xsl:template match="tei:msDesc[tei:msIdentifier]" mode="h:citation">
    <xsl:value-of select="tp:ms-identifier(tei:msIdentifier)"/>
  </xsl:template>

  <xsl:template match="*" mode="h:citation">
    <xsl:apply-templates select="." mode="h:meta"/>
  </xsl:template>

  <xsl:template match="tei:biblStruct" mode="h:citation">
    <xsl:variable name="parts" as="item()*">
      <xsl:for-each select="tei:analytic">
        <xsl:sequence select="h:people(tei:author)"/>
        <xsl:for-each select="tei:title[1]">
          <xsl:sequence select="h:quoted(.)"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="tei:monogr">
        <xsl:if test="not(../tei:analytic)">
          <xsl:sequence select="h:people(tei:author)"/>
        </xsl:if>
        <xsl:for-each select="tei:title[1]">
          <span>
            <xsl:if test="../../tei:analytic">in </xsl:if>
            <cite><xsl:apply-templates mode="h:meta"/></cite>
          </span>
        </xsl:for-each>
        <xsl:for-each select="tei:editor[normalize-space()]">
          <span>ed. <xsl:apply-templates mode="h:meta"/></span>
        </xsl:for-each>
        <xsl:variable name="imprint" select="tei:imprint/(tei:pubPlace, tei:publisher, tei:date)[normalize-space()]"/>
        <xsl:if test="$imprint">
          <span>
            <xsl:for-each select="$imprint">
              <xsl:if test="position() gt 1">
                <xsl:value-of select="if (preceding-sibling::*[1]/self::tei:pubPlace and self::tei:publisher)
                                      then ': ' else ', '"/>
              </xsl:if>
              <xsl:apply-templates mode="h:meta"/>
            </xsl:for-each>
          </span>
        </xsl:if>
        <xsl:for-each select="tei:biblScope[normalize-space()]">
          <span><xsl:value-of select="tp:bibl-scope(.)"/></span>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:for-each select="tei:series/tei:title[1]">
        <span>series <cite><xsl:apply-templates mode="h:meta"/></cite></span>
      </xsl:for-each>
      <xsl:for-each select="(tei:analytic, tei:monogr)/tei:idno[normalize-space()]">
        <span>
          <xsl:if test="not(matches(normalize-space(.), '^https?://'))">
            <xsl:value-of select="(@type, 'id')[1]"/>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates select="." mode="h:meta"/>
        </span>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:sequence select="."/>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:function name="h:people" as="element()?">
    <xsl:param name="people" as="element()*"/>
    <xsl:if test="$people[normalize-space()]">
      <span>
        <xsl:for-each select="$people[normalize-space()]">
          <xsl:if test="position() gt 1"> and </xsl:if>
          <xsl:apply-templates mode="h:meta"/>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:function>

  <xsl:function name="h:quoted" as="element()">
    <xsl:param name="title" as="element()"/>
    <span>“<xsl:apply-templates select="$title/node()" mode="h:meta"/>”</span>
  </xsl:function>

  <!-- ===== Prose of the header ===== -->

  <xsl:template match="tei:title" mode="h:meta">
    <cite><xsl:apply-templates mode="h:meta"/></cite>
  </xsl:template>

  <xsl:template match="tei:idno[matches(normalize-space(.), '^https?://\S+$')]" mode="h:meta">
    <a href="{normalize-space(.)}"><xsl:value-of select="normalize-space(.)"/></a>
  </xsl:template>

  <xsl:template match="tei:lb" mode="h:meta">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:note | tei:sic | tei:orig | tei:choice/tei:abbr | tei:resp" mode="h:meta"/>

  <!-- A statement of responsibility within a citation: "transcription: Name, Name". -->
  <xsl:template match="tei:respStmt[tei:resp[normalize-space()]]" mode="h:meta">
    <xsl:value-of select="normalize-space(tei:resp[1]) || ': '"/>
    <xsl:for-each select="(* except tei:resp)[normalize-space()]">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="h:meta"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Elements that hold only elements (msIdentifier: settlement, repository, idno) are often
       written without space between them: their parts are separated, by a space within a name,
       else by a comma. -->
  <xsl:template match="*[* and not(text()[normalize-space()])]" mode="h:meta" priority="-0.25">
    <xsl:variable name="separator" select="if (tp:is-name(.)) then ' ' else ', '"/>
    <xsl:for-each select="*[normalize-space()]">
      <xsl:if test="position() gt 1"><xsl:value-of select="$separator"/></xsl:if>
      <xsl:apply-templates select="." mode="h:meta"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
