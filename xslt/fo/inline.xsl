<?xml version="1.0" encoding="UTF-8"?>
<!--
  Inline TEI to FO, and the plain text of headings for the contents, running heads and PDF
  bookmarks.

  In:  TEI nodes inside a paragraph-like block (mode "inline"); any nodes (f:plain).
  Out: text and fo:inline, fo:basic-link, fo:footnote (notes.xsl); f:plain gives a string.

  Highlighting from the source's rendition (../common/rendition.xsl: @rend, @rendition, @style,
  tagsDecl), the same properties in FO for inline and block elements (f:rendition);
  titles of books and journals, foreign words and emphasis in italics (roman inside italics);
  the reading of a choice, subst or app (../common/reading.xsl; of a choice, the forms $reading
  asks for), never a deletion; text the editor supplied in [square
  brackets]; gaps as [3½ lines of source text not declassified]; the original's page breaks
  as [23], small and grey, in one style wherever they fall; links for pointers into the text.
  Mentions of persons carry an id, which FOP's first pass turns into a page for the index.
  Small capitals are set from capitals at 80 %, as FOP does not make them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:f="urn:x-teipipe:fo"
    xmlns:tp="urn:x-teipipe:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Small capitals: lower-case runs as capitals at 80 %. (A template, not a function, so that
       its output goes straight into the result rather than into a temporary tree.) -->
  <xsl:template name="f:small-caps">
    <xsl:param name="text" as="xs:string" select="string(.)"/>
    <xsl:variable name="rest" select="substring($text, 2)"/>
    <xsl:choose>
      <!-- The usual case, a capitalized word ("Lansing"), without a regular expression. -->
      <xsl:when test="$rest and contains('ABCDEFGHIJKLMNOPQRSTUVWXYZ', substring($text, 1, 1))
                      and translate($rest, 'abcdefghijklmnopqrstuvwxyz', '') = ''">
        <xsl:value-of select="substring($text, 1, 1)"/>
        <fo:inline font-size="80%"><xsl:value-of select="upper-case($rest)"/></fo:inline>
      </xsl:when>
      <xsl:otherwise>
        <xsl:analyze-string select="$text" regex="\p{{Ll}}+">
          <xsl:matching-substring>
            <fo:inline font-size="80%"><xsl:value-of select="upper-case(.)"/></fo:inline>
          </xsl:matching-substring>
          <xsl:non-matching-substring>
            <xsl:value-of select="."/>
          </xsl:non-matching-substring>
        </xsl:analyze-string>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Small capitals for the text of FO already made (highlighting within small capitals). -->
  <xsl:mode name="f:small-caps" on-no-match="shallow-copy"/>

  <xsl:template match="text()" mode="f:small-caps">
    <xsl:call-template name="f:small-caps"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction() | lb[ancestor::fw] | fw | cb | milestone" mode="inline"/>

  <!-- Any other element: its content (the mode's built-in rule), with its id if it has one. -->
  <xsl:mode name="inline" on-no-match="text-only-copy"/>

  <xsl:template match="*[@xml:id]" mode="inline" priority="-0.4">
    <fo:inline id="{f:id(.)}"><xsl:apply-templates mode="inline"/></fo:inline>
  </xsl:template>

  <!-- Blocks inside a paragraph (a quotation set off, a list, a table) stay blocks. -->
  <xsl:template match="*[f:stays-block(.)]" mode="inline">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:function name="f:stays-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::p | self::ab | self::list | self::table | self::lg | self::floatingText
        | self::div | self::figure | self::opener | self::closer | self::postscript | self::titlePage
        | self::quote[f:has-blocks(.) or contains-token(@rend, 'blockquote')]))"/>
  </xsl:function>

  <!-- A line break within a word (break="no") joins the word. -->
  <!-- In an edition (../common/leiden.xsl) every line of the stone or papyrus is a line,
       every fifth begun by its number, small and grey; a word broken at the line's end keeps
       a hyphen. -->
  <xsl:template match="lb" mode="inline">
    <xsl:choose>
      <xsl:when test="$tp:has-editions and tp:is-leiden(.)">
        <xsl:if test="@break = 'no'">-</xsl:if>
        <fo:block/>
        <xsl:for-each select="tp:line-number(.)">
          <fo:inline font-size="75%" color="#666666"><xsl:value-of select="."/></fo:inline>
          <xsl:text>&#x2003;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="not(@break = 'no')"><fo:block/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()[$tp:has-editions][ancestor::unclear][tp:is-leiden(.)]" mode="inline plain" priority="2">
    <xsl:value-of select="tp:underdotted(if (tp:is-joined(.)) then tp:joined-text(.) else string(.))"/>
  </xsl:template>

  <!-- A dictionary's headword in bold, its grammar in italics, as printed dictionaries set them. -->
  <xsl:template match="orth[ancestor::entry] | gramGrp[ancestor::entry]" mode="inline">
    <fo:inline>
      <xsl:attribute name="{if (self::orth) then 'font-weight' else 'font-style'}" select="if (self::orth) then 'bold' else 'italic'"/>
      <xsl:apply-templates mode="inline"/>
    </fo:inline>
  </xsl:template>

  <!-- Alternatives one after the other (a dictionary's translations, spellings, forms), parted by
       a comma (../common/leiden.xsl): the white space ending the first goes before it. -->
  <xsl:template match="*[tp:phrase-separator(.)]" mode="inline plain" priority="5.5">
    <xsl:next-match/>
    <xsl:value-of select="tp:phrase-separator(.)"/>
  </xsl:template>

  <xsl:template match="text()[not(normalize-space())][not(following-sibling::node())]
                       [parent::cit | parent::orth | parent::form][tp:phrase-separator(..)]" mode="inline plain" priority="3"/>

  <xsl:template match="text()[$tp:has-joins][tp:is-joined(.)]" mode="inline plain">
    <xsl:value-of select="tp:joined-text(.)"/>
  </xsl:template>

  <!-- A word (w) is one word: the white space of its indented parts (an expansion's abbr and ex
       on lines of their own) parts nothing. -->
  <xsl:template match="text()[not(normalize-space())][ancestor::w]" mode="inline plain" priority="1"/>

  <xsl:template match="space" mode="inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="anchor" mode="inline">
    <xsl:if test="@xml:id">
      <fo:inline id="{f:id(.)}"/>
    </xsl:if>
  </xsl:template>

  <!-- An image the pipeline serves FOP, at the size the graphic gives, else its own, scaled
       down to the width of the text and to a height that leaves room on a page of either paper
       for its heading; or a placeholder. -->
  <xsl:variable name="f:image-height" as="xs:string" select="'180mm'"/>
  <xsl:template match="graphic[tp:image-src(.)]" mode="inline" priority="1">
    <xsl:variable name="width" select="f:image-length(@width)"/>
    <xsl:variable name="height" select="f:image-length(@height)"/>
    <fo:external-graphic src="{tp:image-src(.)}" inline-progression-dimension.maximum="100%"
        block-progression-dimension.maximum="{$f:image-height}" scaling="uniform"
        content-width="{if (empty($width) or ends-with($width, '%')) then 'scale-down-to-fit' else $width}"
        content-height="{($height[not(ends-with(., '%'))], 'scale-down-to-fit')[1]}"
        fox:alt-text="{((tp:image-description(.) ! f:plain(.))[normalize-space()], 'A figure of the source')[1]}">
      <xsl:if test="ends-with($width, '%')">
        <xsl:attribute name="inline-progression-dimension" select="$width"/>
      </xsl:if>
    </fo:external-graphic>
  </xsl:template>

  <!-- A graphic's @width or @height (../common/images.xsl) as FOP reads it: a pixel is 1/96 in,
       as in CSS. -->
  <xsl:function name="f:image-length" as="xs:string?">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:sequence select="tp:image-length($value) ! (if (ends-with(., 'px'))
        then string(number(substring-before(., 'px')) * 0.75) || 'pt' else .)"/>
  </xsl:function>

  <xsl:template match="graphic" mode="inline">
    <fo:inline font-style="italic">[figure]</fo:inline>
  </xsl:template>

  <!-- Highlighting. -->

  <xsl:template match="hi" mode="inline">
    <xsl:variable name="rendition" select="tp:rendition(.)"/>
    <fo:inline>
      <xsl:call-template name="f:id"/>
      <xsl:call-template name="f:rendition">
        <xsl:with-param name="rendition" select="$rendition"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="not($rendition?font-variant = 'small-caps')">
          <xsl:apply-templates mode="inline"/>
        </xsl:when>
        <xsl:when test="not(*)">
          <xsl:call-template name="f:small-caps"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="content" as="node()*">
            <xsl:apply-templates mode="inline"/>
          </xsl:variable>
          <xsl:apply-templates select="$content" mode="f:small-caps"/>
        </xsl:otherwise>
      </xsl:choose>
    </fo:inline>
  </xsl:template>

  <!-- Any other element with a rendition, of its own or by the header's default (a seg, a name
       in small capitals, a foreign word in bold), around what its own rule makes of it. Blocks
       in a paragraph take theirs as blocks; notes and page breaks have none that shows. -->
  <xsl:template match="*[not(self::hi | self::note | self::pb | self::lb | self::cb | self::milestone | self::anchor)]
                        [not(f:stays-block(.))]
                        [(@rend | @rendition | @style or $f:default-renditions) and map:size(f:inline-rendition(.)) gt 0]"
      mode="inline" priority="5">
    <xsl:variable name="rendition" select="f:inline-rendition(.)"/>
    <fo:inline>
      <xsl:call-template name="f:rendition">
        <xsl:with-param name="rendition" select="$rendition"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="not($rendition?font-variant = 'small-caps')">
          <xsl:next-match/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="content" as="node()*">
            <xsl:next-match/>
          </xsl:variable>
          <xsl:apply-templates select="$content" mode="f:small-caps"/>
        </xsl:otherwise>
      </xsl:choose>
    </fo:inline>
  </xsl:template>

  <!-- An element's rendition but for what only a block shows (alignment, indents, margins). -->
  <xsl:function name="f:inline-rendition" as="map(xs:string, xs:string)">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="map:remove(tp:rendition($e), ('text-align', 'text-indent', 'margin-left', 'margin-right'))"/>
  </xsl:function>

  <!-- Whether a header of the document gives elements a rendition by default (tagsDecl). -->
  <xsl:variable name="f:default-renditions" as="xs:boolean"
      select="exists(//teiHeader//tagsDecl/(rendition[@selector] | namespace/tagUsage[@rendition]))"/>

  <!-- The source's rendition (../common/rendition.xsl) as FO properties, most of which have the
       names of CSS. Alignment, indents and margins are set on blocks only; superscript and
       subscript as a shift of the baseline in a smaller size; italics within italics as roman;
       small capitals by f:small-caps, as FOP does not make them. -->
  <xsl:template name="f:rendition">
    <xsl:param name="block" as="xs:boolean" select="false()"/>
    <xsl:param name="rendition" as="map(xs:string, xs:string)" select="tp:rendition(.)"/>
    <xsl:variable name="e" select="."/>
    <xsl:for-each select="sort(map:keys($rendition))">
      <xsl:variable name="value" select="$rendition(current())"/>
      <xsl:variable name="length" select="if ($value = '0') then '0pt' else $value"/>
      <xsl:choose>
        <xsl:when test=". = 'vertical-align'">
          <xsl:if test="$value = ('super', 'sub')">
            <xsl:attribute name="baseline-shift" select="$value"/>
            <xsl:if test="not(map:contains($rendition, 'font-size'))">
              <xsl:attribute name="font-size" select="'70%'"/>
            </xsl:if>
          </xsl:if>
        </xsl:when>
        <xsl:when test=". = 'text-align'">
          <xsl:if test="$block">
            <xsl:variable name="side" select="map{'left': 'start', 'right': 'end'}($value)"/>
            <xsl:attribute name="text-align" select="($side, $value)[1]"/>
            <xsl:if test="$value ne 'justify'">
              <xsl:attribute name="text-align-last" select="($side, $value)[1]"/>
              <xsl:attribute name="text-indent" select="'0pt'"/>
            </xsl:if>
          </xsl:if>
        </xsl:when>
        <xsl:when test=". = ('text-indent', 'margin-left', 'margin-right')">
          <xsl:if test="$block">
            <xsl:attribute name="{.}" select="$length"/>
          </xsl:if>
        </xsl:when>
        <xsl:when test=". = 'font-style'">
          <xsl:attribute name="font-style" select="if ($value = 'italic' and f:in-italics($e)) then 'normal' else $value"/>
        </xsl:when>
        <xsl:when test=". = ('text-decoration', 'text-decoration-line')">
          <xsl:attribute name="text-decoration" select="$value"/>
        </xsl:when>
        <xsl:when test=". = 'font-variant'"/>
        <xsl:otherwise>
          <xsl:attribute name="{.}" select="$length"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Whether an element stands in italics already, so that italics within are set roman. Most
       texts never nest them: then no element's ancestors need to be looked at. -->
  <xsl:function name="f:in-italics" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$f:italics-nest and exists($e/ancestor::*[f:is-italic(.)])"/>
  </xsl:function>

  <xsl:function name="f:is-italic" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::emph | self::foreign | self::mentioned | self::title[not(@level = ('a', 's', 'u'))]))
                          or tp:rendition($e)?font-style = 'italic'"/>
  </xsl:function>

  <xsl:variable name="f:italics-nest" as="xs:boolean"
      select="exists((//hi | //emph | //foreign | //mentioned | //title | //*[@rend | @rendition | @style])[f:is-italic(.)]
                      //(hi | emph | foreign | mentioned | title | term | *[@rend | @rendition | @style]))"/>

  <xsl:template match="emph | foreign | mentioned | title[not(@level = ('a', 's', 'u'))]" mode="inline">
    <fo:inline font-style="{if (f:in-italics(.)) then 'normal' else 'italic'}">
      <xsl:call-template name="f:id"/>
      <xsl:apply-templates mode="inline"/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="title[@level = 'a']" mode="inline">
    <xsl:text>“</xsl:text>
    <xsl:next-match/>
    <xsl:text>”</xsl:text>
  </xsl:template>

  <!-- Editorial interventions. -->

  <!-- What is read of a choice or subst (../common/reading.xsl), with the forms $reading asks
       for; of a choice, with the space between words that a branch left out held. -->
  <xsl:template match="subst" mode="inline plain">
    <xsl:apply-templates select="f:reading(.)" mode="#current"/>
  </xsl:template>

  <xsl:template match="choice" mode="inline plain">
    <xsl:variable name="reading" select="f:reading(.)"/>
    <xsl:value-of select="tp:lost-space(., $reading, true())"/>
    <xsl:apply-templates select="$reading" mode="#current"/>
    <xsl:value-of select="tp:lost-space(., $reading, false())"/>
  </xsl:template>

  <!-- A quotation in its marks, where the text gives none (../common/reading.xsl). -->
  <xsl:template match="q | quote | said | soCalled" mode="inline plain">
    <xsl:variable name="marks" select="tp:quote-marks(.)"/>
    <xsl:value-of select="$marks[1]"/>
    <xsl:next-match/>
    <xsl:value-of select="$marks[2]"/>
  </xsl:template>

  <!-- The parts of a citation and of a dictionary entry, each a word of its own
       (../common/reading.xsl). -->
  <xsl:template match="cit/* | *[$tp:has-entries][tp:is-dictionary-phrase(.)]" mode="inline plain" priority="6">
    <xsl:value-of select="tp:apart-space(., true())"/>
    <xsl:next-match/>
    <xsl:value-of select="tp:apart-space(., false())"/>
  </xsl:template>

  <!-- A word added in the margin is a word of its own (../common/reading.xsl). -->
  <xsl:template match="add" mode="inline plain">
    <xsl:value-of select="tp:apart-space(., true())"/>
    <xsl:next-match/>
    <xsl:value-of select="tp:apart-space(., false())"/>
  </xsl:template>

  <xsl:variable name="f:forms" as="xs:string+" select="if ($reading = 'sic') then ('sic', 'orig', 'abbr') else $tp:edited-forms"/>

  <xsl:function name="f:reading" as="element()*">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="tp:read-children($choice, $f:forms)"/>
  </xsl:function>

  <xsl:template match="(del | fw | location | geo)[not(tp:is-read(.))]" mode="inline plain"/>
  <xsl:template match="(am | ex)[not(tp:is-read-in-abbreviation(., $f:forms))]" mode="inline plain" priority="1"/>

  <!-- Speeches: incidents in brackets, in italics; stage directions in italics. -->
  <xsl:template match="note[tp:is-incident(.)] | kinesic | incident | vocal" mode="inline" priority="1">
    <fo:inline font-style="italic"><xsl:value-of select="tp:incident-text(.)"/></fo:inline>
  </xsl:template>

  <xsl:template match="stage" mode="inline">
    <fo:inline font-style="{if (f:in-italics(.)) then 'normal' else 'italic'}">
      <xsl:call-template name="f:id"/>
      <xsl:apply-templates mode="inline"/>
    </fo:inline>
  </xsl:template>

  <!-- The nodes of the text that are printed: not in a reading of a choice that is not, nor in
       a forme work. (The ancestors are looked at only in texts that have either.) -->
  <xsl:function name="f:printed" as="node()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="if (not($f:unprinted-within)) then $nodes
                          else $nodes[empty(ancestor::fw)
                                      and (every $c in ancestor::*[parent::choice] satisfies $c is f:reading($c/..))]"/>
  </xsl:function>

  <xsl:variable name="f:unprinted-within" as="xs:boolean" select="exists(//choice | //fw)"/>

  <!-- [supplied]; in an edition also ⟨omitted⟩, {surplus}, ⟦erased⟧, a(bbreviation),
       ⌜corrected⌝ (../common/leiden.xsl). -->
  <xsl:template match="supplied | (surplus | del | ex | corr)[$tp:has-editions][tp:is-leiden(.)]" mode="inline plain">
    <xsl:variable name="marks" select="tp:edition-marks(.)"/>
    <xsl:value-of select="$marks[1]"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:value-of select="$marks[2]"/>
  </xsl:template>

  <xsl:template match="gap" mode="inline">
    <xsl:variable name="leiden" select="tp:leiden-gap(.)"/>
    <xsl:choose>
      <xsl:when test="$leiden">
        <fo:inline><xsl:call-template name="f:id"/><xsl:value-of select="$leiden"/></fo:inline>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>[</xsl:text>
        <fo:inline font-style="italic">
          <xsl:call-template name="f:id"/>
          <xsl:value-of select="tp:gap-description(.)"/>
        </fo:inline>
        <xsl:text>]</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="gap" mode="plain">
    <xsl:value-of select="(tp:leiden-gap(.), '[' || tp:gap-description(.) || ']')[1]"/>
  </xsl:template>

  <!-- The original's page numbers: [23] (a number printed in brackets is not bracketed twice). -->
  <xsl:template match="pb" mode="inline">
    <xsl:variable name="number" select="string(tp:page-number(.))"/>
    <xsl:variable name="n" select="if (starts-with($number, '[') and ends-with($number, ']'))
                                   then substring($number, 2, string-length($number) - 2) else $number"/>
    <xsl:variable name="space" select="if (@break = 'no') then '' else ' '"/>
    <xsl:value-of select="$space"/>
    <fo:inline id="{f:id(.)}" font-family="{$f:sans}" font-size="72%" font-style="normal" font-weight="normal"
        color="#5f5f5f">
      <xsl:value-of select="if ($n) then '[' || $n || ']' else ''"/>
    </fo:inline>
    <xsl:value-of select="$space"/>
  </xsl:template>

  <!-- Names. A mention of a person carries the id by which the index finds its page; short
       names are not broken across lines, so that the name is on the page its id is on. -->
  <xsl:template match="persName | rs | name" mode="inline">
    <xsl:choose>
      <xsl:when test="f:is-mention(.) or @xml:id">
        <fo:inline id="{f:id(.)}">
          <xsl:if test="not(ancestor::cell) and (let $name := normalize-space(.)
                        return string-length($name) le 30 and contains($name, ' '))">
            <xsl:attribute name="keep-together.within-line" select="'always'"/>
          </xsl:if>
          <xsl:apply-templates mode="inline"/>
        </fo:inline>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Pointers: a link to the element named in this book, or to a web address. A reference to a
       page of the original (most pointers of a volume's index) finds the page's FO id in
       $f:page-ids (all are printed); other targets are looked up, but not in what the book
       leaves out (the original's contents, part.xsl).

       The book cites itself: after a pointer into this document (a page of the original, a
       document, a note) comes the page of this book on which the target stands, from FOP, as
       "Ante, p. 282 (here p. 40)". The encoded text is kept, not replaced: it is the original's
       own reference, and its page stands in this book too, as the marker [282]; the page of this
       book follows it so that the List of Papers and the index of the original lead to the right
       page. -->
  <xsl:template match="ref[@target] | ptr[@target]" mode="inline">
    <xsl:variable name="pointer" select="f:pointer(.)"/>
    <xsl:variable name="destination" select="f:destination(.)"/>
    <xsl:variable name="elsewhere" select="if (empty($destination)) then f:destination-elsewhere($pointer, .) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($destination)">
        <fo:basic-link internal-destination="{$destination}" fox:alt-text="{normalize-space(.) ! (if (.) then . else 'link')}">
          <xsl:call-template name="f:id"/>
          <xsl:choose>
            <xsl:when test="self::ref"><xsl:apply-templates mode="inline"/></xsl:when>
            <xsl:otherwise>
              <xsl:variable name="target" select="id(substring($pointer, 2))[1]"/>
              <xsl:value-of select="f:plain(($target/head, $target/@n, $target)[1])"/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:basic-link>
        <xsl:value-of select="$f:here-page"/>
        <fo:page-number-citation ref-id="{$destination}"/>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <!-- Into another document: a link only in a book that holds it, which pipeline/formats/
           pdf.py (`_link_documents`) alone knows: it makes the link between the marks text
           (its content, as below) where the book has no such id. -->
      <xsl:when test="exists($elsewhere)">
        <xsl:processing-instruction name="teipipe-link" select="$elsewhere"/>
        <fo:basic-link internal-destination="{$elsewhere}" fox:alt-text="{normalize-space(.) ! (if (.) then . else 'link')}">
          <xsl:call-template name="f:id"/>
          <xsl:apply-templates mode="inline"/>
          <xsl:value-of select="if (self::ptr) then $pointer else ()"/>
        </fo:basic-link>
        <xsl:processing-instruction name="teipipe-link-end" select="$elsewhere"/>
      </xsl:when>
      <xsl:when test="matches($pointer, '^(https?|mailto):')">
        <fo:basic-link external-destination="url('{replace($pointer, '[''()]', '')}')" fox:alt-text="{$pointer}">
          <xsl:call-template name="f:id"/>
          <xsl:apply-templates mode="inline"/>
          <xsl:value-of select="if (self::ptr) then $pointer else ()"/>
        </fo:basic-link>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="inline"/>
        <xsl:value-of select="if (self::ptr) then $pointer else ()"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What comes before this book's page number after a pointer into it. -->
  <xsl:variable name="f:here-page" as="xs:string" select="' (here p.&#160;'"/>

  <!-- The first of a pointer's targets. -->
  <xsl:function name="f:pointer" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="let $t := normalize-space($pointer/@target) return if (contains($t, ' ')) then substring-before($t, ' ') else $t"/>
  </xsl:function>

  <!-- The FO id a pointer (ref or ptr) into this book leads to, whose page the book prints after
       it; () for a pointer elsewhere. -->
  <xsl:function name="f:destination" as="xs:string?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="id" select="f:pointer($pointer)[starts-with(., '#')] ! substring(., 2)"/>
    <xsl:variable name="page" as="xs:string?" select="if ($pointer/self::ref) then $id ! $f:page-ids(.) else ()"/>
    <xsl:sequence select="if (exists($page)) then $page
                          else $id ! id(., $pointer)[1][ancestor::text][f:is-printed-target(.)] ! f:id(.)"/>
  </xsl:function>

  <!-- The FO id, in a book that holds it, of what a pointer into another document of the edition
       ($files, keyed by $file-keys) names: that document's key, a hyphen and (for an element
       it prints) the element's number, as f:id numbers it there. -->
  <xsl:function name="f:destination-elsewhere" as="xs:string?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="element()"/>
    <xsl:variable name="file" select="substring-before($pointer || '#', '#')"/>
    <xsl:variable name="id" select="substring-after($pointer, '#')"/>
    <xsl:variable name="doc" select="if (matches($file, '\.xml$') and not(tp:has-scheme($file))) then tp:file($file, $from, $files) else ()"/>
    <xsl:variable name="target" select="if ($id) then $doc ! key('tp:id', $id, .)[1][ancestor::text][f:is-printed-target(.)] else ()"/>
    <xsl:sequence select="if (empty($doc) or ($id and empty($target))) then ()
                          else tokenize($file-keys)[index-of($files ! generate-id(.), generate-id($doc))[1]] || '-'
                               || ($target ! f:node-number(.))"/>
  </xsl:function>

  <!-- The FO id of each page break of the text, by its xml:id (as fn:id() finds it). -->
  <xsl:variable name="f:page-ids" as="map(xs:string, xs:string)" select="map:merge(
      //pb[@xml:id][ancestor::text][. is id(string(@xml:id))[1]] ! map{string(@xml:id): f:id(.)})"/>

  <!-- Whether an element of the text is printed where a pointer could lead: not within what the
       book leaves out. -->
  <xsl:function name="f:is-printed-target" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/ancestor-or-self::*[f:is-original-contents(.)])"/>
  </xsl:function>

  <!-- Plain text: no notes, page breaks or links; a space where a line or block ends. -->

  <xsl:function name="f:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:choose>
      <!-- Most headings and names hold nothing the plain mode changes: take their text. -->
      <xsl:when test="empty($nodes/descendant-or-self::*[self::note or self::pb or self::fw or self::figure
          or self::graphic or self::choice or self::supplied or self::gap or self::lb or self::p or self::ab
          or self::item or self::l or self::head or self::cell])">
        <xsl:sequence select="normalize-space(string-join($nodes))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="parts" as="xs:string*">
          <xsl:apply-templates select="$nodes" mode="plain"/>
        </xsl:variable>
        <xsl:sequence select="normalize-space(string-join($parts))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="text()" mode="plain">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="note | pb | fw | figure | graphic | comment() | processing-instruction()" mode="plain"/>

  <xsl:template match="*" mode="plain">
    <xsl:apply-templates mode="plain"/>
  </xsl:template>

  <xsl:template match="lb | p | ab | item | l | head | cell" mode="plain">
    <xsl:next-match/>
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
