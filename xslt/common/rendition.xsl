<?xml version="1.0" encoding="UTF-8"?>
<!--
  Renditions: how the source says an element looked (italic, centred, spaced, superscript...),
  as one map of CSS properties that every format turns into its own markup.

  In:  any element of a TEI document. Its rendition is gathered from, later sources winning:
         1. tagsDecl renditions that apply by default: rendition/@selector naming elements
            ("hi", "p, ab"), then namespace/tagUsage[@gi]/@rendition;
         2. @rendition: pointers "#id" to rendition elements of the document's own header
            (of its TEI and of a teiCorpus around it) whose @scheme is css or absent;
         3. @rend keywords, case-insensitive, from the table $tp:rend-keywords; unknown ones
            are ignored (FRUS's "inline", a project's own "deutsche-kurrent");
         4. @style, where it is CSS (property:value; anything else is ignored).
  Out: map(property, value), property and value lower-case.
  Refused: the CSS comes from the document, so it is never passed on as written. Declarations
  are split simply (on ";", then on the first ":") and only the properties of $tp:css-values are
  kept, each with a value matching its pattern: lengths, keywords and colours, nothing that
  could load a resource or leave the attribute (url(, expression(, escapes, <, comments all fail
  the patterns). font-family is not taken: the edition's fonts are chosen for its scripts.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:rendition($e as element()) as map(xs:string, xs:string)
    tp:css($declarations as xs:string?) as map(xs:string, xs:string)   the safe declarations
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    exclude-result-prefixes="#all">

  <xsl:variable name="tp:number" select="'([0-9]+|[0-9]*\.[0-9]+)'"/>
  <xsl:variable name="tp:length" select="'-?' || $tp:number"/>

  <!-- The properties a document may set, each with the pattern its whole value must match. -->
  <xsl:variable name="tp:css-values" as="map(xs:string, xs:string)" select="map{
      'font-style': '^(normal|italic|oblique)$',
      'font-weight': '^(normal|bold|bolder|lighter|[1-9]00)$',
      'font-variant': '^(normal|small-caps)$',
      'font-size': '^(xx-small|x-small|small|medium|large|x-large|xx-large|smaller|larger|' || $tp:number || '(em|%|pt))$',
      'text-decoration': '^(none|(underline|overline|line-through)( (underline|overline|line-through))*)$',
      'text-decoration-line': '^(none|(underline|overline|line-through)( (underline|overline|line-through))*)$',
      'text-align': '^(left|right|center|justify|start|end)$',
      'vertical-align': '^(super|sub|baseline)$',
      'letter-spacing': '^(normal|0|' || $tp:length || '(em|pt))$',
      'text-indent': '^(0|' || $tp:length || '(em|pt))$',
      'margin-left': '^(0|' || $tp:length || '(em|pt))$',
      'margin-right': '^(0|' || $tp:length || '(em|pt))$',
      'color': '^(black|silver|gray|white|maroon|red|purple|fuchsia|green|lime|olive|yellow|navy|blue|teal|aqua|orange|#[0-9a-f]{3}|#[0-9a-f]{6})$',
      'text-transform': '^(none|uppercase|lowercase|capitalize)$'}"/>

  <!-- @rend keywords: the values projects commonly write, each as the CSS it means. -->
  <xsl:variable name="tp:rend-keywords" as="map(xs:string, map(xs:string, xs:string))" select="map:merge((
      ('italic', 'italics', 'i', 'ital', 'it') ! map{.: map{'font-style': 'italic'}},
      ('roman', 'upright', 'normal') ! map{.: map{'font-style': 'normal'}},
      ('bold', 'b', 'strong') ! map{.: map{'font-weight': 'bold'}},
      ('underline', 'underlined', 'u', 'ul') ! map{.: map{'text-decoration': 'underline'}},
      ('strikethrough', 'strike', 'struck', 'del', 'overstrike', 'line-through') ! map{.: map{'text-decoration': 'line-through'}},
      ('sup', 'super', 'superscript') ! map{.: map{'vertical-align': 'super'}},
      ('sub', 'subscript') ! map{.: map{'vertical-align': 'sub'}},
      ('smallcaps', 'small-caps', 'sc') ! map{.: map{'font-variant': 'small-caps'}},
      ('caps', 'allcaps', 'uppercase') ! map{.: map{'text-transform': 'uppercase'}},
      ('center', 'centre', 'centered', 'centred', 'align(center)') ! map{.: map{'text-align': 'center'}},
      ('right', 'rightjustified', 'align(right)', 'align-right', 'flushright') ! map{.: map{'text-align': 'right'}},
      ('left', 'leftjustified', 'align(left)', 'align-left', 'flushleft') ! map{.: map{'text-align': 'left'}},
      ('justify', 'justified') ! map{.: map{'text-align': 'justify'}},
      ('spaced', 'letterspace', 'letterspaced', 'wide', 'expanded') ! map{.: map{'letter-spacing': '0.15em'}},
      ('indent', 'indented', 'blockquote') ! map{.: map{'margin-left': '2em'}},
      ('noindent', 'no-indent') ! map{.: map{'text-indent': '0'}},
      ('large', 'larger', 'big') ! map{.: map{'font-size': '120%'}},
      ('small', 'smaller') ! map{.: map{'font-size': '85%'}}))"/>

  <xsl:function name="tp:css" as="map(xs:string, xs:string)">
    <xsl:param name="declarations" as="xs:string?"/>
    <xsl:sequence select="map:merge(
        for $declaration in tokenize($declarations, ';')[contains(., ':')] return
        let $property := lower-case(normalize-space(substring-before($declaration, ':'))),
            $value := lower-case(normalize-space(substring-after($declaration, ':')))
        return if (map:contains($tp:css-values, $property) and matches($value, $tp:css-values($property)))
               then map{$property: $value} else (),
        map{'duplicates': 'use-last'})"/>
  </xsl:function>

  <xsl:function name="tp:rendition" as="map(xs:string, xs:string)">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="header" select="tp:header-renditions($e/ancestor::tei:TEI[1])"/>
    <xsl:sequence select="
      if (not($e/(@rend | @rendition | @style)) and map:size($header?defaults) = 0) then map{}
      else map:merge((
        $header?defaults(local-name($e)),
        tp:pointers($e/@rendition) ! $header?ids(.),
        tokenize(lower-case($e/@rend), '[\s;,]+') ! $tp:rend-keywords(.),
        tp:css($e/@style)), map{'duplicates': 'use-last'})"/>
  </xsl:function>

  <xsl:function name="tp:pointers" as="xs:string*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="tokenize($pointers)[starts-with(., '#')] ! substring(., 2)"/>
  </xsl:function>

  <!-- The renditions a document's headers declare, read once per document: by id, and by the
       element names they apply to by default. -->
  <xsl:function name="tp:header-renditions" as="map(*)" cache="yes">
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="renditions" select="($tei/ancestor::tei:teiCorpus, $tei)/tei:teiHeader
        //tei:tagsDecl/tei:rendition[not(@scheme) or lower-case(@scheme) = 'css']"/>
    <xsl:variable name="ids" select="map:merge($renditions[@xml:id] ! map{string(@xml:id): tp:css(string(.))},
                                               map{'duplicates': 'use-last'})"/>
    <xsl:variable name="defaults" select="
        for $rendition in $renditions[matches(@selector, '^\s*[A-Za-z][\w.-]*(\s*,\s*[A-Za-z][\w.-]*)*\s*$')],
            $name in tokenize(normalize-space($rendition/@selector), '\s*,\s*')
        return map{$name: tp:css(string($rendition))},
        ($tei/ancestor::tei:teiCorpus, $tei)/tei:teiHeader//tei:tagsDecl/tei:namespace/tei:tagUsage[@gi][@rendition]
            ! map{string(@gi): map:merge(tp:pointers(@rendition) ! $ids(.), map{'duplicates': 'use-last'})}"/>
    <xsl:sequence select="map{'ids': $ids,
        'defaults': map:merge(for $name in distinct-values($defaults ! map:keys(.))
                              return map{$name: map:merge($defaults ! .($name), map{'duplicates': 'use-last'})})}"/>
  </xsl:function>

</xsl:stylesheet>
