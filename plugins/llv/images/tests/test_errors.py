"""Every image that cannot be decoded is reported as one line naming the file
that uses it (and the line), then the image, whatever its format and defect:
truncated, decompression bomb (pixels or text chunks), wrong extension; for a
Markdown picture or a logo, in the build and in `make check` alike."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from llv.images.sources import Limits
from llv.images.tests.test_metadata import png_chunk, png_with
from llv.images.tests.test_pipeline import ORIGIN, pipeline_in, png_claiming

BOMB = zlib.compress(b"\0" * 40_000_000, 9)


def encoded(fmt: str, size=(400, 300)) -> bytes:
    buffer = io.BytesIO()
    image = Image.effect_noise(size, 40).convert("RGB")
    image.save(buffer, fmt, **({"quality": 90} if fmt in ("JPEG", "WEBP") else {}))
    return buffer.getvalue()


def truncated(fmt: str) -> bytes:
    data = encoded(fmt)
    return data[: len(data) * 2 // 3]


def webp_claiming(width: int, height: int) -> bytes:
    """A lossless WebP whose header claims width×height pixels."""
    payload = b"\x2f" + struct.pack("<I", (width - 1) | ((height - 1) << 14)) + b"\0" * 64
    body = b"WEBPVP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def gif_claiming(width: int, height: int) -> bytes:
    return (b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b"\x2c"
            + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x02\x44\x01\x00\x3b")


CORRUPT = "corrupt or truncated"
TOO_LARGE = "the image is too large"
CHUNK_BOMB = "decompresses to too much data (possibly a decompression bomb)"
CASES = [
    ("cut.jpg", lambda: truncated("JPEG"), CORRUPT),
    ("cut.png", lambda: truncated("PNG"), CORRUPT),
    ("cut.webp", lambda: truncated("WEBP"), CORRUPT),
    ("header-only.webp", lambda: encoded("WEBP")[:40], CORRUPT),
    ("cut.gif", lambda: truncated("GIF")[:20], "cannot be read as an image"),
    ("bomb.png", lambda: png_claiming(100_000, 100_000), TOO_LARGE),
    ("bomb.webp", lambda: webp_claiming(16384, 16384), TOO_LARGE),
    ("bomb.gif", lambda: gif_claiming(65535, 65535), TOO_LARGE),
    ("ztxt.png", lambda: png_with(png_chunk(b"zTXt", b"Comment\0\0" + BOMB)), CHUNK_BOMB),
    ("itxt.png", lambda: png_with(png_chunk(b"iTXt", b"Comment\0\x01\0\0\0" + BOMB)), CHUNK_BOMB),
    ("iccp.png", lambda: png_with(png_chunk(b"iCCP", b"icc\0\0" + BOMB)), CHUNK_BOMB),
    ("text.png", lambda: b"not an image, a text\n" * 20, "cannot be read as an image"),
    ("animation.png", lambda: encoded("GIF"), "unsupported format GIF"),
    ("photo.svg", lambda: encoded("JPEG"), "not a readable SVG file"),
]


@pytest.mark.parametrize("name,make,message", CASES, ids=[case[0] for case in CASES])
@pytest.mark.parametrize("role", ["photo", "logo"])
def test_an_image_that_cannot_be_decoded_names_the_file_using_it(tmp_path, name, make, message,
                                                                 role):
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / name).write_bytes(make())
    limits = Limits(max_bytes=20_000_000, max_pixels=50_000_000)
    expected = f"{ORIGIN}: content/images/{name}: "
    for run in ("build", "check"):
        pipeline = pipeline_in(tmp_path, limits=limits)
        pipeline.picture(f"images/{name}", "Texte", role=role, origin=ORIGIN)
        if run == "build":
            pipeline.run(tmp_path / "out")
        else:
            pipeline.verify()
        assert len(pipeline.errors) == 1, (run, pipeline.errors)
        [error] = pipeline.errors
        assert error.startswith(expected) and message in error, (run, error)
        assert "Traceback" not in error and str(tmp_path) not in error


def test_a_static_image_decoded_but_broken_inside_is_refused_by_check_and_build(tmp_path):
    """Pillow reads a JPEG whose segments are followed by stray bytes; its
    metadata cannot be taken out safely: both runs say so."""
    from types import SimpleNamespace

    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    data = encoded("JPEG")
    at = data.index(b"\xff\xdb")
    (images / "stray.jpg").write_bytes(data[:at] + b"\x00garbage" + data[at:])
    for run in ("build", "check"):
        pipeline = pipeline_in(tmp_path)
        pipeline.plan_static("images/stray.jpg", SimpleNamespace(save_as="images/stray.jpg"),
                             [ORIGIN])
        pipeline.run(tmp_path / "out") if run == "build" else pipeline.verify()
        assert pipeline.errors == [f"{ORIGIN}: content/images/stray.jpg: the image is corrupt"
                                   " (a JPEG segment does not start with a marker);"
                                   " export it again"], run
