<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pointers: from a TEI pointer (@ref, @corresp, @target, ...) to the elements it names.

  In:  a pointer attribute or string and the node it belongs to; the authority files
       (personography, gazetteer, ...) as the global parameter $authorities.
  Out: the elements named, from the same document ("#id") or from an authority file
       ("persons.xml#id", resolved against the base URI of the pointing node).

  Never calls doc(): authority files reach the stylesheet as $authorities, already parsed by
  the pipeline's safe parser, so a pointer in a document cannot make XSLT read any file.

  Functions (namespace urn:x-teipipe:common, prefix tp):
    tp:resolve($pointer as xs:string?, $context as node()) as element()*
    tp:entity($name as element()) as element()?
    tp:has-scheme($uri as xs:string) as xs:boolean
    tp:authority($file as xs:string, $context as node()) as document-node()?   the authority file named
    tp:file($file as xs:string, $context as node(), $documents as document-node()*) as document-node()?
  Key: tp:id (element by @xml:id).
  Parameter: $authorities as document-node()* (an importing stylesheet need not declare it).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="urn:x-teipipe:common"
    exclude-result-prefixes="#all">

  <!-- The authority documents the current document points into (given by the pipeline). -->
  <xsl:param name="authorities" as="document-node()*" select="()"/>

  <xsl:key name="tp:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <!--
    Every element a pointer names, in pointer order. The pointer is a whitespace-separated list
    of URI references: "#id" names an element of $context's document; "file.xml#id" names an
    element of the authority file at that address (relative to $context's base URI, or a file:
    URL; failing that, the authority file of that name). Anything else (other schemes, unknown
    files or ids) names nothing; the pipeline hands over only the authority files pointers may
    lead into.
  -->
  <xsl:function name="tp:resolve" as="element()*">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:choose>
      <!-- the common case, one local pointer, without tokenizing (a volume has thousands) -->
      <xsl:when test="starts-with($pointer, '#') and not(contains($pointer, ' '))">
        <xsl:sequence select="tp:by-id(substring($pointer, 2), root($context))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:resolve-each($pointer, $context)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tp:resolve-each" as="element()*" visibility="private">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:for-each select="tokenize(normalize-space($pointer), ' ')[contains(., '#')]">
      <xsl:variable name="file" select="substring-before(., '#')"/>
      <xsl:variable name="id" select="substring-after(., '#')"/>
      <xsl:choose>
        <xsl:when test="$file = ''">
          <xsl:sequence select="tp:by-id($id, root($context))"/>
        </xsl:when>
        <xsl:when test="not(tp:has-scheme($file)) or starts-with(lower-case($file), 'file:')">
          <xsl:sequence select="tp:authority($file, $context) ! key('tp:id', $id, .)[1]"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- Whether a URI reference starts with a scheme ("https:", "mailto:"). The pattern is only
       tried on what comes before the first colon: tried on a whole long reference, Saxon's
       regular expressions take time in proportion to the square of its length. -->
  <xsl:function name="tp:has-scheme" as="xs:boolean">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="contains($uri, ':')
                          and matches(substring-before($uri, ':'), '^[A-Za-z][A-Za-z0-9+.\-]*$')"/>
  </xsl:function>

  <!-- The first element of $doc whose @xml:id is $id. fn:id() looks it up in the index the
       parser made of xml:ids, where the key would first index every element of the document;
       the key still answers where fn:id() cannot (an id that is not an NCName, or an xml:id
       with spaces, which fn:id() sees normalized). -->
  <xsl:function name="tp:by-id" as="element()?" visibility="private">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(id($id, $doc)[string(@xml:id) = $id], key('tp:id', $id, $doc))[1]"/>
  </xsl:function>

  <!-- The authority document a relative file reference names, seen from $context. -->
  <xsl:function name="tp:authority" as="document-node()?">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="tp:file($file, $context, $authorities)"/>
  </xsl:function>

  <!-- The document of $documents a relative file reference names, seen from $context: at that
       address, else (a file: URL written elsewhere) of that file name. -->
  <xsl:function name="tp:file" as="document-node()?">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:param name="documents" as="document-node()*"/>
    <xsl:variable name="base" select="base-uri($context)"/>
    <xsl:variable name="uri" select="if (exists($base)) then tp:same-uri(resolve-uri($file, $base)) else ''"/>
    <xsl:variable name="name" select="tokenize($file, '/')[last()]"/>
    <xsl:sequence select="($documents[tp:same-uri(base-uri(.)) = $uri],
                           $documents[tokenize(string(base-uri(.)), '/')[last()] = $name])[1]"/>
  </xsl:function>

  <!-- One spelling per file URI: resolve-uri() gives "file:/a", base URIs "file:///a". -->
  <xsl:function name="tp:same-uri" as="xs:string" visibility="private">
    <xsl:param name="uri" as="xs:anyURI?"/>
    <xsl:sequence select="replace(string($uri), '^file:/+', 'file:///')"/>
  </xsl:function>

  <!--
    The entry a name or reference points to: a person, place or org of an authority file, or,
    in documents that keep their own list (FRUS: persName[@xml:id] in div[@xml:id='persons']),
    that list's entry. Looks at @ref, then at @corresp.
  -->
  <xsl:function name="tp:entity" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="tp:resolve(($name/@ref, $name/@corresp)[1], $name)[1]"/>
  </xsl:function>
</xsl:stylesheet>
