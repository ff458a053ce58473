"""Make the README's two pictures from the bundled sources: `docs/web-edition.png` and
`docs/print-edition.png`.

In: the sources in `tei/`, built with this checkout's stylesheets by `python -m pipeline build
--to html,pdf` into a temporary folder. Out: a headless Chromium screenshot (1200 x 900) of the
letter's web page, and the first page of the letter's text (the page numbered 1, past the title
page and the contents) of its PDF, rendered by poppler's `pdftoppm` 1000 pixels high. Run it by
hand after a change to the stylesheets or the sources (`python docs/make_screenshots.py`): the
pictures are committed, and the tests check only that they are there and sound, since making
them takes a build with FOP. It refuses to run without Chromium or pdftoppm, saying which is
missing, rather than leave one picture stale beside a new one. The same checkout on the same
machine gives the same bytes: the PDF is dated by SOURCE_DATE_EPOCH, and Chromium and pdftoppm
draw the same input the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LETTER = "frus1958-60v18-d11"
WINDOW = "1200,900"
PRINT_HEIGHT = "1000"


class ScreenshotError(Exception):
    """A tool the pictures need is missing or failed."""


def tool(name: str, override: str | None = None) -> str:
    path = override or shutil.which(name)
    if not path or not Path(path).exists():
        raise ScreenshotError(f"{name} is not installed: run ./setup.sh")
    return path


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        raise ScreenshotError(f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def build(out: Path) -> None:
    # A fixed date makes FOP's PDF the same at every run, and so the picture of it
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", PYTHONPATH=str(ROOT))
    run([sys.executable, "-m", "pipeline", "build", "--to", "html,pdf", "--out", str(out),
         str(ROOT / "tei")], cwd=ROOT, env=env)


def web_picture(page: Path, picture: Path, profile: Path) -> None:
    chromium = tool("chromium", os.environ.get("CHROMIUM"))
    # --no-sandbox: Chromium's sandbox cannot start as root, as in containers and CI
    run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", f"--window-size={WINDOW}", f"--screenshot={picture}",
         page.as_uri()])


def first_text_page(pdf: Path) -> int:
    """The number, counted from 1, of the PDF page whose folio is 1: where the text begins."""
    text = run([tool("pdftotext"), "-layout", str(pdf), "-"]).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and lines[-1] == "1":
            return number
    raise ScreenshotError(f"{pdf.name} has no page numbered 1")


def print_picture(pdf: Path, picture: Path) -> None:
    page = str(first_text_page(pdf))
    stem = picture.with_suffix("")
    run([tool("pdftoppm"), "-png", "-singlefile", "-f", page, "-l", page,
         "-scale-to", PRINT_HEIGHT, str(pdf), str(stem)])


def main() -> int:
    try:
        tool("chromium", os.environ.get("CHROMIUM"))
        tool("pdftoppm")
        with tempfile.TemporaryDirectory(prefix="teipipe-screenshots-") as tmp:
            out = Path(tmp) / "out"
            build(out)
            web_picture(out / "html" / f"{LETTER}.html", DOCS / "web-edition.png", Path(tmp) / "profile")
            print_picture(out / "pdf" / f"{LETTER}.pdf", DOCS / "print-edition.png")
    except ScreenshotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for picture in ("web-edition.png", "print-edition.png"):
        print(f"wrote {(DOCS / picture).relative_to(ROOT)} ({(DOCS / picture).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
