"""The README a newcomer reads: its two commands on the first screen, its length, its links, and
the two pictures of the edition it shows.

The pictures are made by `docs/make_screenshots.py` (a build with FOP and a browser, too slow for
every test run); here they are only read: each must be named by the README, be there, and be a
whole PNG (every chunk's checksum right, the image data the size its header says) of a sensible
size, neither blank nor heavy for a repository.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PICTURES = ("docs/web-edition.png", "docs/print-edition.png")
PAGES = (README, ROOT / "bench" / "README.md", ROOT / "docs" / "design.md")
FIRST_SCREEN = 40  # lines of a terminal or of a repository's front page above the fold
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


def chunks(data: bytes):
    """(type, body) of each chunk of a PNG file, checking each one's CRC."""
    assert data.startswith(PNG_SIGNATURE), "not a PNG file"
    at = len(PNG_SIGNATURE)
    while at < len(data):
        assert at + 12 <= len(data), "file cut short"
        (length,) = struct.unpack(">I", data[at:at + 4])
        assert at + 12 + length <= len(data), "file cut short"
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"chunk {kind!r} is damaged"
        yield kind, body
        at += 12 + length


def decode(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) pixel rows of an 8-bit, non-interlaced PNG."""
    found = list(chunks(data))
    assert found[0][0] == b"IHDR" and found[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", found[0][1])
    assert depth == 8 and interlace == 0 and colour in CHANNELS
    rows = zlib.decompress(b"".join(body for kind, body in found if kind == b"IDAT"))
    assert len(rows) == height * (1 + width * CHANNELS[colour]), "image data cut short"
    return width, height, rows


def test_readme_is_short_and_opens_with_the_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200
    first_screen = lines[:FIRST_SCREEN]
    assert "    ./setup.sh && python -m pipeline validate && python -m pipeline build" in first_screen
    assert "    ./setup.sh && python -m pytest -n auto" in first_screen


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_local_link_leads_to_a_file(page):
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert local, f"{page.name} links to nothing"
    missing = [link for link in local if not (page.parent / link).exists()]
    assert not missing, f"{page.name} links to missing files: {missing}"


@pytest.mark.parametrize("picture", PICTURES)
def test_readme_shows_the_picture(picture):
    assert re.search(rf"!\[[^\]]+\]\({re.escape(picture)}\)", README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("picture", PICTURES)
def test_picture_is_a_whole_png_of_a_sensible_size(picture):
    path = ROOT / picture
    assert path.is_file(), f"{picture} is missing: run python docs/make_screenshots.py"
    data = path.read_bytes()
    assert 20_000 < len(data) < 200_000, f"{picture} is {len(data)} bytes"
    width, height, rows = decode(data)
    assert 500 <= width <= 1600 and 500 <= height <= 1600
    assert len(set(rows)) > 16, f"{picture} is nearly blank"
