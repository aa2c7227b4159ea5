"""The work done on a cache miss, in a worker process: decode, resize, encode.

Every job writes its files into a fresh folder of the cache and renames it to
its key when complete: a folder named after a key is always a finished result,
whatever happened to an earlier build.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageOps

from llv.images.metadata import STRIPPERS, StripError, strip_metadata
from llv.images.sources import ImageSourceError, open_raster, unreadable

# Bump when the processing changes in a way that changes output bytes.
PIPELINE_VERSION = "2"

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg",
              "png": "image/png", "svg": "image/svg+xml"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "svg": "svg"}


@dataclass(frozen=True)
class Encoding:
    avif_quality: int = 55
    avif_speed: int = 7
    webp_quality: int = 78
    jpeg_quality: int = 80


@dataclass(frozen=True)
class RasterJob:
    key: str
    source: str  # absolute path of the original
    relative: str  # as under content/, for messages
    digest: str  # sha256 the original had when it was inspected
    role: str  # "photo" or "logo"
    sizes: tuple[tuple[int, int], ...]  # (width, height) of each variant
    formats: tuple[str, ...]  # e.g. ("avif", "webp", "jpeg")
    max_pixels: int
    encoding: Encoding
    threads: int = 1


@dataclass(frozen=True)
class StaticJob:
    """An image linked with {static} / {attach}: published as it is, without
    its metadata (`metadata.py`; an AVIF, whose container cannot be rebuilt
    that way, is encoded again)."""

    key: str
    source: str
    relative: str
    digest: str
    format: str  # Pillow's name: JPEG, PNG, WEBP, GIF, AVIF
    max_pixels: int

    name = "image"


@dataclass(frozen=True)
class FileJob:
    """Bytes already prepared (a sanitised SVG) stored under their key."""

    key: str
    name: str
    data: bytes


@dataclass(frozen=True)
class CardJob:
    key: str
    card: object  # social.CardText

    name = "card.png"


def variant_file(width: int, fmt: str) -> str:
    return f"{width}.{EXTENSIONS[fmt]}"


def run_job(job, cache_dir: str) -> str | None:
    """Do one job into the cache; None when done, else the editor-facing error."""
    final = Path(cache_dir, job.key[:2], job.key)
    if final.is_dir():
        return None
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{job.key[:10]}-", dir=final.parent))
    try:
        if isinstance(job, RasterJob):
            _process_raster(job, work)
        elif isinstance(job, StaticJob):
            (work / job.name).write_bytes(_clean_static(job))
        elif isinstance(job, CardJob):
            from llv.images.social import render_card
            (work / job.name).write_bytes(render_card(job.card))
        else:
            (work / job.name).write_bytes(job.data)
        try:
            os.rename(work, final)
        except OSError:  # another build finished the same key first
            if not final.is_dir():
                raise
    except Exception as error:  # decoders raise many kinds of errors on broken files
        return _problem(job, error)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return None


def _problem(job, error: Exception) -> str:
    """The editor-facing message of `error`, naming the original."""
    if isinstance(error, ImageSourceError):
        message = str(error)
    else:  # an OSError's strerror: no path of the machine
        detail = error.strerror if isinstance(error, OSError) and error.strerror else error
        message = f"the image cannot be processed ({type(error).__name__}: {detail}); export it again"
    relative = getattr(job, "relative", None)
    return f"content/{relative}: {message}" if relative else message


def _read(job) -> bytes:
    data = Path(job.source).read_bytes()
    if hashlib.sha256(data).hexdigest() != job.digest:
        raise ImageSourceError("the file changed during the build; build again")
    return data


def decode(job, data: bytes | None = None) -> Image.Image:
    """The original of `job`, decoded whole (a truncated file fails here)."""
    image = open_raster(_read(job) if data is None else data, job.max_pixels)
    try:
        image.load()
    except Exception as error:  # decoders raise many kinds of errors on broken files
        raise ImageSourceError(unreadable(error)) from None
    return image


def decode_problem(job) -> str | None:
    """What decoding the original of `job` runs into, or None (for `make check`)."""
    try:
        _clean_static(job) if isinstance(job, StaticJob) else decode(job)
    except Exception as error:  # decoders raise many kinds of errors on broken files
        return _problem(job, error)
    return None


def _clean_static(job: StaticJob) -> bytes:
    data = _read(job)
    image = decode(job, data)
    if job.format in STRIPPERS:
        try:
            return strip_metadata(data, job.format)
        except StripError as error:
            raise ImageSourceError(f"the image is corrupt ({error}); export it again") from None
    if getattr(image, "n_frames", 1) > 1:
        raise ImageSourceError(f"an animated {job.format} image cannot be published;"
                               " use an animated GIF or WebP")
    image = _flatten_mode(to_srgb(image))
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, job.format, quality=90)
    return buffer.getvalue()


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def to_srgb(image: Image.Image) -> Image.Image:
    """`image` converted from its colour profile to sRGB (what browsers assume
    of an image without one); the profile, which may weigh megabytes, is not kept."""
    icc_profile = image.info.get("icc_profile")
    if not icc_profile:
        return image
    info = {k: v for k, v in image.info.items() if k != "icc_profile"}
    if image.mode != "CMYK":
        image = _flatten_mode(image)
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        colours = image.convert("RGB") if image.mode == "RGBA" else image
        converted = ImageCms.profileToProfile(colours, source, _SRGB, outputMode="RGB")
        if image.mode == "RGBA":
            converted.putalpha(image.getchannel("A"))
    except (ImageCms.PyCMSError, OSError, ValueError):
        converted = image  # a profile that cannot be read: the pixels as they are
    converted.info = info
    return converted


def _process_raster(job: RasterJob, work: Path) -> None:
    image = decode(job)
    image = to_srgb(ImageOps.exif_transpose(image))
    if job.role == "logo":
        image = normalize_logo(image, job.sizes[-1])
    else:
        image = _flatten_mode(image)
    image.info = {}  # no EXIF, XMP, comment or text reaches a variant
    for width, height in sorted(job.sizes, reverse=True):
        if image.size != (width, height):
            resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        else:
            resized = image
        for fmt in job.formats:
            _encode(resized, fmt, work / variant_file(width, fmt), job.encoding, job.threads)


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info


def _flatten_mode(image: Image.Image) -> Image.Image:
    if has_alpha(image):
        return image.convert("RGBA")
    return image.convert("RGB") if image.mode != "RGB" else image


def normalize_logo(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """Trim the logo's margins, fit it into `box`, centred; transparency is kept.

    The margin is what is transparent or, on an opaque logo, what has the
    colour of the top-left pixel; an opaque logo is padded with that colour.
    """
    image = _flatten_mode(image)
    if image.mode == "RGBA":
        mask = image.getchannel("A").point(lambda a: 255 if a > 8 else 0)
        background = (0, 0, 0, 0)
    else:
        background = image.getpixel((0, 0))
        difference = ImageChops.difference(image, Image.new("RGB", image.size, background))
        mask = difference.convert("L").point(lambda v: 255 if v > 24 else 0)
    bbox = mask.getbbox()
    if bbox:
        image = image.crop(bbox)
    box_width, box_height = box
    scale = min(box_width / image.width, box_height / image.height)
    fitted = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    image = image.resize(fitted, Image.Resampling.LANCZOS)
    canvas = Image.new(image.mode, box, background)
    canvas.paste(image, ((box_width - fitted[0]) // 2, (box_height - fitted[1]) // 2))
    return canvas


def _encode(image, fmt, target: Path, encoding: Encoding, threads: int) -> None:
    if fmt == "avif":
        image.save(target, "AVIF", quality=encoding.avif_quality, speed=encoding.avif_speed,
                   max_threads=threads)
    elif fmt == "webp":
        image.save(target, "WEBP", quality=encoding.webp_quality, method=4)
    elif fmt == "jpeg":
        image.convert("RGB").save(target, "JPEG", quality=encoding.jpeg_quality,
                                  optimize=True, progressive=True)
    elif fmt == "png":
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        target.write_bytes(buffer.getvalue())
    else:  # pragma: no cover - formats are fixed by the pipeline
        raise ValueError(fmt)
