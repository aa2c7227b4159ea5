"""The palette's contrast ratios, recomputed from the stylesheet (light and dark)."""

import re

import pytest

from tests.sitetools import ROOT

CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
VARIABLE = re.compile(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})")


def _palettes():
    light = dict(VARIABLE.findall(CSS.split("@media (prefers-color-scheme: dark)")[0]))
    dark_block = CSS.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0]
    return {"light": light, "dark": {**light, **dict(VARIABLE.findall(dark_block))}}


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_and_focus_colours_contrast_with_every_background(scheme):
    palette = _palettes()[scheme]
    for background in ("paper", "panel"):
        # text, links, and the second accent (events and calls) set apart from news
        for text in ("ink", "muted", "accent", "events"):
            ratio = contrast(palette[text], palette[background])
            assert ratio >= 4.5, f"{scheme}: --{text} on --{background} is {ratio:.2f}:1"
        ratio = contrast(palette["focus"], palette[background])
        assert ratio >= 3, f"{scheme}: focus ring on --{background} is {ratio:.2f}:1"
    # the buttons: text on each accent
    for accent in ("accent", "events"):
        ratio = contrast(palette[f"{accent}-ink"], palette[accent])
        assert ratio >= 4.5, f"{scheme}: text on --{accent} is {ratio:.2f}:1"


def test_the_two_accents_are_told_apart():
    """Events and calls do not wear the news' colour (and not by hue alone: the
    cards also differ by their label, the kind of event)."""
    for scheme, palette in _palettes().items():
        assert palette["accent"].lower() != palette["events"].lower(), scheme
