<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to plain text (the `txt` format): one TEI document in, UTF-8 text in Unicode NFC out.

  Every heading, paragraph and letter part (dateline, salute, signature) is a block; blocks are
  separated by a blank line, the lines of a list, table, address, verse group, opener or closer
  by a line break, and `lb` breaks a line. Within a block, white space is collapsed. An element
  this stylesheet does not know is a block when it holds blocks (a container such as
  frus:attachment) and inline text otherwise: its content is always rendered.

  Notes become numbered endnotes after the division they are listed with (../common/notes.xsl:
  a FRUS document, else the nearest div, else the text), marked `[n]` at the marker's place and
  before the endnote, with the label the common layer gives (`[*]` for a FRUS source note; plain
  brackets, not Markdown's `[^n]`: this is text, not Markdown), or stay inline in brackets,
  or are left out. A note printed inline in the source (`@place` or `@rend` "inline") stays in
  place unless notes are left out; a note continued over a page (@next/@prev) is one endnote.
  Which reading is printed (of choice, app, subst; never del or fw) is the common layer's
  (../common/reading.xsl); the readings an app does not print are endnotes of their own under
  "Apparatus", marked `[a]`, `[b]` ... The heading of a document (div[@type='document']) begins
  with its number (@n, "11. Letter From ..."), and a line `* * *` stands between a document and
  the next document beside it, after the first one's notes. Speeches (u, sp without a speaker) begin with who
  speaks; incidents among them (applause, the time) stand in brackets.  A document without a
  text (a corpus whose members are included by reference) says so in one line. The parameters below are the only
  settings; each is typed and documented by `param:doc`, which the command line's help shows.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:t="urn:x-teipipe:text"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:param="urn:x-teipipe:param"
    exclude-result-prefixes="#all">

  <!-- The header's facts (title, date of the text, authority lists) are chosen as the other
       formats choose them. -->
  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Parameters. (The authority files, $authorities, are declared by the common layer.) -->
  <xsl:param name="notes" as="xs:string" select="'endnotes'" param:values="endnotes inline none"
      param:doc="Notes as numbered endnotes after each document, inline in brackets, or left out."/>
  <xsl:param name="sic-corr" as="xs:string" select="'corr'" param:values="corr sic"
      param:doc="Of choice/sic+corr, the editor's correction or the source's own spelling."/>
  <xsl:param name="orig-reg" as="xs:string" select="'reg'" param:values="reg orig"
      param:doc="Of choice/orig+reg, the regularized or the original form."/>
  <xsl:param name="abbr-expan" as="xs:string" select="'expan'" param:values="expan abbr"
      param:doc="Of choice/abbr+expan (and am/ex), the expansion or the abbreviation."/>
  <xsl:param name="supplied" as="xs:string" select="'brackets'" param:values="brackets plain omit"
      param:doc="Text the editor supplied: in square brackets, as plain text, or left out."/>
  <xsl:param name="header" as="xs:string" select="'preamble'" param:values="preamble none"
      param:doc="A preamble from the TEI header (title, source, date) before the text, or none."/>
  <xsl:param name="page-breaks" as="xs:boolean" select="true()"
      param:doc="Page breaks as [23] where they fall, or nothing."/>
  <xsl:param name="wrap" as="xs:integer" select="0"
      param:doc="Wrap lines at this many characters; 0 keeps each paragraph on one line."/>

  <xsl:mode name="block" on-no-match="fail"/>
  <xsl:mode name="inline" on-no-match="text-only-copy"/>

  <!-- Stand-ins for a line break (lb) and a table cell boundary, which must survive the
       collapsing of white space inside a block. -->
  <xsl:variable name="LB" as="xs:string" select="'&#xE000;'"/>
  <xsl:variable name="TAB" as="xs:string" select="'&#xE001;'"/>
  <!-- The line between two documents of a volume. -->
  <xsl:variable name="DOCUMENT-SEPARATOR" as="xs:string" select="'* * *'"/>

  <xsl:template match="/">
    <xsl:variable name="texts" select="//tei:TEI ! tp:texts(.)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:if test="$header = 'preamble'">
        <xsl:sequence select="t:preamble(/*/tei:teiHeader)"/>
      </xsl:if>
      <xsl:for-each select="$texts">
        <!-- A member of a corpus: its own title, source and date first. -->
        <xsl:if test="$header = 'preamble' and parent::tei:TEI/parent::tei:teiCorpus">
          <xsl:sequence select="t:preamble(../tei:teiHeader)"/>
        </xsl:if>
        <xsl:apply-templates select="." mode="block"/>
      </xsl:for-each>
      <!-- Not TEI, or TEI without a text: render whatever there is but the header; a corpus of
           members included by reference has nothing to render. -->
      <xsl:choose>
        <xsl:when test="exists($texts)"/>
        <xsl:when test="/tei:teiCorpus[not(tei:TEI)][.//*:include]">
          <xsl:sequence select="'No text: the members of this corpus are included by reference (xi:include), which was refused (see the findings).'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="/*" mode="block"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="text" select="string-join($parts[normalize-space()], '&#10;&#10;')"/>
    <xsl:variable name="wrapped" select="if ($wrap le 0) then $text
        else string-join(tokenize($text, '&#10;') ! t:wrap(.), '&#10;')"/>
    <xsl:value-of select="normalize-unicode($wrapped || '&#10;', 'NFC')"/>
  </xsl:template>

  <!-- Blocks: every element here returns one string, its blocks joined by its separator. -->

  <xsl:template match="*" mode="block" as="xs:string">
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each-group select="node()" group-adjacent="t:is-block(.)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()" mode="block"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="t:line(current-group())"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="string-join($parts[normalize-space()], t:separator(.))"/>
  </xsl:template>

  <!-- A list with labels: each label on one line with the item it labels. -->
  <xsl:template match="tei:list[tei:label]" mode="block" as="xs:string">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each-group select="*"
          group-starting-with="*[not(self::tei:item and preceding-sibling::*[1][self::tei:label])]">
        <xsl:variable name="parts" as="xs:string*">
          <xsl:apply-templates select="current-group()" mode="block"/>
        </xsl:variable>
        <xsl:sequence select="string-join($parts[normalize-space()], ' ')"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="string-join($lines[normalize-space()], '&#10;')"/>
  </xsl:template>

  <!-- A division (or the whole text) ends with its endnotes and apparatus. -->
  <xsl:template match="tei:text | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5
                       | tei:div6 | tei:div7" mode="block" as="xs:string" priority="2">
    <xsl:variable name="content" as="xs:string">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="notes" as="element(tei:note)*"
        select="if ($notes = 'endnotes') then tp:footnotes(.)[t:is-endnote(.)] else ()"/>
    <xsl:variable name="endnotes" as="xs:string*">
      <xsl:for-each select="$notes">
        <xsl:variable name="body" as="xs:string*">
          <xsl:apply-templates select="., tp:continuations(.)" mode="block">
            <xsl:with-param name="tp:placed" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:variable>
        <xsl:sequence select="string-join((t:marker(tp:note-label(.)), tp:note-source-label(.), $body), ' ')"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="apparatus" select="tp:apparatus(.) ! (t:marker(tp:app-label(.)) || ' ' || tp:apparatus-entry(.))"/>
    <!-- The separator ends a document that the next document follows (page breaks between them
         go with the next), so that each document, notes and all, stands between two. -->
    <xsl:variable name="separator" select="$DOCUMENT-SEPARATOR[current()[self::tei:div[@type = 'document']]
                                           /following-sibling::tei:div[1][@type = 'document']]"/>
    <xsl:sequence select="string-join((tp:div-label(.), $content, ('Notes', string-join($endnotes, '&#10;'))[exists($notes)],
                                       ('Apparatus', string-join($apparatus, '&#10;'))[exists($apparatus)],
                                       $separator)[normalize-space()],
                                      '&#10;&#10;')"/>
  </xsl:template>

  <!-- A document's heading begins with its number, as the printed volume numbers it. -->
  <xsl:template match="tei:div[@type = 'document'][normalize-space(@n)]/tei:head[1]" mode="block"
      as="xs:string" priority="2">
    <xsl:variable name="content" as="xs:string">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(../@n) || '. ' || $content"/>
  </xsl:template>

  <!-- A speech begins with who speaks, where the speech does not say it. -->
  <xsl:template match="tei:u | tei:sp" mode="block" as="xs:string" priority="2">
    <xsl:variable name="content" as="xs:string">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:sequence select="string-join((tp:speaker(.) ! (. || ':'), $content)[normalize-space()], '&#10;')"/>
  </xsl:template>

  <!-- A dictionary's sense begins with its number (../common/leiden.xsl). -->
  <xsl:template match="tei:sense" mode="block" as="xs:string" priority="2">
    <xsl:variable name="content" as="xs:string">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:sequence select="string-join((tp:sense-label(.), $content)[normalize-space()], ' ')"/>
  </xsl:template>

  <!-- Alternatives one after the other, parted by a comma (../common/leiden.xsl). -->
  <xsl:template match="(tei:cit | tei:orth | tei:form)[tp:phrase-separator(.)]" mode="inline" priority="7">
    <xsl:variable name="content" as="xs:string*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:sequence select="replace(string-join($content), '\s+$', '') || tp:phrase-separator(.)"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="block" as="xs:string">
    <xsl:sequence select="''"/>
  </xsl:template>

  <!-- Inline: the words of a block. -->

  <!-- A note attached elsewhere (../common/notes.xsl) has its marker after the element it is
       on, and nothing where it stands. -->
  <xsl:template match="tei:note[tp:is-attached(.)]" mode="block" as="xs:string" priority="5">
    <xsl:param name="tp:placed" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$tp:placed"><xsl:next-match/></xsl:when>
      <xsl:otherwise><xsl:sequence select="''"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note[tp:is-attached(.)]" mode="inline" priority="5">
    <xsl:param name="tp:placed" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="$tp:placed">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*[$tp:has-attached-notes][@xml:id][tp:attached-notes(.)]" mode="inline" priority="30">
    <xsl:next-match/>
    <xsl:apply-templates select="tp:attached-notes(.)" mode="inline">
      <xsl:with-param name="tp:placed" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="tei:note" mode="inline">
    <xsl:choose>
      <xsl:when test="tp:is-incident(.)">
        <xsl:sequence select="' ' || tp:incident-text(.) || ' '"/>
      </xsl:when>
      <xsl:when test="$notes = 'none' or ancestor::tei:note or tp:is-continuation(.)"/>
      <xsl:when test="not(t:is-endnote(.))">
        <xsl:apply-templates mode="inline"/>
      </xsl:when>
      <xsl:when test="$notes = 'inline'">
        <xsl:text> [</xsl:text>
        <xsl:value-of select="string-join(('Note', @n), ' ') || ': '"/>
        <xsl:apply-templates mode="inline"/>
        <xsl:text>] </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="t:marker(tp:note-label(.))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The reading text: what the common layer reads (../common/reading.xsl), with the forms
       of a choice the parameters ask for; an app's other readings are in the apparatus. -->
  <xsl:template match="tei:subst" mode="inline">
    <xsl:apply-templates select="tp:read-children(., ())" mode="inline"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="inline">
    <xsl:variable name="reading" select="tp:read-children(., ($sic-corr, $orig-reg, $abbr-expan))"/>
    <xsl:sequence select="tp:lost-space(., $reading, true())"/>
    <xsl:apply-templates select="$reading" mode="inline"/>
    <xsl:sequence select="tp:lost-space(., $reading, false())"/>
  </xsl:template>

  <!-- A quotation in its marks, where the text gives none (../common/reading.xsl). -->
  <xsl:template match="tei:q | tei:quote | tei:said | tei:soCalled" mode="inline">
    <xsl:variable name="marks" select="tp:quote-marks(.)"/>
    <xsl:sequence select="$marks[1]"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:sequence select="$marks[2]"/>
  </xsl:template>

  <!-- The parts of a citation and of a dictionary entry, each a word of its own
       (../common/reading.xsl). -->
  <xsl:template match="tei:cit/* | *[$tp:has-entries][tp:is-dictionary-phrase(.)]" mode="inline" priority="6">
    <xsl:sequence select="tp:apart-space(., true())"/>
    <xsl:next-match/>
    <xsl:sequence select="tp:apart-space(., false())"/>
  </xsl:template>

  <xsl:template match="tei:add" mode="inline">
    <xsl:sequence select="tp:apart-space(., true())"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:sequence select="tp:apart-space(., false())"/>
  </xsl:template>

  <!-- A segment among elements only (the left and right parts of a letterhead) is a part of
       its own, as the HTML makes it a div of its own: keep its words apart from its neighbours'. -->
  <xsl:template match="(tei:seg | tei:s)[not(../text()[normalize-space()])]" mode="inline">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="inline"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:app" mode="inline">
    <xsl:apply-templates select="tp:read-children(., ())" mode="inline"/>
    <xsl:if test="tp:has-apparatus(.) and not(ancestor::tei:app)">
      <xsl:sequence select="t:marker(tp:app-label(.))"/>
    </xsl:if>
  </xsl:template>

  <!-- An apparatus listed apart: an entry a line. -->
  <xsl:template match="tei:listApp/tei:app" mode="inline">
    <xsl:sequence select="$LB || tp:listed-apparatus-entry(.)"/>
  </xsl:template>

  <xsl:template match="(tei:del | tei:fw | tei:location | tei:geo)[not(tp:is-read(.))]" mode="inline block"/>

  <xsl:template match="text()[$tp:has-joins][tp:is-joined(.)]" mode="inline">
    <xsl:sequence select="tp:joined-text(.)"/>
  </xsl:template>

  <!-- A word (w) is one word: the white space of its indented parts (an expansion's abbr and ex
       on lines of their own) parts nothing. -->
  <xsl:template match="text()[$tp:has-words][not(normalize-space())][ancestor::tei:w]" mode="inline" priority="1"/>

  <xsl:template match="tei:kinesic | tei:incident | tei:vocal" mode="inline">
    <xsl:sequence select="' ' || tp:incident-text(.) || ' '"/>
  </xsl:template>

  <xsl:template match="(tei:am | tei:ex)[not(tp:is-read-in-abbreviation(., $abbr-expan))]" mode="inline" priority="1"/>

  <xsl:template match="tei:ex" mode="inline">
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <xsl:sequence select="$marks[1]"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:sequence select="$marks[2]"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="inline">
    <xsl:variable name="content" as="xs:string*">
      <xsl:apply-templates mode="inline"/>
    </xsl:variable>
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <xsl:sequence select="if ($supplied = 'brackets') then $marks[1] || string-join($content) || $marks[2]
                          else if ($supplied = 'plain') then string-join($content) else ()"/>
  </xsl:template>

  <!-- In an edition: {surplus}, ⟦erased⟧, ⌜corrected⌝ (../common/leiden.xsl). -->
  <xsl:template match="(tei:surplus | tei:del | tei:corr)[$tp:has-editions][tp:is-leiden(.)]" mode="inline">
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <xsl:sequence select="$marks[1]"/>
    <xsl:apply-templates mode="inline"/>
    <xsl:sequence select="$marks[2]"/>
  </xsl:template>

  <xsl:template match="text()[$tp:has-editions][ancestor::tei:unclear][tp:is-leiden(.)]" mode="inline" priority="2">
    <xsl:sequence select="tp:underdotted(if (tp:is-joined(.)) then tp:joined-text(.) else string(.))"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="inline">
    <xsl:sequence select="(tp:leiden-gap(.), '[' || tp:gap-description(.) || ']')[1]"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="inline">
    <xsl:if test="$page-breaks and normalize-space(@n)">
      <xsl:variable name="space" select="if (@break = 'no') then '' else ' '"/>
      <!-- "[p. 23]", as in the web edition: a bare "[23]" would read as note 23's marker. -->
      <xsl:sequence select="$space || '[p. ' || replace(normalize-space(@n), '^\[(.*)\]$', '$1') || ']' || $space"/>
    </xsl:if>
  </xsl:template>

  <!-- In an edition every line of the stone or papyrus is a line, its number (every fifth) in
       a column of its own before a tab; a word broken at the line's end keeps a hyphen there. -->
  <xsl:template match="tei:lb" mode="inline">
    <xsl:sequence select="if (not($tp:has-editions and tp:is-leiden(.))) then (if (@break = 'no') then '' else $LB)
                          else ('-'[current()/@break = 'no'] || $LB || tp:line-number(.) || $TAB)"/>
  </xsl:template>

  <xsl:template match="tei:cell[preceding-sibling::tei:cell]" mode="inline">
    <xsl:sequence select="$TAB"/>
    <xsl:apply-templates mode="inline"/>
  </xsl:template>

  <xsl:template match="tei:space" mode="inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Not words of the text: running heads, image descriptions, index entries, anchors. -->
  <xsl:template match="tei:figDesc | tei:graphic | tei:index | tei:interp | tei:anchor
                       | tei:milestone | tei:cb" mode="inline"/>

  <!-- A block-level element inside a line (a list in a note rendered inline): keep words apart. -->
  <xsl:template match="tei:*[map:contains($BLOCKS, local-name())] | tei:list/tei:label | tei:listBibl/tei:bibl"
      mode="inline">
    <xsl:text> </xsl:text>
    <xsl:apply-templates mode="inline"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Functions. -->

  <!-- A note's or a reading's label, at its place in the text and before its endnote. -->
  <xsl:function name="t:marker" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="'[' || $label || ']'"/>
  </xsl:function>

  <!-- Elements that are blocks by name; any other element is a block when it holds one. -->
  <xsl:variable name="BLOCKS" as="map(xs:string, xs:boolean)" select="map:merge((
      'p', 'ab', 'head', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'text',
      'body', 'front', 'back', 'group', 'floatingText', 'opener', 'closer', 'dateline', 'salute',
      'signed', 'byline', 'docAuthor', 'docDate', 'docTitle', 'docImprint', 'titlePage',
      'titlePart', 'argument', 'epigraph', 'trailer', 'postscript', 'address', 'addrLine', 'list',
      'item', 'table', 'row', 'lg', 'l', 'sp', 'speaker', 'u', 'listBibl', 'castList', 'castGroup',
      'castItem', 'spGrp', 'entry', 'superEntry', 'sense', 'sourceDoc', 'surface', 'zone', 'line')
      ! map {.: true()})"/>

  <xsl:function name="t:block-name" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- a map lookup: this runs for every element, and a union of fifty self:: steps is slow -->
    <xsl:sequence select="namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0'
        and ((map:contains($BLOCKS, local-name($e)) and not($e/parent::tei:docImprint))
             or $e[self::tei:label]/parent::tei:list or $e[self::tei:bibl]/parent::tei:listBibl
             or $e[self::tei:stage]/parent::*[self::tei:sp | self::tei:div | self::tei:body | self::tei:lg])"/>
  </xsl:function>

  <xsl:function name="t:is-block" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n instance of element() and not($n/self::tei:note)
                          and (t:block-name($n) or (some $c in $n/* satisfies t:is-block($c)))"/>
  </xsl:function>

  <!-- Lines of a list, table, address, verse group or letter opening and closing are joined by
       a line break; all other blocks by a blank line. -->
  <xsl:function name="t:separator" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e[self::tei:list | self::tei:table | self::tei:address | self::tei:lg
                                 | self::tei:opener | self::tei:closer | self::tei:docImprint
                                 | self::tei:docTitle | self::tei:listBibl | self::tei:castList
                                 | self::tei:castGroup | self::tei:zone | self::tei:sp])
                          then '&#10;' else '&#10;&#10;'"/>
  </xsl:function>

  <!-- One block from a run of inline nodes: white space collapsed, lb kept as a line break.
       (Regular expressions only where a stand-in occurs: they cost a third of the whole
       transform when run on every block.) -->
  <xsl:function name="t:line" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="words" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="inline"/>
    </xsl:variable>
    <xsl:variable name="text" select="string-join($words)"/>
    <xsl:sequence select="if (contains($text, $LB))
                          then string-join((tokenize($text, $LB) ! t:collapse(.))[.], '&#10;')
                          else t:collapse($text)"/>
  </xsl:function>

  <!-- One line with white space collapsed, table cells separated by a tab. -->
  <xsl:function name="t:collapse" as="xs:string">
    <xsl:param name="line" as="xs:string"/>
    <xsl:sequence select="if (contains($line, $TAB))
                          then string-join(tokenize($line, $TAB) ! normalize-space(.), '&#9;')
                          else normalize-space($line)"/>
  </xsl:function>

  <xsl:function name="t:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/ancestor::tei:note) and normalize-space($note) != ''
                          and tp:is-footnote($note)"/>
  </xsl:function>

  <!-- Greedy wrapping of one line at $wrap characters; a longer word stands on its own line. -->
  <xsl:function name="t:wrap" as="xs:string">
    <xsl:param name="line" as="xs:string"/>
    <xsl:sequence select="if (string-length($line) le $wrap) then $line
        else string-join(fold-left(tokenize($line, ' ')[.], (), function ($lines, $word) {
          if (exists($lines) and string-length($lines[last()]) + 1 + string-length($word) le $wrap)
          then ($lines[position() lt last()], $lines[last()] || ' ' || $word)
          else ($lines, $word)
        }), '&#10;')"/>
  </xsl:function>

  <!-- The preamble: title, source and date of the text from the header, one line each; a
       manuscript's description after them, a line per part (t:manuscript). -->
  <xsl:function name="t:preamble" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)?"/>
    <xsl:variable name="sources" select="$header/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="source" select="$sources/(tei:biblStruct | tei:bibl | tei:biblFull | tei:p | tei:msDesc[tei:msIdentifier])[1]"/>
    <xsl:variable name="date" select="$header ! tp:document-date(.)"/>
    <xsl:sequence select="string-join((
        $header ! tp:title(.),
        $source ! ('Source: ' || (if (self::tei:biblStruct) then t:citation(.)
                                  else if (self::tei:msDesc) then tp:ms-identifier(tei:msIdentifier)
                                  else tp:flat(.))),
        $date ! ('Date: ' || (normalize-space(.), tp:date-label(.))[.][1]),
        $sources/tei:msDesc ! (let $entries := tp:ms-description(.)
                               return $entries[1] ! ('', 'Manuscript', t:manuscript($entries, 1)))), '&#10;')[.]"/>
  </xsl:function>

  <!-- A manuscript's description as lines: "Label: value" for each fact, each part under its
       heading, indented two spaces a level. -->
  <xsl:function name="t:manuscript" as="xs:string*">
    <xsl:param name="entries" as="map(*)*"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="indent" select="string-join((1 to $depth) ! '  ')"/>
    <xsl:for-each select="$entries">
      <xsl:choose>
        <xsl:when test="map:contains(., 'heading')">
          <xsl:sequence select="$indent || ?heading, t:manuscript(?entries, $depth + 1)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$indent || ?label || ': '
              || normalize-space(string-join(?value ! (if (. instance of element()) then tp:flat(.) else string(.))))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- Authority lists beside the text (listPerson in back, ...) describe names; not text. -->
  <xsl:template match="*[tp:is-authority-list(.)]" mode="block" as="xs:string" priority="5">
    <xsl:sequence select="''"/>
  </xsl:template>
  <xsl:template match="*[tp:is-authority-list(.)]" mode="inline" priority="5"/>

  <!-- A biblStruct as one line: author, “article”, work, imprint, volume/issue/pages. -->
  <xsl:function name="t:citation" as="xs:string">
    <xsl:param name="bibl" as="element(tei:biblStruct)"/>
    <xsl:variable name="monogr" select="$bibl/tei:monogr[1]"/>
    <xsl:variable name="imprint" select="$monogr/tei:imprint"/>
    <xsl:sequence select="string-join((
        string-join(($bibl/tei:analytic, $monogr)[1]/tei:author ! tp:flat(.), '; '),
        $bibl/tei:analytic/tei:title[1] ! ('“' || tp:flat(.) || '”'),
        $monogr/tei:title[1] ! tp:flat(.),
        string-join((string-join(($imprint/tei:pubPlace ! tp:flat(.))[.], '; '),
                     ($imprint/tei:publisher ! tp:flat(.))[1])[.], ': '),
        $imprint/tei:date[1] ! tp:flat(.),
        ($monogr/tei:biblScope, $imprint/tei:biblScope) ! tp:bibl-scope(.)
      )[normalize-space()], ', ') || '.'"/>
  </xsl:function>
</xsl:stylesheet>
