<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text's structure in HTML: divisions, headings, paragraphs, letters, lists, tables,
  quotations set off, figures, and a fallback for every element no template knows.

  In:  elements of tei:text, processed in the default mode where HTML allows flow content
       (blocks), or in mode h:inline where it allows only phrasing content (inside a p, a
       heading, a list label...). The mode, not a test of ancestors, keeps the HTML valid: a
       block element met in h:inline mode becomes a span with its content.
  Out: sectioning elements (article for a document or letter with a heading, section for other
       divisions with one, div otherwise) with h2-h6 by depth (h1 is the page title); p, or div
       class="p" for a paragraph that holds a list, table or quotation set off; ul/ol/dl, table,
       blockquote, figure.

  Functions (namespace urn:x-teipipe:html, prefix h):
    h:heading-level($head as element()) as xs:integer
    h:has-block($e as element()) as xs:boolean       holds an element rendered as a block
  Named templates: h:attributes (id, lang, class, style), h:para (p or div.p).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:h="urn:x-teipipe:html"
    exclude-result-prefixes="#all">

  <!-- ===== Attributes shared by all elements ===== -->

  <xsl:template match="@xml:id" mode="h:attribute">
    <xsl:attribute name="id" select="."/>
  </xsl:template>

  <!-- Only well-formed language tags reach the page (HTML requires BCP 47). -->
  <xsl:template match="@xml:lang" mode="h:attribute">
    <xsl:if test="matches(., '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')">
      <xsl:attribute name="lang" select="."/>
    </xsl:if>
  </xsl:template>

  <!-- id and lang from the TEI element, the given classes, and its rendition (the source's
       look, ../common/rendition.xsl) as a style. Called for nearly every element, so it tests
       before it applies templates. -->
  <xsl:template name="h:attributes">
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="rendition" as="map(xs:string, xs:string)" select="tp:rendition(.)"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:apply-templates select="@xml:lang" mode="h:attribute"/>
    </xsl:if>
    <xsl:if test="exists($class)">
      <xsl:attribute name="class" select="$class"/>
    </xsl:if>
    <xsl:if test="map:size($rendition) gt 0">
      <xsl:attribute name="style" select="string-join(sort(map:keys($rendition)) ! (. || ': ' || $rendition(.)), '; ')"/>
    </xsl:if>
  </xsl:template>

  <!-- CSS class names come from attribute values as (@rend ! tokenize(.) ! ('rend-' || .)):
       @rend="italic center" gives rend-italic rend-center. HTML takes any character in a class
       name but spaces, which tokenize() removes. -->

  <!-- ===== Divisions and headings ===== -->

  <xsl:function name="h:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, 1 + h:members($head) + count(h:on-page($head/ancestor::*[tei:head or tp:member-title(.)][h:is-section(.)], $head))))"/>
  </xsl:function>

  <!-- The members of a teiCorpus a node stands in: each is a section under its own title (h2). -->
  <xsl:function name="h:members" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="count($node/ancestor::tei:TEI[parent::tei:teiCorpus])"/>
  </xsl:function>

  <!-- Elements whose head is a heading of the page's outline (not a list's or a table's). -->
  <xsl:function name="h:is-section" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not($e/(self::tei:list | self::tei:table | self::tei:figure | self::tei:lg
                          | self::tei:listBibl | self::tei:listPerson | self::tei:listPlace
                          | self::tei:listOrg | self::tei:listEvent | self::tei:castList
                          | self::tei:sp | self::tei:spGrp | self::tei:note))"/>
  </xsl:function>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <div>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:call-template name="h:notes"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6
                       | tei:div7 | tei:floatingText">
    <xsl:element name="{if (not(tei:head | tei:body/tei:head)) then 'div'
                        else if (@type = ('document', 'letter')) then 'article' else 'section'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .))"/>
      </xsl:call-template>
      <xsl:for-each select="tp:div-label(.)">
        <p class="div-label"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:apply-templates/>
      <xsl:call-template name="h:notes"/>
    </xsl:element>
  </xsl:template>

  <!-- A document's number (FRUS prints it before the heading) is shown before its head. -->
  <xsl:template match="tei:head">
    <xsl:element name="h{h:heading-level(.)}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'head', (@type ! tokenize(.) ! ('type-' || .))"/>
      </xsl:call-template>
      <xsl:if test="parent::tei:div/@type = 'document' and not(preceding-sibling::tei:head)">
        <xsl:variable name="number" select="normalize-space(../@n)"/>
        <xsl:if test="$number and not(starts-with(normalize-space(.), $number))">
          <span class="number"><xsl:value-of select="$number"/>. </span>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates mode="h:inline"/>
    </xsl:element>
  </xsl:template>

  <!-- The title of a text in a group heads it as a section of the whole. -->
  <xsl:template match="tei:titlePart[. is tp:member-title(ancestor::tei:text[1])]">
    <xsl:element name="h{h:heading-level(.)}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'head', 'titlePart'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== Paragraphs and the parts of a letter ===== -->

  <xsl:function name="h:has-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- self:: steps joined by "|": faster in Saxon than the same tests joined by "or" -->
    <xsl:sequence select="exists($e/descendant::*[self::tei:p | self::tei:ab | self::tei:list
        | self::tei:table | self::tei:lg | self::tei:l | self::tei:figure | self::tei:floatingText
        | self::tei:div | self::tei:sp | self::tei:listBibl
        | self::tei:quote[tp:is-block-quote(.)]][not(ancestor::tei:note[. >> $e])])"/>
  </xsl:function>

  <!-- A paragraph-like element: p with phrasing content, or div.p around blocks it holds. -->
  <xsl:template name="h:para">
    <xsl:param name="element" as="xs:string" select="'p'"/>
    <xsl:param name="class" as="xs:string*" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="h:has-block(.)">
        <div>
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="$class, (@rend ! tokenize(.) ! ('rend-' || .))"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:when test="$element = 'p'">
        <p>
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="$class, (@rend ! tokenize(.) ! ('rend-' || .))"/>
          </xsl:call-template>
          <xsl:apply-templates mode="h:inline"/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:call-template name="h:attributes">
            <xsl:with-param name="class" select="$class, (@rend ! tokenize(.) ! ('rend-' || .))"/>
          </xsl:call-template>
          <xsl:apply-templates mode="h:inline"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The commonest case, without attributes or blocks inside, straight to p. -->
  <xsl:template match="tei:p[not(@*)][not(h:has-block(.))]">
    <p><xsl:call-template name="h:attributes"/><xsl:apply-templates mode="h:inline"/></p>
  </xsl:template>

  <xsl:template match="(tei:dateline | tei:salute | tei:signed)[not(@*)][not(h:has-block(.))]">
    <p class="{local-name()}"><xsl:call-template name="h:attributes"/><xsl:apply-templates mode="h:inline"/></p>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:trailer
                       | tei:byline | tei:docAuthor | tei:docDate | tei:docEdition | tei:docImprint | tei:imprimatur
                       | tei:speaker | tei:stage">
    <xsl:call-template name="h:para">
      <xsl:with-param name="class" select="if (self::tei:p) then () else local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <xsl:call-template name="h:para">
      <xsl:with-param name="element" select="'div'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A verse line, its number (where @n is a multiple of 5) in the margin. -->
  <xsl:template match="tei:l">
    <div>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'l', (@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:for-each select="tp:line-number(.)">
        <span class="lineno"><xsl:value-of select="."/></span>
        <!-- the number is set in the margin; the space keeps it out of the line's first word
             for a reader who copies or searches the text -->
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="h:inline"/>
    </div>
  </xsl:template>

  <!-- A speech: who speaks (where no speaker element says it), then what is said. -->
  <xsl:template match="tei:u | tei:sp">
    <div>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .))"/>
      </xsl:call-template>
      <xsl:for-each select="tp:speaker(.)">
        <p class="speaker"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph
                       | tei:address | tei:lg | tei:titlePage | tei:docTitle">
    <div>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .)), (@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:quote[tp:is-block-quote(.)] | tei:q[tp:is-block-quote(.)]">
    <blockquote>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </blockquote>
  </xsl:template>

  <!-- ===== Lists ===== -->

  <!--
    ul, ol, or dl for a list with labels. Whatever stands between items (page breaks, notes)
    goes into the next item, since HTML lists hold list items only.
  -->
  <xsl:template match="tei:list | tei:listBibl">
    <xsl:variable name="labelled" select="exists(tei:label) or @type = 'gloss'"/>
    <xsl:variable name="ordered" select="@type = 'ordered' or tokenize(@rend) = ('numbered', 'ordered')"/>
    <xsl:apply-templates select="tei:head" mode="h:caption"/>
    <xsl:element name="{if ($labelled) then 'dl' else if ($ordered) then 'ol' else 'ul'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .)), (@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:for-each-group select="* except tei:head" group-ending-with="tei:item | tei:bibl | tei:biblStruct">
        <xsl:variable name="item" select="current-group()[last()][self::tei:item | self::tei:bibl | self::tei:biblStruct]"/>
        <xsl:if test="$labelled and (current-group()/self::tei:label or position() = 1)">
          <dt>
            <xsl:apply-templates select="current-group()/self::tei:label/node()" mode="h:inline"/>
          </dt>
        </xsl:if>
        <xsl:element name="{if ($labelled) then 'dd' else 'li'}">
          <!-- a bibl is rendered as itself, with its own id; an item only by its content -->
          <xsl:apply-templates select="$item/self::tei:item/(@xml:id, @xml:lang)" mode="h:attribute"/>
          <xsl:apply-templates select="current-group()[not(self::tei:label)] except $item"/>
          <xsl:apply-templates select="$item/(if (self::tei:item) then node() else .)"/>
        </xsl:element>
      </xsl:for-each-group>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:head" mode="h:caption">
    <p>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="'caption'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </p>
  </xsl:template>

  <!-- ===== Tables ===== -->

  <xsl:template match="tei:table">
    <div class="table">
      <table>
        <xsl:call-template name="h:attributes">
          <xsl:with-param name="class" select="(@rend ! tokenize(.) ! ('rend-' || .))"/>
        </xsl:call-template>
        <xsl:if test="tei:head">
          <caption><xsl:apply-templates select="tei:head/node()" mode="h:inline"/></caption>
        </xsl:if>
        <xsl:apply-templates select="tei:row"/>
      </table>
      <xsl:apply-templates select="tei:pb[not(following-sibling::tei:row)]" mode="h:inline"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr>
      <xsl:call-template name="h:attributes"/>
      <xsl:apply-templates select="tei:cell"/>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="(@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:if test="@cols or @rows">
        <xsl:if test="@cols castable as xs:positiveInteger and xs:integer(@cols) gt 1">
          <xsl:attribute name="colspan" select="xs:integer(@cols)"/>
        </xsl:if>
        <xsl:if test="@rows castable as xs:positiveInteger and xs:integer(@rows) gt 1">
          <xsl:attribute name="rowspan" select="xs:integer(@rows)"/>
        </xsl:if>
      </xsl:if>
      <!-- page breaks standing between rows are printed in the first cell after them -->
      <xsl:if test="not(preceding-sibling::tei:cell)">
        <xsl:apply-templates select="../preceding-sibling::tei:pb[following-sibling::tei:row[1] is current()/..]
                                     | preceding-sibling::tei:pb" mode="h:inline"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ===== Figures ===== -->

  <!-- A figure shows its images (or their placeholders) and its heading as the caption; its
       description is the images' alternative text, and is the caption too where no image is
       shown. -->
  <xsl:template match="tei:figure">
    <xsl:variable name="caption" select="if (tei:graphic ! tp:image-src(.)) then tei:head else (tei:head | tei:figDesc)"/>
    <figure>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="(@type ! tokenize(.) ! ('type-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except (tei:head | tei:figDesc)"/>
      <xsl:if test="$caption">
        <figcaption>
          <xsl:apply-templates select="$caption/node()" mode="h:inline"/>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- An image the pipeline published beside the page (../common/images.xsl: never an address
       taken from the document as it stands, which the reader's browser would fetch unasked),
       else a placeholder. Its address is relative to the folder of the edition's pages. -->
  <xsl:template match="tei:graphic | tei:media" mode="#default h:inline">
    <xsl:variable name="src" select="self::tei:graphic ! tp:image-src(.)"/>
    <xsl:choose>
      <xsl:when test="exists($src)">
        <xsl:variable name="size" select="(tp:image-length(@width) ! ('width: ' || .),
                                           tp:image-length(@height) ! ('height: ' || .))"/>
        <img src="{$h:up || $src}" alt="{(tp:image-description(.) ! normalize-space(), 'A figure of the source')[1]}"
            loading="lazy">
          <xsl:if test="@xml:id">
            <xsl:attribute name="id" select="@xml:id"/>
          </xsl:if>
          <xsl:if test="exists($size)">
            <xsl:attribute name="style" select="string-join($size, '; ')"/>
          </xsl:if>
        </img>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic">[illustration]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Anything else ===== -->

  <!-- An element no template knows: its content, as a block where it stands among blocks, as a
       span inside running text. A word, character or punctuation token (w, c, m, pc) is part
       of running text even where its sentence holds only tokens. -->
  <xsl:template match="*">
    <xsl:variable name="block" select="h:has-block(.)
        or not(../text()[normalize-space()] | self::tei:w | self::tei:c | self::tei:m | self::tei:pc
               | self::*[tp:is-dictionary-phrase(.)])"/>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .)), (@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:for-each select="tp:sense-label(.)">
        <span class="sense-number"><xsl:value-of select="."/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="$block"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="h:inline"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <xsl:value-of select="tp:phrase-separator(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="h:inline">
    <span>
      <xsl:call-template name="h:attributes">
        <xsl:with-param name="class" select="local-name(), (@type ! tokenize(.) ! ('type-' || .)), (@rend ! tokenize(.) ! ('rend-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="h:inline"/>
    </span>
    <xsl:value-of select="tp:phrase-separator(.)"/>
  </xsl:template>



  <!-- Not part of the text: the header has its own rendering; comments and processing
       instructions are dropped. -->
  <xsl:template match="tei:teiHeader | comment() | processing-instruction()" mode="#default h:inline"/>
</xsl:stylesheet>
