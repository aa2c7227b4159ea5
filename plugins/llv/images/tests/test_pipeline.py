"""The image pipeline on synthetic originals: markup, cache, logos, SVG, errors."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from llv.common.hashed_names import is_hashed
from llv.common.testing import SITE_SETTINGS
from llv.images.pipeline import ImageConfig, ImagePipeline
from llv.images.social import CardText, render_card
from llv.images.sources import Limits, Origin
from llv.images.svg import SvgError, sanitize_svg

FONTS = SITE_SETTINGS.parent / "theme" / "fonts"
ORIGIN = Origin("content/startups/demo.yaml", 7, "logo")


# --- synthetic originals ---------------------------------------------------------


def make_photo(path: Path, size=(2000, 1333), seed=0, **save) -> Path:
    """A photo-like image: gradients, shapes and a little noise."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 30 + seed)
    image = Image.merge("RGB", (gradient, noise, gradient.rotate(90).resize(size)))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 4, height // 4, width // 2, height // 2), fill=(200, 120 + seed, 40))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **({"quality": 92} | save) if path.suffix == ".jpg" else save)
    return path


def make_logo(path: Path, size=(900, 700), margin=(250, 200), opaque=False) -> Path:
    mode, background = ("RGB", (255, 255, 255)) if opaque else ("RGBA", (0, 0, 0, 0))
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    left, top = margin
    draw.rectangle((left, top, size[0] - left - 1, size[1] - top - 1), fill=(11, 93, 122))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width×height pixels (a decompression bomb)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


@pytest.fixture
def tree(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    return tmp_path


def pipeline_in(tree: Path, **overrides) -> ImagePipeline:
    config = ImageConfig(content_dir=tree / "content", cache_dir=tree / "cache",
                         font_dir=FONTS, **overrides)
    return ImagePipeline(config)


def soup(markup: str):
    return BeautifulSoup(markup, "html.parser")


def srcset_entries(value: str) -> list[tuple[str, int]]:
    entries = []
    for part in value.split(","):
        url, width = part.split()
        entries.append((url, int(width.rstrip("w"))))
    return entries


def file_of(output: Path, url: str) -> Path:
    return output / urlsplit(url).path.lstrip("/")


# --- markup ----------------------------------------------------------------------


def test_picture_has_avif_webp_and_jpeg_at_each_width_with_real_dimensions(tree):
    make_photo(tree / "content/images/batiment.jpg", (2000, 1333))
    pipeline = pipeline_in(tree)
    markup = pipeline.picture("images/batiment.jpg", "Le bâtiment", origin=ORIGIN)
    stats = pipeline.run(tree / "out")
    assert stats.processed == 1 and not pipeline.errors
    picture = soup(markup).picture
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = picture.img
    expected_pillow = {"image/avif": "AVIF", "image/webp": "WEBP"}
    for source in sources:
        assert source["sizes"] == pipeline.config.sizes
        entries = srcset_entries(source["srcset"])
        assert [w for _, w in entries] == [480, 800, 1200, 1600]
        for url, width in entries:
            with Image.open(file_of(tree / "out", url)) as image:
                assert image.format == expected_pillow[source["type"]]
                assert image.size == (width, round(1333 * width / 2000))
            assert is_hashed(url)
    assert [w for _, w in srcset_entries(img["srcset"])] == [480, 800, 1200, 1600]
    with Image.open(file_of(tree / "out", img["src"])) as fallback:
        assert fallback.format == "JPEG"
        assert (int(img["width"]), int(img["height"])) == fallback.size
    assert img["alt"] == "Le bâtiment"
    assert img["loading"] == "lazy" and not img.has_attr("fetchpriority")


def test_priority_image_is_eager_with_high_fetch_priority(tree):
    make_photo(tree / "content/images/a.jpg", (1000, 500))
    img = soup(pipeline_in(tree).picture("images/a.jpg", "A", priority=True)).img
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")


def test_small_original_is_never_upscaled(tree):
    make_photo(tree / "content/images/small.jpg", (300, 200))
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture("images/small.jpg", "Petit"))
    pipeline.run(tree / "out")
    for element in [*picture.find_all("source"), picture.img]:
        assert [w for _, w in srcset_entries(element["srcset"])] == [300]
    assert (picture.img["width"], picture.img["height"]) == ("300", "200")


def test_transparent_original_falls_back_to_png_and_keeps_alpha(tree):
    make_logo(tree / "content/images/shape.png", (1000, 800))
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture("images/shape.png", "Forme"))
    pipeline.run(tree / "out")
    assert picture.img["src"].endswith(".png")
    avif = srcset_entries(picture.find("source", type="image/avif")["srcset"])[0][0]
    with Image.open(file_of(tree / "out", avif)) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_exif_rotated_photo_gets_rotated_dimensions(tree):
    path = tree / "content/images/portrait.jpg"
    image = Image.new("RGB", (1200, 800), (90, 120, 150))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when displayed
    image.save(path, exif=exif)
    pipeline = pipeline_in(tree)
    img = soup(pipeline.picture("images/portrait.jpg", "Portrait")).img
    pipeline.run(tree / "out")
    assert (img["width"], img["height"]) == ("800", "1200")
    with Image.open(file_of(tree / "out", img["src"])) as published:
        assert published.size == (800, 1200)
        assert not published.getexif()  # metadata (GPS…) is not published


# --- cache -------------------------------------------------------------------------


def test_second_run_processes_nothing_and_a_changed_source_is_reprocessed(tree):
    make_photo(tree / "content/images/a.jpg", (900, 600))
    make_photo(tree / "content/images/b.jpg", (900, 600), seed=5)

    def build(output):
        pipeline = pipeline_in(tree)
        markups = [pipeline.picture(f"images/{n}.jpg", n) for n in "ab"]
        return pipeline.run(output), markups

    first, markups = build(tree / "out1")
    assert (first.processed, first.cached) == (2, 0)
    second, again = build(tree / "out2")  # output removed: like `make clean`
    assert (second.processed, second.cached) == (0, 2)
    assert again == markups
    published = sorted(p.relative_to(tree / "out1") for p in (tree / "out1").rglob("*.*"))
    assert published == sorted(p.relative_to(tree / "out2") for p in (tree / "out2").rglob("*.*"))
    for relative in published:
        assert (tree / "out1" / relative).read_bytes() == (tree / "out2" / relative).read_bytes()

    make_photo(tree / "content/images/b.jpg", (900, 600), seed=9)  # same name, new bytes
    third, changed = build(tree / "out3")
    assert (third.processed, third.cached) == (1, 1)
    assert changed[0] == markups[0] and changed[1] != markups[1]


def test_file_times_are_not_trusted(tree):
    import os
    path = make_photo(tree / "content/images/a.jpg", (700, 500))
    pipeline = pipeline_in(tree)
    before = pipeline.picture("images/a.jpg", "A")
    pipeline.run(tree / "out")
    stat = path.stat()
    make_photo(path, (700, 500), seed=3)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, new bytes
    again = pipeline_in(tree)
    assert again.picture("images/a.jpg", "A") != before
    assert again.run(tree / "out").processed == 1


# --- logos ---------------------------------------------------------------------------


def test_logo_is_trimmed_and_fitted_into_the_box_keeping_transparency(tree):
    make_logo(tree / "content/images/logo.png", (900, 700), margin=(250, 250))  # 400×200 mark
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture("images/logo.png", "Demo", role="logo"))
    pipeline.run(tree / "out")
    assert (picture.img["width"], picture.img["height"]) == ("160", "80")
    largest = srcset_entries(picture.img["srcset"])[-1][0]
    with Image.open(file_of(tree / "out", largest)) as logo:
        assert logo.size == (320, 160) and logo.mode == "RGBA"
        # the 2:1 mark fills the 2:1 box once its transparent margins are trimmed
        assert logo.getchannel("A").getbbox() == (0, 0, 320, 160)
    make_logo(tree / "content/images/tall.png", (900, 900), margin=(350, 150))  # 200×600
    picture = soup(pipeline.picture("images/tall.png", "Tall", role="logo"))
    pipeline.run(tree / "out")
    with Image.open(file_of(tree / "out", srcset_entries(picture.img["srcset"])[-1][0])) as logo:
        left, top, right, bottom = logo.getchannel("A").getbbox()
        assert (top, bottom) == (0, 160) and right - left == round(160 / 3)
        assert logo.getpixel((0, 0))[3] == 0  # transparent around the mark


def test_opaque_logo_margins_are_trimmed(tree):
    make_logo(tree / "content/images/flat.jpg", (1000, 600), margin=(300, 200), opaque=True)
    pipeline = pipeline_in(tree)
    picture = soup(pipeline.picture("images/flat.jpg", "Flat", role="logo"))
    pipeline.run(tree / "out")
    with Image.open(file_of(tree / "out", picture.img["src"])) as logo:
        assert logo.size == (160, 80)
        dark = logo.convert("L").point(lambda v: 255 if v < 128 else 0)
        assert dark.getbbox() == (0, 0, 160, 80)  # the 400×200 mark fills the box


# --- SVG ------------------------------------------------------------------------------


EVIL_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 200 100" onload="alert(1)">
  <script>alert(2)</script>
  <rect width="200" height="100" fill="#0b5d7a" onclick="alert(3)"/>
  <a xlink:href="javascript:alert(4)"><circle cx="50" cy="50" r="20"/></a>
  <a href="https://example.org/"><circle cx="150" cy="50" r="20"/></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <set attributeName="onmouseover" to="alert(5)"/>
</svg>"""


def test_svg_scripts_handlers_and_javascript_links_are_removed():
    clean = sanitize_svg(EVIL_SVG)
    text = clean.data.decode()
    for forbidden in ("script", "alert", "onload", "onclick", "javascript",
                      "foreignObject", "example.org", "<set"):
        assert forbidden not in text
    assert "<rect" in text and text.count("<circle") == 2
    assert (clean.width, clean.height) == (200, 100)


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
    b"<html><body/></html>",
])
def test_svg_with_entities_or_broken_xml_is_refused(data):
    with pytest.raises(SvgError):
        sanitize_svg(data)


def test_svg_logo_is_published_sanitised_as_an_img(tree):
    (tree / "content/images/logo.svg").write_bytes(EVIL_SVG)
    pipeline = pipeline_in(tree)
    img = soup(pipeline.picture("images/logo.svg", "Demo", role="logo")).find("img")
    pipeline.run(tree / "out")
    assert img.parent.name != "picture" and img["src"].endswith(".svg")
    assert (img["width"], img["height"]) == ("160", "80")
    published = file_of(tree / "out", img["src"]).read_bytes()
    assert b"script" not in published and b"onload" not in published


# --- editors' mistakes -------------------------------------------------------------


def _error_for(tree, reference, alt="Texte", **config):
    pipeline = pipeline_in(tree, **config)
    markup = pipeline.picture(reference, alt, origin=ORIGIN)
    if not pipeline.errors:
        pipeline.run(tree / "out")
    assert markup == "" or pipeline.errors
    assert len(pipeline.errors) == 1, pipeline.errors
    error = pipeline.errors[0]
    assert error.startswith("content/startups/demo.yaml:7: logo: ")
    return error


def test_missing_file_is_named_with_a_suggestion(tree):
    make_photo(tree / "content/images/batiment.jpg", (500, 400))
    error = _error_for(tree, "images/batimen.jpg")
    assert "no file content/images/batimen.jpg" in error
    assert "did you mean `images/batiment.jpg`" in error


def test_corrupt_file_is_refused(tree):
    (tree / "content/images/broken.jpg").write_bytes(b"this is not an image at all" * 10)
    assert "cannot be read as an image" in _error_for(tree, "images/broken.jpg")


def test_truncated_file_is_refused_when_decoded(tree):
    data = make_photo(tree / "content/images/cut.jpg", (800, 600)).read_bytes()
    (tree / "content/images/cut.jpg").write_bytes(data[: len(data) // 2])
    assert "corrupt or truncated" in _error_for(tree, "images/cut.jpg")


@pytest.mark.parametrize("name,fmt", [("anim.gif", "GIF"), ("scan.bmp", "BMP"), ("scan.tif", "TIFF")])
def test_unsupported_format_is_named(tree, name, fmt):
    Image.new("RGB", (50, 50), "red").save(tree / "content/images" / name)
    error = _error_for(tree, f"images/{name}")
    assert f"unsupported format {fmt}" in error and "JPEG, PNG, WebP or SVG" in error


def test_file_over_the_byte_limit_is_refused(tree):
    make_photo(tree / "content/images/heavy.jpg", (800, 600))
    error = _error_for(tree, "images/heavy.jpg", limits=Limits(max_bytes=10_000, max_pixels=10**8))
    assert "over the limit of 0.0 MB" in error or "over the limit" in error


def test_image_over_the_pixel_limit_is_refused(tree):
    make_photo(tree / "content/images/huge.png", (1200, 1000))
    error = _error_for(tree, "images/huge.png", limits=Limits(max_bytes=10**8, max_pixels=1_000_000))
    assert "1200×1000 pixels is over the limit of 1,000,000 pixels" in error


def test_decompression_bomb_is_refused_before_decoding(tree):
    (tree / "content/images/bomb.png").write_bytes(png_claiming(100_000, 100_000))
    error = _error_for(tree, "images/bomb.png")
    assert "too large" in error and "decompression bomb" in error


@pytest.mark.parametrize("reference", ["../secret.jpg", "images/../../secret.jpg", "/../secret.jpg"])
def test_path_leaving_content_is_refused(tree, reference):
    make_photo(tree / "secret.jpg", (100, 100))
    assert "leaves the content/ folder" in _error_for(tree, reference)


def test_external_image_is_refused(tree):
    assert "not a file of the site" in _error_for(tree, "https://example.org/a.jpg")


def test_missing_alt_text_is_refused_unless_decorative(tree):
    make_photo(tree / "content/images/a.jpg", (500, 400))
    assert "has no alt text" in _error_for(tree, "images/a.jpg", alt="  ")
    pipeline = pipeline_in(tree)
    img = soup(pipeline.picture("images/a.jpg", "", decorative=True)).img
    assert img["alt"] == "" and not pipeline.errors


# --- social cards ------------------------------------------------------------------


def test_social_card_is_1200_by_630_and_deterministic():
    card = CardText("Louvre Lens Vallée", "Pôle numérique culturel", "Actualité",
                    "Un titre très long " * 12, "louvrelensvallee.com", str(FONTS))
    data = render_card(card)
    assert render_card(card) == data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630) and image.format == "PNG"
        assert not image.info.keys() - {"dpi", "gamma", "srgb"}  # no dates, no texts


def test_social_cards_are_cached_and_named_by_their_inputs(tree):
    def card(title):
        return pipeline.social_card(site_name="LLV", tagline="Pôle", kind="Page", title=title,
                                    domain="example.org", alt=f"Page : {title}", lang="fr")
    pipeline = pipeline_in(tree)
    first, other = card("À propos"), card("Contact")
    assert first.path != other.path and is_hashed(first.path)
    assert pipeline.run(tree / "out").processed == 2
    with Image.open(tree / "out" / first.path) as image:
        assert image.size == (first.width, first.height) == (1200, 630)
    pipeline = pipeline_in(tree)
    assert card("À propos") == first
    assert pipeline.run(tree / "out").cached == 1


def test_check_image_reports_mistakes_without_processing(tree):
    from llv.images.plugin import check_image
    make_photo(tree / "content/images/a.jpg", (400, 300))
    settings = {"PATH": str(tree / "content"), "IMAGE_CACHE_DIR": str(tree / "cache")}
    assert check_image(settings, "images/a.jpg") is None
    assert "no file content/images/b.jpg" in check_image(settings, "images/b.jpg")
    assert not (tree / "cache").exists()
