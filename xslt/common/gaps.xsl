<?xml version="1.0" encoding="UTF-8"?>
<!--
  Gaps: what the editor says is missing, in words, for any output format.

  In:  a gap element (also works for damage, space, unclear with the same attributes).
  Out: its description as the editor gives it: the text of its desc if there is one; otherwise
       the extent (@extent, or @quantity with @unit: "3½ lines", "1 word", "about 2 pages")
       followed by the reason ("not declassified", "illegible"); without brackets, which are the
       output format's choice.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:gap-description($gap as element()) as xs:string   "3½ lines of source text not declassified"
    tp:quantity($quantity as xs:string?, $unit as xs:string?) as xs:string?   "3½ lines"
    tp:fraction($number as xs:string) as xs:string        "3.5" → "3½", "0.25" → "¼"
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    exclude-result-prefixes="#all">

  <xsl:function name="tp:gap-description" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="extent" select="(normalize-space($gap/@extent)[.],
        tp:quantity($gap/@quantity, $gap/@unit),
        tp:quantity(string-join(($gap/@atLeast, $gap/@atMost)[.], '–')[.], $gap/@unit))[1]"/>
    <xsl:variable name="reason" select="string-join(tokenize(normalize-space($gap/@reason), ' ')
                                          ! replace(., '[-_]', ' '), ', ')[.]"/>
    <xsl:sequence select="
      if (normalize-space($gap/tei:desc)) then normalize-space($gap/tei:desc)
      else string-join((($extent, 'text')[1], ($reason, 'omitted')[1]), ' ')"/>
  </xsl:function>

  <xsl:function name="tp:quantity" as="xs:string?">
    <xsl:param name="quantity" as="xs:string?"/>
    <xsl:param name="unit" as="xs:string?"/>
    <xsl:variable name="q" select="normalize-space($quantity)"/>
    <xsl:variable name="u" select="replace(normalize-space($unit), '^chars?$', 'character')"/>
    <xsl:variable name="singular" select="replace($u, '((ch|sh|x|ss)es|s)$', '$2')"/>
    <xsl:variable name="noun" select="
      if (not($singular) or ($q castable as xs:double and xs:double($q) le 1)) then $singular
      else if (matches($singular, '(s|x|ch|sh)$')) then $singular || 'es'
      else $singular || 's'"/>
    <xsl:sequence select="if ($q) then string-join((tp:fraction($q), $noun[.]), ' ') else ()"/>
  </xsl:function>

  <xsl:function name="tp:fraction" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:variable name="parts" select="tokenize($number, '\.')"/>
    <xsl:variable name="whole" select="replace($parts[1], '^0+(\d)', '$1')"/>
    <xsl:variable name="glyph" select="$parts[2] ! map{'5': '½', '50': '½', '25': '¼', '75': '¾'}(.)"/>
    <xsl:sequence select="
      if (count($parts) = 2 and matches($parts[1], '^\d+$') and exists($glyph))
        then (if ($whole = '0') then '' else $whole) || $glyph
      else if (count($parts) = 2 and matches($parts[2], '^0+$')) then $whole
      else $number"/>
  </xsl:function>
</xsl:stylesheet>
