"""Hyphenation patterns for FOP, made from the LibreOffice dictionaries that pyphen ships.

In: a language as FOP asks for it ("en", "de", "en_GB": the FO's language, and its country if
any). Out: the patterns of pyphen's dictionary for that language in FOP's XML format
(`<hyphenation-info>`), which FOP compiles once per process at first use. FOP's own patterns
are not in Debian; LibreOffice's hyph_*.dic are Liang patterns, as FOP's are, in another
syntax: a first line naming the charset, then keywords (LEFTHYPHENMIN 2, NOHYPHEN -, ...) and
one pattern a line, `%` and `#` lines being comments.

Refused, that is left out: patterns with a `/` (libhyphen's non-standard hyphenation, which
changes letters at the break, as Hungarian "ssz" to "sz-sz": FOP breaks only between letters),
and a dictionary's first levels where it has several (NEXTLEVEL): libhyphen breaks compounds by
the first and syllables by the last, FOP has one level, and the last alone is the TeX patterns
the dictionary was made from. The minimum letters before and after a break (LEFTHYPHENMIN,
RIGHTHYPHENMIN) have no place in FOP's format: the FO sets them (hyphenation-remain- and
-push-character-count). No <classes>: FOP then takes its own, Unicode's letters with their
lower case, so a word with a letter no pattern names is still hyphenated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

#: The keywords of libhyphen's dictionaries: settings, never patterns.
KEYWORDS = frozenset({"LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN",
                      "NOHYPHEN", "NEXTLEVEL"})


@dataclass(frozen=True)
class Dictionary:
    patterns: tuple[str, ...]
    #: The dictionary's settings (LEFTHYPHENMIN and so on), by keyword, as written.
    settings: dict[str, str]


def read_dic(data: bytes) -> Dictionary:
    """The standard patterns of the last level of a libhyphen dictionary, and its settings."""
    first, _, rest = data.partition(b"\n")
    try:
        text = rest.decode(first.decode("ascii").strip() or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        raise ValueError(f"not a hyphenation dictionary (charset line {first[:40]!r}): {exc}") from None
    patterns: list[str] = []
    settings: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "%#":
            continue
        keyword, _, value = line.partition(" ")
        if keyword in KEYWORDS:
            if keyword == "NEXTLEVEL":
                patterns.clear()
            else:
                settings[keyword] = value.strip()
        elif "/" not in line:
            patterns.append(line.split()[0])
    return Dictionary(tuple(patterns), settings)


def fop_xml(dictionary: Dictionary) -> bytes:
    """The dictionary in FOP's hyphenation pattern format."""
    root = etree.Element("hyphenation-info")
    etree.SubElement(root, "hyphen-char", value="-")
    etree.SubElement(root, "patterns").text = "\n".join(dictionary.patterns)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def dictionary_path(language: str) -> Path | None:
    """pyphen's dictionary for "en", "en_US" or "en-US", if it has one."""
    import pyphen  # here: a process that prints nothing never needs it
    found = pyphen.language_fallback(language.replace("-", "_"))
    return Path(str(pyphen.LANGUAGES[found])) if found else None


def patterns_for(language: str) -> bytes | None:
    """FOP's patterns for a language, or None where pyphen has no dictionary for it."""
    path = dictionary_path(language)
    return fop_xml(read_dic(path.read_bytes())) if path else None
