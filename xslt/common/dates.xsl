<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dates: ISO 8601 values of TEI dating attributes as readable English, for any output format.

  In:  an ISO 8601 value (year, year-month, date, date and time; partial values allowed), or a
       dated element (date, or anything with @when, @from/@to, @notBefore/@notAfter).
  Out: readable strings ("18 April 1958", "April 1958", "7–9 May 1958", "between 1950 and
       1955"), and the value to sort by. Values that are not ISO 8601 come back unchanged.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:format-iso($value as xs:string?) as xs:string?
    tp:date-label($date as element()) as xs:string?
    tp:date-sort-key($date as element()?) as xs:string
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:variable name="tp:months" as="xs:string+" select="('January', 'February', 'March',
      'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December')"/>

  <!-- "1958" → "1958", "1958-04" → "April 1958", "1958-04-18" → "18 April 1958",
       "1917-04-03T18:00:00" → "3 April 1917, 18:00"; a day without year (ISO "&#45;-04-18") → "18 April". -->
  <xsl:function name="tp:format-iso" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <!-- The usual full dates (and FRUS's dates with times) by substrings: a volume has hundreds,
         and this is several times faster than format-date() or the general case. -->
    <xsl:variable name="month" select="$tp:month-names(substring($v, 6, 2))"/>
    <xsl:sequence select="
      if (exists($month) and (tp:is-plain-date($v)
                              or matches($v, '^[1-9]\d{3}-\d\d-(0[1-9]|[12]\d|3[01])(T\d\d:\d\d(:\d\d)?)?$')))
        then (if (substring($v, 9, 1) = '0') then substring($v, 10, 1) else substring($v, 9, 2))
             || ' ' || $month || ' ' || substring($v, 1, 4)
             || (if (contains($v, 'T')) then ', ' || substring($v, 12, 5) else '')
      else tp:format-iso-parts($v)"/>
  </xsl:function>

  <!-- Part of what the pattern in tp:format-iso accepts (ASCII digits only), tested without a
       regular expression, which costs Saxon several times more: nearly every date passes here. -->
  <xsl:function name="tp:is-plain-date" as="xs:boolean" visibility="private">
    <xsl:param name="v" as="xs:string"/>
    <xsl:variable name="day" select="substring($v, 9, 2)"/>
    <xsl:sequence select="translate($v, '123456789', '000000000')
                            = ('0000-00-00', '0000-00-00T00:00', '0000-00-00T00:00:00')
                          and not(starts-with($v, '0')) and $day ne '00' and $day le '31'"/>
  </xsl:function>

  <xsl:variable name="tp:month-names" as="map(xs:string, xs:string)"
      select="map:merge(for $m in 1 to 12 return map{format-number($m, '00'): $tp:months[$m]})"/>

  <xsl:function name="tp:format-iso-parts" as="xs:string?" visibility="private">
    <xsl:param name="v" as="xs:string"/>
    <xsl:variable name="date" select="if (contains($v, 'T')) then substring-before($v, 'T') else $v"/>
    <xsl:variable name="time" select="substring(substring-after($v, 'T'), 1, 5)"/>
    <!-- year, month, day; the year is empty for a day without year, negative before year 1 -->
    <xsl:variable name="ymd" select="
      if (starts-with($date, '--')) then ('', tokenize(substring($date, 3), '-'))
      else if (starts-with($date, '-')) then tokenize(substring($date, 2), '-') ! (if (position() = 1) then '-' || . else .)
      else tokenize($date, '-')"/>
    <xsl:variable name="month" select="$ymd[2][. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:sequence select="
      if (not(matches($v, '^(-?\d{4,}|-)(-\d\d){0,2}(T\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+\-]\d\d:\d\d)?$'))
          or (exists($ymd[2]) and not($month = 1 to 12))) then $v[.]
      else string-join((string-join(($ymd[3] ! string(xs:integer(.)), $tp:months[$month],
                                     $ymd[1][.] ! tp:year(.)), ' '), $time[.]), ', ')"/>
  </xsl:function>

  <!-- An ISO year as written in prose: "0044" → "44", "-0043" → "44 BCE" (ISO year 0 = 1 BCE). -->
  <xsl:function name="tp:year" as="xs:string" visibility="private">
    <xsl:param name="year" as="xs:string"/>
    <xsl:variable name="n" select="xs:integer($year)"/>
    <xsl:sequence select="if ($n le 0) then (1 - $n) || ' BCE' else string($n)"/>
  </xsl:function>

  <!--
    The date an element gives, in words: @when; a range from @from/@to ("7–9 May 1958" when only
    the day differs, else "3 April 1957 – 9 May 1958"); an uncertain range from @notBefore and
    @notAfter ("between 1950 and 1955", "not before 1950", "not after 1955").
  -->
  <xsl:function name="tp:date-label" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="from" select="($date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="to" select="($date/@to, $date/@notAfter)[1]"/>
    <xsl:variable name="exact" select="exists($date/(@from | @to))"/>
    <xsl:sequence select="
      if ($date/@when) then tp:format-iso($date/@when)
      else if ($from and $to) then
        (if ($exact) then tp:range(tp:format-iso($from), tp:format-iso($to))
         else 'between ' || tp:format-iso($from) || ' and ' || tp:format-iso($to))
      else if ($from) then (if ($exact) then 'from ' else 'not before ') || tp:format-iso($from)
      else if ($to) then (if ($exact) then 'until ' else 'not after ') || tp:format-iso($to)
      else ()"/>
  </xsl:function>

  <!-- Two formatted dates as a range, sharing month and year when they can. -->
  <xsl:function name="tp:range" as="xs:string" visibility="private">
    <xsl:param name="from" as="xs:string"/>
    <xsl:param name="to" as="xs:string"/>
    <xsl:variable name="f" select="tokenize($from, ' ')"/>
    <xsl:variable name="t" select="tokenize($to, ' ')"/>
    <xsl:sequence select="
      if (count($f) = 3 and count($t) = 3 and $f[2] = $t[2] and $f[3] = $t[3])
        then $f[1] || '–' || $t[1] || ' ' || $f[2] || ' ' || $f[3]
      else if (count($f) = 3 and count($t) = 3 and $f[3] = $t[3])
        then $f[1] || ' ' || $f[2] || ' – ' || $to
      else $from || ' – ' || $to"/>
  </xsl:function>

  <!-- A string that sorts dated elements in time order (undated ones last). -->
  <xsl:function name="tp:date-sort-key" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="(($date/@when, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)
                            ! normalize-space(.), '~')[1]"/>
  </xsl:function>
</xsl:stylesheet>
