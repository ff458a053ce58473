"""Read the persons, places, organisations and dates a TEI document names, with lxml.

`read(doc)` takes a `Document` and returns a `Reading`: the header facts (title, author, date of
the text, source, chosen as xslt/common/header.xsl chooses them for every output format), the
entities the text mentions, every mention, and every date. It understands the
common ways of pointing at a person: our `persName/@ref="persons.xml#id"` into a
`listPerson/person` of an authority file, a same-document `@corresp="#id"` onto a
`persName[@xml:id]` in a list of persons (the FRUS volumes), or a URI. A name with no pointer
is still an entity, keyed by its kind and its words (`name:person:gresham`, `linked` false), and
so is a name whose pointer leads nowhere (a placeholder such as `persons.xml#pers` on a hundred
different names), which the reading reports (`Reading.findings`); a title or description used
for a person (`rs type="person"`) is a mention flagged `title_only`. An entry that names an
authority record (a GND, VIAF or Wikidata `idno`, or a web address in `@sameAs`/`@corresp`) is
keyed by that record, so that the entries of many documents' own lists are one entity (the rule
of `tp:entity-key` in xslt/common/names.xsl, which the web edition's indexes follow). A speech
(`u` or `sp` with `@who`) is a mention of each speaker, resolved in the document.

Only the text is read, not the header nor the authority lists beside it (`listPerson`,
`listPlace`, `listOrg`, `listBibl` with ids, in `back` or `standOff`), nor the apparatus of the
front and back matter (`is_apparatus`: lists of persons and terms, of papers, a reprinted index,
as the indexes of xslt/common/names.xsl leave them out); where a file holds several documents
(`div[@type='document']`, as a FRUS volume does) only those are, each one a `section`, so a
volume's front matter and lists of persons are not mentions. The words of a mention or date are
as written in the source (of a `choice`, the sic, orig or abbr reading); its sentence is the one
around it in its paragraph, heading or note; its page is that of the preceding `pb`.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from pipeline.document import Document, base_folder, split
from pipeline.findings import WARNING, Finding
from pipeline.parsing import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"

#: Element names that name an entity of a kind, and the @type values of name/rs for each kind.
NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}
TYPES = {"person": "person", "place": "place", "org": "org", "organisation": "org",
         "organization": "org"}
#: The authority-file entries for each kind, and the names inside them.
ENTRY_TAGS = {T + "person": "person", T + "personGrp": "person", T + "place": "place",
              T + "org": "org"}
#: Name forms that are not an entry's standard form (tp:variant-name-types).
VARIANT_NAMES = {"asPrinted", "short", "abbr", "variant", "alt", "alias", "nickname", "former"}
#: Where a sentence is looked for: the nearest of these around a mention.
PARAGRAPHS = {T + name for name in (
    "p", "ab", "head", "item", "label", "l", "dateline", "salute", "signed", "byline",
    "docAuthor", "docDate", "trailer", "addrLine", "cell", "note", "titlePart", "argument",
    "epigraph", "opener", "closer", "postscript", "bibl")}
#: Of a choice, the reading as written in the source.
SOURCE_READINGS = {T + "sic", T + "orig", T + "abbr"}
#: Lists of entries kept beside the text (authority data), and the entries of a listBibl.
AUTHORITY_LISTS = {T + name for name in ("listPerson", "listPlace", "listOrg", "listEvent", "listNym")}
BIBL_ENTRIES = {T + "bibl", T + "biblStruct"}
#: Elements whose parts, written without space between them, are words of one name.
NAME_PARTS = {T + name for name in ("persName", "placeName", "orgName", "name", "geogName", "roleName",
                                    "author", "editor", "principal", "forename", "surname")}
#: Title types that are never the document's own title (see tp:title-rank).
NOT_THE_TITLE = {"sub", "subtitle", "short", "abbr", "abbreviated", "alt", "alternative", "parallel",
                 "translated", "variant", "uniform", "series", "volume", "desc", "iso-date", "date",
                 "collection"}
#: Elements whose words are not part of the running text.
NOT_TEXT = {T + "note", T + "fw", T + "figDesc", T + "rdg", T + "index", T + "interp"}

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "dr", "st", "gen", "col", "capt", "lt", "maj", "adm", "gov",
    "sen", "rep", "hon", "rev", "prof", "jr", "sr", "no", "nos", "vol", "p", "pp", "cf", "ch",
    "co", "corp", "inc", "ult", "inst", "viz", "mme", "mlle", "esq", "art", "sec", "tel",
}
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?][”’\"')\]]*\s+$")


@dataclass(frozen=True)
class Header:
    title: str = ""
    author: str = ""
    date: str = ""
    source: str = ""


@dataclass
class Entity:
    kind: str
    id: str
    name: str
    description: str = ""
    authority_ids: tuple[str, ...] = ()
    linked: bool = True


@dataclass(frozen=True)
class Mention:
    document: str
    section: str
    kind: str
    entity: str
    words: str
    line: int
    page: str
    sentence: str
    title_only: bool
    in_note: bool
    paragraph: int  # ordinal of the paragraph in the document, for co-occurrence

    @property
    def unit(self) -> str:
        return _unit(self.document, self.section)


@dataclass(frozen=True)
class DateMention:
    document: str
    section: str
    iso: str
    start: str
    end: str
    words: str
    line: int
    page: str
    sentence: str
    in_note: bool

    @property
    def unit(self) -> str:
        return _unit(self.document, self.section)


def _unit(document: str, section: str) -> str:
    """A document's name: the file's, and the section's within a volume (`frus1918Russiav03#d1`)."""
    return f"{document}#{section}" if section else document


@dataclass
class Reading:
    document: str
    header: Header
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def words(el: etree._Element) -> str:
    """The words of an element as written in the source, notes left out, on one line."""
    return " ".join(_Flat(el).text.split())


def read(doc: Document) -> Reading:
    root = doc.tree.getroot()
    reading = Reading(doc.path.stem, header(root))
    resolver = _Resolver(doc)
    texts = [t for t in root.iter(T + "text") if _nearest(t.getparent(), {T + "text"}) is None]
    units = [d for t in texts for d in t.iter(T + "div")
             if d.get("type") == "document" and _nearest(d.getparent(), {T + "div"}, "document") is None]
    reading.sections = [_section_id(u) for u in units]
    unit_of = {}
    for unit in units:
        for el in unit.iter():
            unit_of[el] = unit
    authority = {el for t in texts for lst in t.iter(etree.Element) if is_authority_list(lst) or is_apparatus(lst)
                 for el in lst.iter()}
    paragraphs = _Paragraphs()
    page = ""
    for text in texts:
        for el in text.iter(etree.Element):
            if el.tag == T + "pb":
                page = _page(el) or page
                continue
            unit = unit_of.get(el)
            if units and unit is None or el in authority:
                continue  # outside the documents of a volume (front matter, lists), authority data
            section = _section_id(unit) if unit is not None else ""
            if el.tag == T + "date":
                reading.dates.append(_date(el, reading.document, section, page, paragraphs))
                continue
            if el.tag in (T + "u", T + "sp") and el.get("who"):
                found = resolver.speakers(el)
                kind, title_only, spoken = "person", False, _speaker_words(el)
            else:
                kind, title_only = _mention_kind(el)
                if kind is None or resolver.is_definition(el):
                    continue
                found, spoken = resolver.entities(el, kind), words(el)
            for entity in found:
                known = reading.entities.setdefault(entity.id, entity)
                paragraph, sentence = paragraphs.sentence(el)
                reading.mentions.append(Mention(
                    reading.document, section, kind, known.id, spoken or known.name, el.sourceline or 0,
                    page, sentence, title_only, _in_note(el), paragraph))
    reading.findings = resolver.findings
    return reading


def is_authority_list(el) -> bool:
    """A list of entries in back or standOff (see tp:is-authority-list): authority data, not text."""
    if el.tag not in AUTHORITY_LISTS and el.tag != T + "listBibl":
        return False
    if not any(a.tag in (T + "back", T + "standOff") for a in el.iterancestors()):
        return False
    entries = [e for e in el if e.tag in BIBL_ENTRIES]
    return el.tag in AUTHORITY_LISTS or (len(el) > 0 and all(e.get(XML_ID) for e in entries))


def is_apparatus(el) -> bool:
    """Part of a book's apparatus, not its text (tp:in-apparatus): a list or table of the front or
    back matter outside a document (lists of persons, terms, papers; a reprinted index), or a
    list or division its @type calls an index or contents."""
    if el.tag in (T + "div", T + "list") and (el.get("type") or "").lower() in ("index", "toc", "contents"):
        return True
    if el.tag not in (T + "list", T + "table"):
        return False
    ancestors = list(el.iterancestors())
    return (any(a.tag in (T + "front", T + "back") for a in ancestors)
            and not any(a.tag == T + "div" and a.get("type") == "document" for a in ancestors))


def header(root: etree._Element) -> Header:
    """Title, author, date of the text (ISO where the header gives one) and source of a TEI document."""
    head = root.find(T + "teiHeader")
    if head is None:
        return Header()
    titles = [t for t in head.iterfind(f"{T}fileDesc/{T}titleStmt/{T}title") if words(t)]
    title = min(titles, key=_title_rank) if titles else None
    authors = head.findall(f"{T}fileDesc/{T}titleStmt/{T}author") or head.findall(
        f"{T}fileDesc/{T}sourceDesc//{T}author")
    dated = _text_date(head)
    date = (dated.get("when") or words(dated)) if dated is not None else ""
    source_desc = head.find(f"{T}fileDesc/{T}sourceDesc")
    source = ""
    if source_desc is not None:
        titled = source_desc.findall(f".//{T}monogr/{T}title") + source_desc.findall(f"{T}bibl/{T}title")
        plain = [e for e in source_desc if e.tag in (T + "bibl", T + "p")]
        source = next((words(e) for e in titled + plain if words(e)), "")
    return Header(words(title) if title is not None else "",
                  "; ".join(dict.fromkeys(map(words, authors))), date, source)


def _title_rank(title) -> int:
    """The rank of a titleStmt title as the document's own title (tp:title-rank): lowest first."""
    kind = " ".join((title.get("type") or "").split()).lower()
    rank = (0 if kind in ("main", "complete") else 2 if not kind
            else 6 if kind in NOT_THE_TITLE or kind.startswith("citation") else 4)
    return rank + (1 if title.get("level") in ("m", "j", "s", "u") else 0)


def _text_date(head):
    """The date of the text, as tp:document-date chooses it: sent, written, received, the
    original's (first edition first, then a manuscript's origin and hands); the publication
    only of a text the sourceDesc calls born digital."""
    def dates(elements, *paths):
        return [d for e in elements for p in paths for d in e.iterfind(p)]

    actions = head.findall(f"{T}profileDesc/{T}correspDesc/{T}correspAction")
    source = head.find(f"{T}fileDesc/{T}sourceDesc")
    bibls = [] if source is None else [
        b for b in source.iter(T + "bibl", T + "biblStruct", T + "biblFull")
        if b.getparent() is source or (b.getparent().tag == T + "listBibl" and b.getparent().getparent() is source
                                       and b.tag != T + "biblFull")]
    firsts = [b for b in bibls if b.get("type") in ("firstEdition", "first", "original")]
    manuscripts = [] if source is None else list(source.iter(T + "msDesc"))
    born_digital = source is not None and re.search(r"born[ -]digital", words(source), re.I)
    candidates = (
        dates([a for a in actions if a.get("type") == "sent"], f".//{T}date")
        + [d for d in head.iterfind(f"{T}profileDesc/{T}creation//{T}date")
           if not any(a.tag in (T + "listChange", T + "change") for a in d.iterancestors())]
        + dates([a for a in actions if a.get("type") == "received"], f".//{T}date")
        + dates(firsts + [b for b in bibls if b not in firsts],
                f"{T}date", f"{T}imprint/{T}date", f"{T}monogr/{T}imprint/{T}date",
                f"{T}analytic/{T}imprint/{T}date", f"{T}publicationStmt/{T}date")
        + dates(manuscripts, f".//{T}origDate", f"{T}history/{T}origin//{T}date", f".//{T}handNote//{T}date")
        + (head.findall(f"{T}fileDesc/{T}publicationStmt/{T}date") if born_digital else []))
    return next((d for d in candidates
                 if any(d.get(a) for a in ("when", "from", "to", "notBefore", "notAfter")) or words(d)), None)


# Entities and pointers.

def _mention_kind(el) -> tuple[str | None, bool]:
    """The kind of entity an element names, and whether it is a title or description only."""
    if el.tag in NAME_TAGS:
        kind, title_only = NAME_TAGS[el.tag], False
    elif el.tag in (T + "name", T + "rs") and el.get("type") in TYPES:
        kind, title_only = TYPES[el.get("type")], el.tag == T + "rs"
    else:
        return None, False
    # A name inside a name of the same kind (a forename in a persName) is part of that mention.
    for ancestor in el.iterancestors(T + "persName", T + "placeName", T + "orgName", T + "name", T + "rs"):
        if _mention_kind(ancestor)[0] == kind:
            return None, False
    return kind, title_only


class _Resolver:
    """Pointers of one document to the entities they name, in it or in its authority files."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.trees = {doc.path.resolve(): doc.tree}
        for authority in doc.authorities():
            self.trees[authority.path.resolve()] = authority.tree
        own = _ids(doc.tree)
        self.targets = {own[p[1:]] for p in doc.tree.xpath("//@corresp | //@ref")
                        for p in p.split() if p.startswith("#") and p[1:] in own}
        self.unresolved: dict[str, tuple[int, set[str]]] = {}  # file part → first line, pointers

    def is_definition(self, el) -> bool:
        """A name that same-document pointers point at is an entry of a list, not a mention."""
        return el in self.targets

    def entities(self, el, kind: str) -> list[Entity]:
        pointers = (el.get("ref") or el.get("corresp") or "").split()
        found = [entity for entity in (self._resolve(p, el, kind) for p in pointers) if entity is not None]
        if not found:
            if el.tag == T + "rs":
                return []  # a description with no one named: no entity to count it for
            return _by_name(kind, words(el))
        return found

    def speakers(self, speech) -> list[Entity]:
        """The persons a speech's @who names, by their entries; a speaker with none, by name."""
        found = []
        for pointer in speech.get("who").split():
            entity = self._resolve(pointer, speech, "person") if "#" in pointer else None
            if entity is None:
                found += _by_name("person", pointer.split("#")[-1].replace(".", " ").replace("_", " "))
            else:
                found.append(entity)
        return found

    @property
    def findings(self) -> list[Finding]:
        """One warning per file (or the document itself) that pointers lead into in vain."""
        return [Finding(str(self.doc.path), line, 0, WARNING,
                        f"{len(seen)} pointer(s) {'into ' + part if part else 'of this document'} lead to no"
                        f" entry (e.g. {min(seen)}): their names are keyed by their words", "unresolved-pointer")
                for part, (line, seen) in self.unresolved.items()]

    def _resolve(self, pointer: str, el, kind: str) -> Entity | None:
        """The entity a pointer names; None, noted for the findings, when it leads nowhere."""
        entity = self._entity(pointer, el, kind)
        if entity is None:
            line, seen = self.unresolved.setdefault(pointer.split("#")[0], (el.sourceline or 0, set()))
            seen.add(pointer)
        return entity

    def _entity(self, pointer: str, el, kind: str) -> Entity | None:
        parts = split(pointer)
        if parts is None or not parts[1]:  # a URI, a private prefix or a whole file: an id as is
            return Entity(kind, pointer, words(el), authority_ids=(pointer,))
        file_part, fragment = parts
        if file_part:
            folder = base_folder(el)  # XML Base: an included file's pointers are read from its folder
            path = (folder / file_part).resolve() if folder else None
        else:
            path = self.doc.path.resolve()
        tree = self.trees.get(path)
        target = _ids(tree).get(fragment) if tree is not None else None
        return None if target is None else _describe(target, kind, f"{path.name}#{fragment}")


def _by_name(kind: str, name: str) -> list[Entity]:
    """A name that points to no entry, keyed by its kind and words without regard to case,
    accents and punctuation (tp:name-key): "José Martí" and "Jose Marti" are one."""
    bare = "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    key = "-".join("".join(c if c.isalnum() else " " for c in bare).split())
    return [Entity(kind, f"name:{kind}:{key}", name, linked=False)] if key else []


def _speaker_words(speech) -> str:
    speaker = speech.find(T + "speaker")
    return words(speaker) if speaker is not None else ""


def _describe(target, kind: str, entity_id: str) -> Entity:
    """An entity from its entry: a `person`/`place`/`org`, or a name in a list of persons. An
    entry naming an authority record is keyed by the record (see `authority_id`)."""
    if target.tag in ENTRY_TAGS:
        kind = ENTRY_TAGS[target.tag]
        names = [n for n in target if n.tag in NAME_TAGS or n.tag == T + "name"]
        standard = [n for n in names if n.get("type") not in VARIANT_NAMES] or names
        described = [words(e) for e in target if e.tag in (T + "occupation", T + "desc", T + "roleName")]
        if not described:
            described = [words(e) for e in target if e.tag == T + "note"][:1]
        ids = [f"{i.get('type')}:{words(i)}" if i.get("type") else words(i)
               for i in target.iter(T + "idno")] + (target.get("sameAs") or "").split()
        return Entity(kind, authority_id(target) or entity_id, words(standard[0]) if standard else words(target),
                      "; ".join(d for d in described if d), tuple(ids))
    # FRUS: `<item><persName xml:id="p_BND1">Baker, Newton D.</persName>, Secretary of War.</item>`
    name = words(target)
    around = words(target.getparent()) if target.getparent() is not None else ""
    rest = around[len(name):] if around.startswith(name) else ""
    return Entity(kind, entity_id, name, rest.lstrip(" ,;:").strip())


_RECORDS = (
    ("gnd", re.compile(r"^https?://d-nb\.info/gnd/([0-9X-]+)", re.I), re.compile(r"^[0-9X-]+$", re.I)),
    ("viaf", re.compile(r"^https?://(?:www\.)?viaf\.org/viaf/(\d+)", re.I), re.compile(r"^\d+$")),
    ("wikidata", re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q\d+)", re.I), re.compile(r"^Q\d+$")),
)


def authority_id(entry) -> str:
    """The authority record an entry names, as tp:authority-id spells it: "gnd:118609807",
    "viaf:…", "wikidata:Q…" (in that order of preference), else "uri:" and any other web address
    without scheme and final slash; "" for none."""
    found = [_record(words(i), (i.get("type") or "").lower()) for i in entry.iterfind(T + "idno")]
    found += [_record(p, "") for a in ("sameAs", "corresp") for p in (entry.get(a) or "").split()]
    found = [f for f in found if f]
    for name, _, _ in _RECORDS:
        preferred = [f for f in found if f.startswith(name + ":")]
        if preferred:
            return preferred[0]
    return found[0] if found else ""


def _record(value: str, kind: str) -> str:
    for name, address, bare in _RECORDS:
        match = address.match(value)
        if match:
            return f"{name}:{match.group(1)}"
        if kind == name and bare.match(value):
            return f"{name}:{value}"
    if re.match(r"^https?://\S+$", value, re.I):
        return "uri:" + re.sub(r"/$", "", re.sub(r"^https?://", "", value, flags=re.I))
    return ""


@functools.lru_cache(maxsize=64)
def _ids(tree) -> dict[str, etree._Element]:
    return {el.get(XML_ID): el for el in tree.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


# Dates, sections, pages.

def _date(el, document: str, section: str, page: str, paragraphs: "_Paragraphs") -> DateMention:
    start = el.get("when") or el.get("when-iso") or el.get("from") or el.get("from-iso") or el.get("notBefore") or ""
    end = el.get("when") or el.get("when-iso") or el.get("to") or el.get("to-iso") or el.get("notAfter") or ""
    iso = start if start == end else f"{start or '..'}/{end or '..'}" if start or end else ""
    return DateMention(document, section, iso, start, end, words(el), el.sourceline or 0, page,
                       paragraphs.sentence(el)[1], _in_note(el))


def _section_id(unit) -> str:
    return unit.get(XML_ID) or unit.get("n") or f"line-{unit.sourceline}"


def _page(pb) -> str:
    return re.sub(r"^\[(.*)\]$", r"\1", " ".join((pb.get("n") or "").split()))


def _in_note(el) -> bool:
    return any(True for _ in el.iterancestors(T + "note"))


def _nearest(el, tags, type_=None):
    while el is not None:
        if el.tag in tags and (type_ is None or el.get("type") == type_):
            return el
        el = el.getparent()
    return None


# Words and sentences.

class _Flat:
    """The words of an element as one string, with where each descendant element starts."""

    def __init__(self, el):
        self.parts: list[str] = []
        self.length = 0
        self.starts: dict = {}
        self._add(el, top=True)
        self.text = unicodedata.normalize("NFC", "".join(self.parts))

    def _put(self, text):
        if text:
            self.parts.append(text)
            self.length += len(text)

    def _add(self, el, top=False):
        self.starts[el] = self.length
        if not top and (el.tag in NOT_TEXT or not isinstance(el.tag, str)):
            return
        if el.tag in (T + "lb", T + "pb", T + "cb"):
            self._put("" if el.get("break") == "no" else " ")
            return
        self._put(el.text)
        children = list(el)
        kept = children
        if el.tag == T + "choice":
            kept = ([c for c in children if c.tag in SOURCE_READINGS] or children)[:1]
        # Parts of a name written without space between them (forename, surname) are words.
        spaced = el.tag in NAME_PARTS and not (el.text or "").strip() and not any(
            (c.tail or "").strip() for c in children)
        for child in children:
            if child in kept:
                if spaced:
                    self._put(" ")
                self._add(child)
            self._put(child.tail)


class _Paragraphs:
    """Sentences of paragraphs, each paragraph flattened once."""

    def __init__(self):
        self.cache: dict = {}

    def sentence(self, el) -> tuple[int, str]:
        """The ordinal of the paragraph around `el`, and the sentence `el` begins in."""
        para = _nearest(el, PARAGRAPHS)
        if para is None:
            para = el
        if para not in self.cache:
            flat = _Flat(para)
            self.cache[para] = (len(self.cache), flat, _sentence_starts(flat.text))
        ordinal, flat, starts = self.cache[para]
        at = flat.starts.get(el, 0)
        i = bisect.bisect_right(starts, at) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(flat.text)
        return ordinal, " ".join(flat.text[starts[i]:end].split())


def _sentence_starts(text: str) -> list[int]:
    """Where sentences begin: after . ! or ? and space, unless an abbreviation or initial ends
    there ("Mr. Seat", "John F. Dulles", "U.S. forces") or a lowercase word follows."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        after = text[match.end():match.end() + 1]
        if not after or after.islower():
            continue
        before = _WORD_BEFORE.search(text[max(0, match.start() - 30):match.end()])
        word = before.group(1) if before else ""
        if text[match.start()] == "." and (
                len(word) == 1 and word.isalpha() or word.casefold() in _ABBREVIATIONS
                or re.fullmatch(r"(?:\w\.)+\w", word)):
            continue
        starts.append(match.end())
    return starts
