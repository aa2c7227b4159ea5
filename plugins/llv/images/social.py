"""Social cards (Open Graph / X cards): 1200×630 PNG drawn from a page's title.

The site's identity: chalk-white background, brick and coal, the name and the
title in Bricolage Grotesque (DejaVu for a title with a letter it lacks), the
kind of page (localised), the twin pixel terrils of the motif, and the title
wrapped on at most four lines.
The bytes depend only on the texts and the fonts: no date, no metadata.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

CARD_WIDTH, CARD_HEIGHT = 1200, 630
CARD_DESIGN_VERSION = "5"
MARGIN = 80

# theme/static/css/site.css, light scheme
BACKGROUND = (251, 248, 243)  # --paper
ACCENT = (163, 58, 28)  # --accent, brick
EVENTS = (45, 69, 181)  # --events, the digital blue
INK = (31, 26, 23)  # --ink, coal
MUTED = (89, 78, 71)  # --muted
LINE = (217, 207, 194)  # --line

REGULAR_FONT = "DejaVuSans.ttf"
BOLD_FONT = "DejaVuSans-Bold.ttf"
DISPLAY_FONT = "BricolageGrotesque-Bold.ttf"  # subset by `make fonts`

# The motif (theme/templates/partials/motif.html): each terril as its columns'
# heights, in cells; (first column, heights).
NEAR_TERRIL = (0, (1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1))
FAR_TERRIL = (13, (1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2))


@dataclass(frozen=True)
class CardText:
    site_name: str
    tagline: str
    kind: str  # localised: "Actualité", "Start-up"…
    title: str
    domain: str  # shown at the bottom: louvrelensvallee.com
    font_dir: str


@lru_cache(maxsize=32)
def _font(font_dir: str, name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(Path(font_dir, name)), size)


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """Every colour a card can hold: 16 steps between each ink and what it is
    drawn on (antialiased edges). A card in these 1-byte colours is encoded 3×
    faster and weighs 2.5× less than in RGB, with no visible difference."""
    pairs = ((BACKGROUND, INK), (BACKGROUND, ACCENT), (BACKGROUND, MUTED),
             (BACKGROUND, LINE), (BACKGROUND, EVENTS), (ACCENT, (255, 255, 255)))
    colours: list[tuple[int, ...]] = []
    for start, end in pairs:
        for step in range(16):
            colour = tuple(round(a + (b - a) * step / 15) for a, b in zip(start, end))
            if colour not in colours:
                colours.append(colour)
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


@lru_cache(maxsize=16)
def _frame(site_name: str, tagline: str, kind: str, domain: str, font_dir: str) -> Image.Image:
    """Everything but the title, shared by the cards of one kind and language."""
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_WIDTH, 12), fill=ACCENT)
    _draw_terrils(draw, right=CARD_WIDTH - MARGIN, bottom=160, cell=10)

    site_font = _font(font_dir, _display(font_dir, site_name), 40)
    draw.text((MARGIN, 60), site_name, font=site_font, fill=INK)
    tagline_font = _font(font_dir, REGULAR_FONT, 22)
    draw.text((MARGIN, 112), wrap(tagline, tagline_font, CARD_WIDTH - 2 * MARGIN - 300)[0],
              font=tagline_font, fill=MUTED)

    kind_font = _font(font_dir, BOLD_FONT, 26)
    kind_top = 196
    kind_width = int(kind_font.getlength(kind.upper()))
    draw.rounded_rectangle((MARGIN - 4, kind_top - 8, MARGIN + kind_width + 28, kind_top + 40),
                           radius=6, fill=ACCENT)
    draw.text((MARGIN + 12, kind_top), kind.upper(), font=kind_font, fill=(255, 255, 255))

    domain_font = _font(font_dir, REGULAR_FONT, 24)
    draw.line((MARGIN, CARD_HEIGHT - 84, CARD_WIDTH - MARGIN, CARD_HEIGHT - 84), fill=LINE, width=2)
    draw.text((MARGIN, CARD_HEIGHT - 66), domain, font=domain_font, fill=MUTED)
    return image


def _draw_terrils(draw: ImageDraw.ImageDraw, right: int, bottom: int, cell: int) -> None:
    """The motif, top right: the far terril in blue, the near one in brick."""
    columns = max(first + len(heights) for first, heights in (NEAR_TERRIL, FAR_TERRIL))
    left = right - columns * cell
    for (first, heights), colour in ((FAR_TERRIL, EVENTS), (NEAR_TERRIL, ACCENT)):
        for offset, height in enumerate(heights):
            x = left + (first + offset) * cell
            draw.rectangle((x, bottom - height * cell, x + cell - 1, bottom - 1), fill=colour)


@lru_cache(maxsize=4096)
def _has_glyph(font_dir: str, char: str) -> bool:
    """Whether the display font draws `char` (a missing letter draws as the empty box)."""
    font = _font(font_dir, DISPLAY_FONT, 20)

    def drawn(text: str) -> bytes:
        image = Image.new("L", (40, 40))
        ImageDraw.Draw(image).text((5, 5), text, font=font, fill=255)
        return image.tobytes()

    return char.isspace() or drawn(char) != drawn("\ue000")


def _display(font_dir: str, text: str) -> str:
    """Bricolage Grotesque when it has every letter of `text`, else DejaVu Sans Bold."""
    if not Path(font_dir, DISPLAY_FONT).is_file():
        return BOLD_FONT
    return DISPLAY_FONT if all(_has_glyph(font_dir, c) for c in set(text)) else BOLD_FONT


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):  # no-break spaces (« French Touch ») keep words together
        if not word:
            continue
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _fit_title(card: CardText, width: int, height: int):
    """The largest title size whose wrapped lines fit; an ellipsis as last resort."""
    face = _display(card.font_dir, card.title)
    for size in (68, 60, 52, 46):
        font = _font(card.font_dir, face, size)
        lines = wrap(card.title, font, width)
        if len(lines) * int(size * 1.18) <= height and all(
                font.getlength(line) <= width for line in lines):
            return font, lines
    max_lines = max(1, height // int(font.size * 1.18))
    lines = wrap(card.title, font, width)[:max_lines]
    last = lines[-1]
    while last and font.getlength(last + " …") > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + " …"
    return font, lines


def render_card(card: CardText) -> bytes:
    image = _frame(card.site_name, card.tagline, card.kind, card.domain, card.font_dir).copy()
    draw = ImageDraw.Draw(image)
    font, lines = _fit_title(card, CARD_WIDTH - 2 * MARGIN, 256)
    line_height = int(font.size * 1.18)
    top = 276
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=INK)

    buffer = io.BytesIO()
    # zlib level 3, not `optimize`: 15× faster for 40 % more bytes (about 20 KB
    # a card, read by link previews only), and a site of thousands of pages
    # draws thousands of cards on a cold cache
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(
        buffer, "PNG", compress_level=3)
    return buffer.getvalue()
