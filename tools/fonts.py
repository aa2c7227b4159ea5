"""`make fonts`: the site's typeface, subset from npm's Fontsource package.

Bricolage Grotesque (SIL Open Font License 1.1), bold, draws the headings, the
wordmark and the key figures. This script installs the pinned package into a
temporary folder with npm, keeps only the characters the site's French and
English texts need, and writes:

    theme/static/fonts/bricolage-grotesque-700.woff2   the web font (published)
    theme/fonts/BricolageGrotesque-Bold.ttf             the same glyphs for the social cards
    theme/templates/partials/wordmark.svg               the wordmark: the name drawn as outlines,
                                                        inlined in the header (currentColor)
    theme/fonts/OFL-BricolageGrotesque.txt, theme/static/fonts/LICENSE-OFL.txt   the licence

and the favicon's PNG for devices that take no SVG icon (theme/static/img/icon-180.png,
the pixels of icon.svg). `make html` only reads these committed files; this script needs npm and the
`fonts` extra (fonttools, brotli).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "@fontsource/bricolage-grotesque@5.3.0"
SOURCE = "files/bricolage-grotesque-latin-700-normal.woff2"
WOFF2 = ROOT / "theme/static/fonts/bricolage-grotesque-700.woff2"
TTF = ROOT / "theme/fonts/BricolageGrotesque-Bold.ttf"
LICENCES = (ROOT / "theme/fonts/OFL-BricolageGrotesque.txt", ROOT / "theme/static/fonts/LICENSE-OFL.txt")
WORDMARK = ROOT / "theme/templates/partials/wordmark.svg"
ICON_PNG = ROOT / "theme/static/img/icon-180.png"
NAME = "Louvre Lens Vallée"

# Printable ASCII and Latin-1 (French accents, « », ², °, ·), Œ œ Ÿ, the typographic
# spaces the build inserts (thin, narrow no-break), dashes, curly quotes, ellipsis,
# bullet, arrows, € and the trade mark sign.
UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), 0x152, 0x153, 0x178,
    0x2009, 0x202F, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A,
    0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x2039, 0x203A, 0x2192, 0x20AC, 0x2122,
]


def fetch_package(folder: Path) -> Path:
    subprocess.run(["npm", "install", "--prefix", str(folder), "--no-save", "--no-audit",
                    "--no-fund", "--ignore-scripts", "--loglevel=error", PACKAGE], check=True)
    return folder / "node_modules" / PACKAGE.rsplit("@", 1)[0]


def subset(source: Path, target: Path, flavor: str | None) -> None:
    from fontTools import subset as ftsubset

    options = ftsubset.Options()
    options.flavor = flavor
    options.layout_features = ["kern", "liga", "calt", "case", "sups", "ordn", "lnum", "tnum"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    options.hinting = False
    options.desubroutinize = True
    font = ftsubset.load_font(str(source), options)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    # The build puts a narrow no-break space before ; : ! ? and inside « »; the
    # family has none: the thin space's glyph serves.
    for table in font["cmap"].tables:
        if table.isUnicode() and 0x2009 in table.cmap:
            table.cmap.setdefault(0x202F, table.cmap[0x2009])
    target.parent.mkdir(parents=True, exist_ok=True)
    ftsubset.save_font(font, str(target), options)


def wordmark(ttf: Path, target: Path) -> None:
    """The name set in the typeface, as one path: no font needed to show it."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(ttf))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    ascent, descent = font["hhea"].ascent, font["hhea"].descent
    pen = SVGPathPen(glyphs, ntos=lambda n: str(round(n)))
    bounds = BoundsPen(glyphs)
    x = 0
    previous = None
    kerning = _kerning(font)
    for char in NAME:
        name = cmap[ord(char)]
        if previous:
            x += kerning.get((previous, name), 0)
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, ascent)))
        glyphs[name].draw(TransformPen(bounds, (1, 0, 0, -1, x, ascent)))
        x += glyphs[name].width
        previous = name
    left, top, right, bottom = (round(v) for v in bounds.bounds)
    width, height = right - left, bottom - top
    target.write_text(
        f'<svg class="wordmark" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{left} {top} {width} {height}" width="{width / height * 28:.0f}" height="28" '
        f'aria-hidden="true" focusable="false">'
        f'<path fill="currentColor" d="{pen.getCommands()}"/></svg>\n', encoding="utf-8")


def icon_png(target: Path, size: int = 180) -> None:
    """theme/static/img/icon.svg drawn in pixels: its 24-unit grid, brick ground,
    two terrils (paths of M, h, v, z commands only)."""
    import re

    from PIL import Image, ImageDraw

    svg = (ROOT / "theme/static/img/icon.svg").read_text(encoding="utf-8")
    ground = re.search(r'<rect[^>]*fill="(#[0-9a-f]{6})"', svg)[1]
    scale = size / 24
    image = Image.new("RGB", (size, size), ground)
    draw = ImageDraw.Draw(image)
    for colour, path in re.findall(r'<path fill="(#[0-9a-f]{6})" d="([^"]+)"', svg):
        tokens = re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?", path)
        points, x, y, index = [], 0.0, 0.0, 0
        while index < len(tokens):
            command = tokens[index]
            if command == "M":
                x, y = float(tokens[index + 1]), float(tokens[index + 2])
                index += 3
            elif command in "hv":
                if command == "h":
                    x += float(tokens[index + 1])
                else:
                    y += float(tokens[index + 1])
                index += 2
            else:  # z
                index += 1
                continue
            points.append((x * scale, y * scale))
        draw.polygon(points, fill=colour)
    image.save(target, "PNG", optimize=True)


def _kerning(font) -> dict[tuple[str, str], int]:
    """Pair kerning from the GPOS table's format-1 pair adjustments (enough for a name)."""
    pairs = {}
    if "GPOS" not in font:
        return pairs
    for lookup in font["GPOS"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            if getattr(sub, "LookupType", None) != 2 or sub.Format != 1:
                continue
            for first, pairset in zip(sub.Coverage.glyphs, sub.PairSet):
                for record in pairset.PairValueRecord:
                    value = record.Value1
                    if value is not None and getattr(value, "XAdvance", 0):
                        pairs[(first, record.SecondGlyph)] = value.XAdvance
    return pairs


def main() -> int:
    try:
        import brotli  # noqa: F401  (WOFF2)
        import fontTools  # noqa: F401
    except ImportError:
        print("make fonts needs the `fonts` extra: .venv/bin/pip install fonttools brotli",
              file=sys.stderr)
        return 1
    if shutil.which("npm") is None:
        print("make fonts needs npm (Debian: apt-get install npm)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        package = fetch_package(Path(folder))
        subset(package / SOURCE, WOFF2, "woff2")
        subset(package / SOURCE, TTF, None)
        for licence in LICENCES:
            shutil.copyfile(package / "LICENSE", licence)
    wordmark(TTF, WORDMARK)
    icon_png(ICON_PNG)
    for path in (WOFF2, TTF, WORDMARK, ICON_PNG):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
