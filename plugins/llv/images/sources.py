"""Original images as editors reference them, checked before anything is done.

A reference is a path relative to `content/` (`images/batiment.jpg`); the
checks give one clear message per mistake: missing file, path leaving
`content/`, unsupported format, unreadable file, image over the size limits
(decompression bombs included).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from llv.common.files import FileRefused, inside, read_bytes
from llv.images.svg import SvgError, sanitize_svg

RASTER_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
ACCEPTED = "JPEG, PNG, WebP or SVG"
_PREFIXES = ("{static}", "{attach}", "{filename}")


class ImageSourceError(ValueError):
    """A mistake in an image reference, said in words an editor can act on."""


@dataclass(frozen=True)
class Origin:
    """Where an image is referenced: `content/news/x.fr.md:12: image`."""

    path: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}" if self.field else where


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class SourceInfo:
    path: Path  # absolute path of the original
    relative: str  # as under content/: images/batiment.jpg
    digest: str  # sha256 of the original's bytes
    format: str  # JPEG, PNG, WEBP or SVG
    width: float  # after EXIF orientation
    height: float
    has_alpha: bool
    size: int  # bytes
    svg: bytes | None = None  # the sanitised SVG

    @property
    def stem(self) -> str:
        return self.path.stem


def normalize_reference(reference) -> str:
    text = str(reference or "").strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.lstrip("/")


def resolve_reference(content_dir: Path, reference) -> tuple[Path, str]:
    raw = str(reference or "").strip()
    if not raw:
        raise ImageSourceError("no image path given")
    if "://" in raw or raw.startswith(("//", "data:")):
        raise ImageSourceError(
            f"`{raw}` is not a file of the site: put the image in content/images/"
            " and write its path relative to content/, like `images/batiment.jpg`")
    relative = normalize_reference(raw)
    root = content_dir.resolve()
    named = Path(os.path.normpath(root / relative))
    if not named.is_relative_to(root):
        raise ImageSourceError(
            f"`{raw}` leaves the content/ folder: images must be inside content/,"
            " like `images/batiment.jpg`")
    relative = named.relative_to(root).as_posix()
    if not os.path.lexists(named):
        raise ImageSourceError(f"no file content/{relative}{_did_you_mean(named, root)}")
    try:
        return inside(named, root), relative
    except FileRefused as error:
        raise ImageSourceError(f"content/{relative}: {error}") from None


def _did_you_mean(path: Path, root: Path) -> str:
    if not path.parent.is_dir():
        return " (its folder does not exist either)"
    names = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    match = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
    if match:
        return f" (did you mean `{(path.parent / match[0]).relative_to(root).as_posix()}`?)"
    return ""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def unreadable(error: Exception) -> str:
    """What a decoder's error means to an editor."""
    if isinstance(error, ValueError) and "Decompressed data too large" in str(error):
        return ("the image holds a text or colour-profile chunk that decompresses to too much"
                " data (possibly a decompression bomb); export it again without metadata")
    return f"the image is corrupt or truncated ({error or type(error).__name__}); export it again"


def open_raster(data: bytes, max_pixels: int) -> Image.Image:
    """Open image bytes lazily, refusing decompression bombs before decoding."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            # Over the limit: refused below, with the dimensions; over twice
            # the limit, Pillow refuses before reading anything more.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageSourceError(
            f"the image is too large: its dimensions go over {max_pixels:,} pixels"
            " (possibly a decompression bomb); export it smaller (2400 pixels wide is plenty)") from None
    except UnidentifiedImageError:
        raise ImageSourceError(
            "the file cannot be read as an image (corrupt, or not an image):"
            f" export it again as {ACCEPTED}") from None
    except Exception as error:  # decoders raise many kinds of errors on broken files
        raise ImageSourceError(unreadable(error)) from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    width, height = image.size
    if width * height > max_pixels:
        raise ImageSourceError(
            f"the image is too large: {width}×{height} pixels is over the limit of"
            f" {max_pixels:,} pixels; export it smaller (2400 pixels wide is plenty)")
    return image


def inspect_source(content_dir: Path, reference, limits: Limits) -> SourceInfo:
    path, relative = resolve_reference(content_dir, reference)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ImageSourceError(
            f"content/{relative} weighs {_megabytes(size)}, over the limit of"
            f" {_megabytes(limits.max_bytes)}: export it smaller")
    try:
        data = read_bytes(path, content_dir, limits.max_bytes)
    except FileRefused as error:
        raise ImageSourceError(f"content/{relative}: {error}") from None
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".svg":
        try:
            clean = sanitize_svg(data)
        except SvgError as error:
            raise ImageSourceError(f"content/{relative}: {error}") from None
        return SourceInfo(path, relative, digest, "SVG", clean.width, clean.height,
                          True, size, clean.data)
    try:
        image = open_raster(data, limits.max_pixels)
    except ImageSourceError as error:
        raise ImageSourceError(f"content/{relative}: {error}") from None
    if image.format not in RASTER_FORMATS:
        raise ImageSourceError(
            f"content/{relative}: unsupported format {image.format};"
            f" use {ACCEPTED}")
    if getattr(image, "n_frames", 1) > 1:
        raise ImageSourceError(
            f"content/{relative}: animated images are not supported; use a still {ACCEPTED}")
    try:
        image.verify()
        image = open_raster(data, limits.max_pixels)
    except ImageSourceError:
        raise
    except Exception as error:  # Pillow raises many kinds of errors on broken files
        raise ImageSourceError(f"content/{relative}: {unreadable(error)}") from None
    width, height = image.size
    if _rotated(image):
        width, height = height, width
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info
    return SourceInfo(path, relative, digest, image.format, width, height, has_alpha, size)


# Images published as they are ({static}, {attach}): the extension decides the
# type browsers are told, so it must say what the file holds.
STATIC_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF",
                  "avif": "AVIF"}


def inspect_static(content_dir: Path, reference, limits: Limits) -> tuple[Path, str, str, str]:
    """(path, relative path, sha256, Pillow's format) of an image linked with
    {static}/{attach}; ImageSourceError when it is not one to publish."""
    path, relative = resolve_reference(content_dir, reference)
    try:
        data = read_bytes(path, content_dir, limits.max_bytes)
    except FileRefused as error:
        raise ImageSourceError(f"content/{relative}: {error}") from None
    try:
        image = open_raster(data, limits.max_pixels)
    except ImageSourceError as error:
        raise ImageSourceError(f"content/{relative}: {error}") from None
    expected = STATIC_FORMATS[path.suffix.lower().lstrip(".")]
    if image.format != expected:
        extension = next(e for e, f in STATIC_FORMATS.items() if f == image.format) \
            if image.format in STATIC_FORMATS.values() else None
        advice = (f"rename it .{extension}" if extension
                  else f"export it again as {expected.replace('WEBP', 'WebP')}")
        raise ImageSourceError(
            f"content/{relative}: the file is a {image.format} image, not what its extension"
            f" .{path.suffix.lower().lstrip('.')} says: {advice}")
    return path, relative, hashlib.sha256(data).hexdigest(), image.format


def _rotated(image: Image.Image) -> bool:
    """True when the EXIF orientation swaps width and height."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:
        return False
    return orientation in (5, 6, 7, 8)
