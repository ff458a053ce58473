<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI in HTML: emphasis and typography, names linked to the index, dates, editorial
  interventions, gaps, page breaks, links, quotations and foreign words.

  In:  phrase-level elements, in either mode (default or h:inline); their content is processed in
       h:inline mode. The tunnel parameter $in-link is true inside an HTML link, where nothing
       may be a link again (names, notes and page references there become spans).
  Out: phrasing HTML: i/b/sup/sub/em/cite/span for typography; a (or span) for names, with
       class name-person/-place/-org, an id the index pages link to, and the entry's
       description as title; time datetime for dates; the reading of a choice, app or subst
       (../common/reading.xsl) with the others in its title or the apparatus; words broken at
       a line's end (lb break="no") or tokens joined (@join) written together; [bracketed] supplied text and gap descriptions; page references [p. 23].

  Functions (namespace urn:x-teipipe:html, prefix h):
    h:datetime($value as xs:string?) as xs:string?   a value HTML accepts in time/@datetime
    h:href($target as xs:string?, $from as element()) as xs:string?   a safe link address, or nothing
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    exclude-result-prefixes="#all">

  <!-- ===== Typography ===== -->

  <!-- The usual renditions as elements of their own (the first of $h:phrase-elements the
       rendition asks for), any other look as the style of a span. -->
  <xsl:variable name="h:phrase-elements" as="array(xs:string)+" select="(['sup', 'vertical-align', 'super'],
      ['sub', 'vertical-align', 'sub'], ['i', 'font-style', 'italic'], ['b', 'font-weight', 'bold'])"/>

  <xsl:template match="tei:hi" mode="#default h:inline">
    <xsl:variable name="rendition" select="tp:rendition(.)"/>
    <xsl:variable name="phrase" select="$h:phrase-elements[$rendition(?2) = ?3][1]"/>
    <xsl:element name="{($phrase?1, 'span')[1]}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="if (exists($phrase)) then () else ((@rend ! tokenize(.) ! ('rend-' || .)), 'hi')"/>
        <xsl:with-param name="rendition" select="if (exists($phrase)) then map:remove($rendition, $phrase?2) else $rendition"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph" mode="#default h:inline">
    <em><xsl:call-template name="h:attributes"/><xsl:apply-templates mode="h:inline"/></em>
  </xsl:template>

  <xsl:template match="tei:title" mode="#default h:inline">
    <cite>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="(@level ! tokenize(.) ! ('level-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:mentioned" mode="#default h:inline">
    <i>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </i>
  </xsl:template>

  <!-- Quotations: the text's own quotation marks are kept, so q (whose marks the browser adds,
       in the language of the text) is used only where the quoted span has none
       (../common/reading.xsl). -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:soCalled" mode="#default h:inline">
    <xsl:element name="{if (empty(tp:quote-marks(.))) then 'span' else 'q'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </xsl:element>
  </xsl:template>

  <!-- A line break within a word (break="no") joins the word: no break, no hyphen, no space,
       so that the word can be found. -->
  <xsl:template match="tei:lb" mode="#default h:inline">
    <xsl:choose>
      <!-- In an edition (../common/leiden.xsl) every line of the stone or papyrus is a line,
           every fifth numbered in the margin; a word broken at the line's end keeps a hyphen. -->
      <xsl:when test="$tp:has-editions and tp:is-leiden(.)">
        <xsl:if test="@break = 'no'">-</xsl:if>
        <br/>
        <xsl:for-each select="tp:line-number(.)">
          <span class="lineno"><xsl:value-of select="."/></span>
          <!-- in the margin, as a verse line's number; the space keeps it out of the first word -->
          <xsl:text> </xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="not(@break = 'no')"><br/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()[$tp:has-editions][ancestor::tei:unclear][tp:is-leiden(.)]" mode="#default h:inline" priority="2">
    <xsl:value-of select="tp:underdotted(if (tp:is-joined(.)) then tp:joined-text(.) else string(.))"/>
  </xsl:template>

  <xsl:template match="text()[$tp:has-joins][tp:is-joined(.)]" mode="#default h:inline">
    <xsl:value-of select="tp:joined-text(.)"/>
  </xsl:template>

  <!-- A word (w) is one word: the white space of its indented parts (an expansion's abbr and ex
       on lines of their own) parts nothing. -->
  <xsl:template match="text()[$tp:has-words][not(normalize-space())][ancestor::tei:w]" mode="#default h:inline" priority="1"/>

  <xsl:template match="tei:space" mode="#default h:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:anchor | tei:milestone | tei:cb" mode="#default h:inline">
    <xsl:if test="@xml:id">
      <span id="{@xml:id}"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== Page references of the original ===== -->

  <!-- [p. 23] in the margin, an anchor others can link to; an unnumbered page keeps its anchor. -->
  <xsl:template match="tei:pb" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="id" select="tp:pb-id(.)"/>
    <xsl:variable name="number" select="tp:page-number(.)"/>
    <span class="pb" id="{$id}">
      <xsl:choose>
        <xsl:when test="empty($number)"/>
        <xsl:when test="$in-link">[p. <xsl:value-of select="$number"/>]</xsl:when>
        <xsl:otherwise>
          <a href="#{$id}" aria-label="page {$number} of the original">[p. <xsl:value-of select="$number"/>]</a>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- ===== Names ===== -->

  <!-- A name that points to an entry links to it (in the index page of its kind) with the
       entry's description as title; other names are spans. Ids and links come from the
       tables of ids.xsl. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name
                       | tei:geogName" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <!-- geogName is no mention of ids.xsl ($h:names), so not linked -->
    <xsl:variable name="link" select="if ((@ref or @corresp) and not(self::tei:geogName))
                                      then $h:links(h:pointer-key(.)) else ()"/>
    <xsl:choose>
      <xsl:when test="empty($link)">
        <span>
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="'name', 'name-' || tp:entity-type(.)"/>
          </xsl:call-template>
          <xsl:apply-templates mode="h:inline"/>
        </span>
      </xsl:when>
      <xsl:when test="$in-link or not($link-names) or not($link?href)">
        <span id="{h:mention-id(.)}" class="{$link?class}" title="{$link?title}">
          <xsl:apply-templates select="@xml:lang" mode="h:attribute"/>
          <xsl:apply-templates mode="h:inline"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <a id="{h:mention-id(.)}" class="{$link?class}" href="{$link?href}" title="{$link?title}">
          <xsl:apply-templates select="@xml:lang" mode="h:attribute"/>
          <xsl:apply-templates mode="h:inline">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Dates ===== -->

  <!-- A value HTML's datetime attribute accepts: year, year-month, date, local or global date and
       time, day without year, time. Checked by patterns, since a date that is out of range (a
       13th month, a 31 April) would make the page invalid. -->
  <xsl:function name="h:datetime" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <!-- the common cases, a date or a date and time, by casting (regular expressions are slower) -->
    <xsl:variable name="length" select="string-length($v)"/>
    <xsl:sequence select="
      if ($length = 10 and $v castable as xs:date and contains('123456789', substring($v, 1, 1))) then $v
      else if ($length = 19 and substring($v, 11, 1) = 'T' and substring($v, 12, 2) != '24' and $v castable as xs:dateTime
               and contains('123456789', substring($v, 1, 1)) and not(contains($v, '.'))) then $v
      else h:datetime-other($v)"/>
  </xsl:function>

  <xsl:function name="h:datetime-other" as="xs:string?" visibility="private">
    <xsl:param name="v" as="xs:string"/>
    <xsl:variable name="date" select="if (contains($v, 'T')) then substring-before($v, 'T') else $v"/>
    <xsl:variable name="ok" select="
      if (matches($date, '^\d{4,}(-(0[1-9]|1[0-2]))?$')) then not(matches($date, '^0+(-|$)'))
      else if (matches($date, '^\d{4,}-\d\d-\d\d$')) then $date castable as xs:date and not(starts-with($date, '0000'))
      else if (matches($date, '^--\d\d-\d\d$')) then $date castable as xs:gMonthDay
      else matches($v, '^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$')"/>
    <xsl:sequence select="$v[$ok][not(contains(., 'T')) or matches(substring-after(., 'T'),
      '^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+\-]\d\d:\d\d)?$')]"/>
  </xsl:function>

  <xsl:template match="tei:date | tei:time" mode="#default h:inline">
    <xsl:variable name="label" select="tp:date-label(.)"/>
    <xsl:variable name="datetime" select="@when ! h:datetime(.)"/>
    <xsl:element name="{if ($datetime) then 'time' else 'span'}">
      <xsl:if test="@xml:id | @xml:lang">
        <xsl:call-template name="h:attributes"/>
      </xsl:if>
      <xsl:attribute name="class" select="'date'"/>
      <xsl:if test="$datetime">
        <xsl:attribute name="datetime" select="$datetime"/>
      </xsl:if>
      <xsl:if test="@from | @to | @notBefore | @notAfter">
        <xsl:for-each select="(@from, @to, @notBefore, @notAfter)[h:datetime(.)]">
          <xsl:attribute name="data-{lower-case(local-name())}" select="."/>
        </xsl:for-each>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="node()">
          <xsl:if test="$label and $label != normalize-space(.)">
            <xsl:attribute name="title" select="$label"/>
          </xsl:if>
          <xsl:apply-templates mode="h:inline"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$label"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- ===== Editorial interventions ===== -->

  <!-- A choice shows the reading the common layer reads (the correction, regularization or
       expansion, else the first) and keeps the other in its title. -->
  <xsl:template match="tei:choice" mode="#default h:inline">
    <xsl:variable name="reading" select="tp:read-children(., $tp:edited-forms)"/>
    <xsl:variable name="others" select="string-join((* except $reading) ! normalize-space(.), ' / ')"/>
    <span class="choice {local-name($reading)}"
        title="{if ($reading/self::tei:corr) then 'Corrected by the editor; the source reads: '
                else if ($reading/self::tei:reg) then 'Regularized; the source reads: '
                else if ($reading/self::tei:expan) then 'Expanded; the source reads: '
                else 'Also read: '}{$others}">
      <xsl:variable name="marks" select="$reading ! tp:edition-marks(.)"/>
      <xsl:value-of select="tp:lost-space(., $reading, true())"/>
      <xsl:value-of select="$marks[1]"/>
      <xsl:apply-templates select="$reading/node()" mode="h:inline"/>
      <xsl:value-of select="$marks[2]"/>
      <xsl:value-of select="tp:lost-space(., $reading, false())"/>
    </span>
  </xsl:template>

  <!-- A substitution shows what was added, the deleted text in its title. -->
  <xsl:template match="tei:subst" mode="#default h:inline">
    <xsl:variable name="deleted" select="normalize-space(string-join(* except tp:read-children(., ()), ' '))"/>
    <span class="subst">
      <xsl:if test="$deleted">
        <xsl:attribute name="title" select="'Replaces: ' || $deleted"/>
      </xsl:if>
      <xsl:apply-templates select="tp:read-children(., ())" mode="h:inline"/>
    </span>
  </xsl:template>

  <!-- What is not read (deletions, running heads, where a place is: ../common/reading.xsl). -->
  <xsl:template match="(tei:del | tei:fw | tei:location | tei:geo)[not(tp:is-read(.))]" mode="#default h:inline"/>
  <xsl:template match="(tei:am | tei:ex)[not(tp:is-read-in-abbreviation(., $tp:edited-forms))]" mode="#default h:inline" priority="1"/>

  <xsl:template match="tei:sic" mode="#default h:inline">
    <span class="sic"><xsl:apply-templates mode="h:inline"/></span>
    <xsl:text> [sic]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:corr | tei:reg" mode="#default h:inline">
    <span class="{local-name()}"
        title="{if (self::tei:corr) then 'Corrected by the editor' else 'Regularized by the editor'}">
      <xsl:apply-templates mode="h:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="#default h:inline">
    <abbr><xsl:apply-templates mode="h:inline"/></abbr>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="#default h:inline">
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <span class="supplied"
        title="Supplied by the editor{@reason ! (' (' || replace(., '[-_]', ' ') || ')')}">
      <xsl:value-of select="$marks[1]"/>
      <xsl:apply-templates mode="h:inline"/>
      <xsl:value-of select="$marks[2]"/>
    </span>
  </xsl:template>

  <!-- In an edition: {surplus}, ⟦erased⟧, a(bbreviation) (../common/leiden.xsl). -->
  <xsl:template match="(tei:surplus | tei:del | tei:ex)[$tp:has-editions][tp:is-leiden(.)]" mode="#default h:inline">
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <span class="{local-name()}">
      <xsl:value-of select="$marks[1]"/>
      <xsl:apply-templates mode="h:inline"/>
      <xsl:value-of select="$marks[2]"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="#default h:inline">
    <span class="unclear"
        title="Unclear in the source{@reason ! (' (' || replace(., '[-_]', ' ') || ')')}">
      <xsl:apply-templates mode="h:inline"/>
    </span>
  </xsl:template>


  <!-- Alternatives one after the other (a dictionary's translations, spellings, forms), parted by
       a comma (../common/leiden.xsl): the white space ending the first goes before it. -->
  <xsl:template match="text()[not(normalize-space())][not(following-sibling::node())]
                       [parent::tei:cit | parent::tei:orth | parent::tei:form][tp:phrase-separator(..)]" mode="#default h:inline" priority="3"/>

  <!-- The parts of a citation and of a dictionary entry, each a word of its own
       (../common/reading.xsl). -->
  <xsl:template match="tei:cit/* | *[$tp:has-entries][tp:is-dictionary-phrase(.)]" mode="#default h:inline" priority="6">
    <xsl:value-of select="tp:apart-space(., true())"/>
    <xsl:next-match/>
    <xsl:value-of select="tp:apart-space(., false())"/>
  </xsl:template>

  <xsl:template match="tei:add" mode="#default h:inline">
    <xsl:value-of select="tp:apart-space(., true())"/>
    <ins><xsl:call-template name="h:attributes"/><xsl:apply-templates mode="h:inline"/></ins>
    <xsl:value-of select="tp:apart-space(., false())"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="#default h:inline">
    <xsl:variable name="leiden" select="tp:leiden-gap(.)"/>
    <span class="gap">
      <xsl:if test="$leiden"><xsl:attribute name="title" select="tp:gap-description(.)"/></xsl:if>
      <xsl:value-of select="($leiden, '[' || tp:gap-description(.) || ']')[1]"/>
    </span>
  </xsl:template>

  <!-- ===== Links ===== -->

  <!-- Fragments, web and mail addresses, and relative addresses: a file of the edition becomes
       its page (h:file-href), another volume of the series its address (h:series-href); never
       javascript:, data: or file: addresses. -->
  <xsl:function name="h:href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="from" as="element()"/>
    <xsl:variable name="t" select="tokenize(normalize-space($target), ' ')[1]"/>
    <xsl:sequence select="
      if (empty($t)) then ()
      else if (starts-with($t, '#') or matches($t, '^(https?|mailto):', 'i')) then $t
      else if (tp:has-scheme($t) or starts-with($t, '/')) then ()
      else if (matches($t, '\.xml(#|$)')) then h:file-href($t, $from)
      else (h:series-href($t), $h:up || $t)[1]"/>
  </xsl:function>

  <!-- The common case, a link within the document (a FRUS volume has thousands). -->
  <xsl:template match="tei:ref[starts-with(@target, '#')][not(contains(@target, ' '))][node()]"
      mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" select="h:local-href(@target, .)"/>
    <xsl:choose>
      <xsl:when test="$in-link or @xml:id or @xml:lang or @type or empty($href)">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$href}" class="ref">
          <xsl:apply-templates mode="h:inline">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" select="if ($in-link) then ()
                                      else if (starts-with(@target, '#') and not(contains(@target, ' ')))
                                      then h:local-href(@target, .) else h:href(@target, .)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}">
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .))"/>
          </xsl:call-template>
          <xsl:apply-templates mode="h:inline">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:if test="self::tei:ptr or not(node())">
            <xsl:value-of select="replace(normalize-space(@target), '^#', '')"/>
          </xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .))"/>
          </xsl:call-template>
          <xsl:apply-templates mode="h:inline"/>
          <xsl:if test="self::tei:ptr or not(node())">
            <xsl:value-of select="replace(normalize-space(@target), '^#', '')"/>
          </xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:idno[matches(normalize-space(.), '^https?://\S+$')]" mode="#default h:inline">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($in-link) then 'span' else 'a'}">
      <xsl:if test="not($in-link)">
        <xsl:attribute name="href" select="normalize-space(.)"/>
      </xsl:if>
      <xsl:attribute name="class" select="'idno'"/>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
