"""One pipeline for every image: plan while pages render, process once at the end.

While Markdown is read and templates render, `picture()` and `social_card()`
only *plan*: they read the original's header, compute the variants' names and
dimensions (so the markup is final at once) and register a job under a key,
the sha256 of the original's bytes, the parameters and PIPELINE_VERSION.
When the build is finished, the jobs whose key is not in the cache run in a
process pool; then every planned file is hard-linked (or copied) from the
cache into the output. File times are never looked at.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import shutil
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from itertools import repeat
from pathlib import Path
from urllib.parse import urlsplit

from llv.common.hashed_names import variant_name
from llv.common.outputs import IMAGES_FOLDER
from llv.images.processing import (MIME_TYPES, PIPELINE_VERSION, CardJob, Encoding, FileJob,
                         RasterJob, StaticJob, decode_problem, run_job, variant_file)
from llv.images.social import CARD_DESIGN_VERSION, CARD_HEIGHT, CARD_WIDTH, CardText
from llv.images.sources import ImageSourceError, Limits, Origin, SourceInfo, inspect_source, inspect_static

log = logging.getLogger(__name__)

ROLES = ("photo", "logo")


@dataclass(frozen=True)
class ImageConfig:
    content_dir: Path
    cache_dir: Path
    site_url: str = ""
    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    fallback_width: int = 800
    sizes: str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
    logo_box: tuple[int, int] = (320, 160)
    logo_widths: tuple[int, ...] = (160, 320)
    logo_sizes: str = "160px"
    limits: Limits = Limits(max_bytes=20_000_000, max_pixels=50_000_000)
    workers: int = 2
    encoding: Encoding = Encoding()
    font_dir: Path = Path(__file__).resolve().parents[3] / "theme" / "fonts"
    output_folder: str = IMAGES_FOLDER

    @classmethod
    def from_settings(cls, settings) -> "ImageConfig":
        root = Path(settings["PATH"]).resolve()
        default = cls(content_dir=root, cache_dir=root.parent / ".cache" / "images")
        value = settings.get
        return cls(
            content_dir=root,
            cache_dir=Path(value("IMAGE_CACHE_DIR") or default.cache_dir),
            site_url=(value("SITEURL") or "").rstrip("/"),
            widths=tuple(sorted(value("IMAGE_WIDTHS", default.widths))),
            fallback_width=int(value("IMAGE_FALLBACK_WIDTH", default.fallback_width)),
            sizes=value("IMAGE_SIZES", default.sizes),
            logo_box=tuple(value("IMAGE_LOGO_BOX", default.logo_box)),
            logo_widths=tuple(sorted(value("IMAGE_LOGO_WIDTHS", default.logo_widths))),
            logo_sizes=value("IMAGE_LOGO_SIZES", default.logo_sizes),
            limits=Limits(int(value("IMAGE_MAX_BYTES", default.limits.max_bytes)),
                          int(value("IMAGE_MAX_PIXELS", default.limits.max_pixels))),
            workers=max(1, int(value("IMAGE_WORKERS") or os.cpu_count() or 1)),
            font_dir=Path(value("SOCIAL_CARD_FONT_DIR") or default.font_dir),
        )


@dataclass(frozen=True)
class Variant:
    fmt: str
    width: int
    height: int
    path: str  # relative to the site root: images/batiment-0123456789-800.avif
    cache_name: str  # file name inside the key's cache folder


@dataclass(frozen=True)
class PlannedImage:
    key: str
    role: str
    source: SourceInfo
    variants: tuple[Variant, ...]
    fallback: Variant  # the <img src>

    def by_format(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.fmt == fmt]

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(v.fmt for v in self.variants))


@dataclass(frozen=True)
class SocialCard:
    url: str  # absolute with SITEURL, as og:image wants it
    path: str  # relative to the site root
    width: int
    height: int
    alt: str
    type: str = "image/png"


@dataclass
class RunStats:
    processed: int = 0
    cached: int = 0
    failed: int = 0
    files: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"Images: {self.processed} processed, {self.cached} from cache"
                + (f", {self.failed} failed" if self.failed else "")
                + f"; {self.files} files published ({self.seconds:.1f} s)")


def slug(text: str, default: str = "image") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:48].strip("-") or default


def _key(**parts) -> str:
    payload = json.dumps({"version": PIPELINE_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _attributes(attrs: dict) -> str:
    return "".join(f' {name}="{html.escape(str(value), quote=True)}"'
                   for name, value in attrs.items() if value is not None)


class ImagePipeline:
    def __init__(self, config: ImageConfig):
        self.config = config
        self.jobs: dict[str, object] = {}
        self.outputs: dict[str, list[tuple[str, str]]] = {}  # key -> (cache name, output path)
        self.origins: dict[str, dict[Origin, None]] = {}  # key -> where it is used, in order
        self._planned: dict[tuple[str, str], PlannedImage] = {}
        self.errors: list[str] = []
        self._sources: dict[str, SourceInfo | ImageSourceError] = {}
        self._fonts_digest: str | None = None
        # images linked with {static}/{attach}: (key, Pelican's Static), whose
        # save_as is final once the texts are written
        self.static_copies: list[tuple[str, object]] = []

    # --- errors -----------------------------------------------------------------

    def error(self, origin: Origin, message: str) -> None:
        text = f"{origin}: {message.removeprefix(f'{origin}: ')}"
        if text not in self.errors:
            self.errors.append(text)
            log.error("%s", text)

    # --- planning ---------------------------------------------------------------

    def inspect(self, reference) -> SourceInfo:
        cache_key = str(reference)
        found = self._sources.get(cache_key)
        if found is None:
            try:
                found = inspect_source(self.config.content_dir, reference, self.config.limits)
            except ImageSourceError as error:
                found = error
            self._sources[cache_key] = found
        if isinstance(found, ImageSourceError):
            raise found
        return found

    def plan(self, reference, role: str = "photo", origin: Origin | None = None) -> PlannedImage:
        """Names and dimensions of every variant; the work is registered, not done."""
        if role not in ROLES:
            raise ImageSourceError(f"unknown image role `{role}`; expected one of: {', '.join(ROLES)}")
        planned = self._planned.get((str(reference), role))
        if planned is None:
            source = self.inspect(reference)
            if source.format == "SVG":
                planned = self._plan_svg(source, role)
            else:
                planned = self._plan_raster(source, role)
            self._planned[(str(reference), role)] = planned
        if origin is not None:
            self.origins.setdefault(planned.key, {})[origin] = None
        return planned

    def _register(self, key: str, job, variants) -> None:
        self.jobs.setdefault(key, job)
        self.outputs.setdefault(key, [(v.cache_name, v.path) for v in variants])

    def _plan_raster(self, source: SourceInfo, role: str) -> PlannedImage:
        config = self.config
        if role == "logo":
            box_width, box_height = config.logo_box
            sizes = [(w, max(1, round(w * box_height / box_width))) for w in config.logo_widths]
            formats = ("avif", "webp", "png")
            fallback_width = config.logo_widths[0]
        else:
            width, height = int(source.width), int(source.height)
            chosen = [w for w in config.widths if w < width]
            chosen.append(min(width, config.widths[-1]))
            sizes = [(w, max(1, round(height * w / width))) for w in sorted(set(chosen))]
            formats = ("avif", "webp", "png" if source.has_alpha else "jpeg")
            fallback_width = config.fallback_width
        key = _key(digest=source.digest, role=role, sizes=sizes, formats=formats,
                   encoding=asdict(config.encoding))
        stem = slug(source.stem)
        variants = tuple(
            Variant(fmt, w, h, variant_name(f"{config.output_folder}/{stem}", key, w,
                                            variant_file(w, fmt).rsplit(".", 1)[1]),
                    variant_file(w, fmt))
            for w, h in sizes for fmt in formats
        )
        fallbacks = [v for v in variants if v.fmt == formats[-1]]
        fitting = [v for v in fallbacks if v.width <= fallback_width]
        fallback = fitting[-1] if fitting else fallbacks[0]
        job = RasterJob(key, str(source.path), source.relative, source.digest, role,
                        tuple(sizes), formats, config.limits.max_pixels, config.encoding)
        self._register(key, job, variants)
        return PlannedImage(key, role, source, variants, fallback)

    def _plan_svg(self, source: SourceInfo, role: str) -> PlannedImage:
        width, height = source.width, source.height
        if role == "logo":
            box_width, box_height = self.config.logo_box
            scale = min(box_width / width, box_height / height) * (
                self.config.logo_widths[0] / box_width)
            width, height = width * scale, height * scale
        width, height = max(1, round(width)), max(1, round(height))
        key = _key(digest=source.digest, role="svg")
        path = variant_name(f"{self.config.output_folder}/{slug(source.stem)}", key, "vector", "svg")
        variant = Variant("svg", width, height, path, "image.svg")
        self._register(key, FileJob(key, "image.svg", source.svg), [variant])
        return PlannedImage(key, role, source, (variant,), variant)

    def plan_static(self, reference, static, origins) -> None:
        """An image linked with {static}/{attach}, published at `static.save_as`
        (Pelican's Static) without its metadata."""
        path, relative, digest, image_format = inspect_static(
            self.config.content_dir, reference, self.config.limits)
        key = _key(digest=digest, role="static", format=image_format)
        self.jobs.setdefault(key, StaticJob(key, str(path), relative, digest, image_format,
                                            self.config.limits.max_pixels))
        self.outputs.setdefault(key, [])
        self.origins.setdefault(key, {}).update(dict.fromkeys(origins))
        self.static_copies.append((key, static))

    # --- markup -----------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{self.config.site_url}/{path}"

    def picture_parts(self, planned: PlannedImage, alt: str, sizes: str | None,
                      priority: bool) -> tuple[list[dict], dict]:
        """Attributes of each <source> and of the <img>, in markup order."""
        if sizes is None:
            sizes = self.config.logo_sizes if planned.role == "logo" else self.config.sizes
        loading = {"fetchpriority": "high"} if priority else {"loading": "lazy", "decoding": "async"}
        fallback = planned.fallback
        if fallback.fmt == "svg":
            return [], {"src": self.url(fallback.path), "alt": alt, "width": fallback.width,
                        "height": fallback.height, **loading}

        def srcset(fmt):
            return ", ".join(f"{self.url(v.path)} {v.width}w" for v in planned.by_format(fmt))

        sources = [{"type": MIME_TYPES[fmt], "srcset": srcset(fmt), "sizes": sizes}
                   for fmt in planned.formats[:-1]]
        img = {"src": self.url(fallback.path), "srcset": srcset(fallback.fmt), "sizes": sizes,
               "alt": alt, "width": fallback.width, "height": fallback.height, **loading}
        return sources, img

    def picture_html(self, planned: PlannedImage, alt: str, sizes: str | None = None,
                     priority: bool = False) -> str:
        sources, img = self.picture_parts(planned, alt, sizes, priority)
        if not sources:
            return f"<img{_attributes(img)}>"
        inner = "".join(f"<source{_attributes(s)}>" for s in sources)
        return f"<picture>{inner}<img{_attributes(img)}></picture>"

    def picture(self, reference, alt=None, *, sizes: str | None = None, role: str = "photo",
                priority: bool = False, decorative: bool = False,
                origin: Origin | None = None) -> str:
        """The <picture> of an original, or "" after logging the editor's mistake."""
        origin = origin or Origin("template", None, "picture")
        alt_text = (alt or "").strip()
        if decorative and alt_text:
            self.error(origin, "a decorative image has no alt text: remove the text"
                       " or the decorative mark")
            return ""
        if not decorative and not alt_text:
            self.error(origin, f"the image `{reference}` has no alt text: describe what it shows"
                       " (or mark it decorative when it adds no information)")
            return ""
        try:
            planned = self.plan(reference, role, origin)
        except ImageSourceError as error:
            self.error(origin, str(error))
            return ""
        return self.picture_html(planned, alt_text, sizes, priority)

    # --- social cards -----------------------------------------------------------

    def fonts_digest(self) -> str:
        if self._fonts_digest is None:
            digest = hashlib.sha256()
            for path in sorted(self.config.font_dir.glob("*.ttf")):
                digest.update(path.name.encode() + path.read_bytes())
            self._fonts_digest = digest.hexdigest()
        return self._fonts_digest

    def social_card(self, *, site_name: str, tagline: str, kind: str, title: str,
                    domain: str, alt: str, lang: str = "") -> SocialCard:
        title = re.sub(r"[ \t\r\n]+", " ", str(title)).strip()  # no-break spaces stay
        card = CardText(site_name, tagline, kind, title, domain, str(self.config.font_dir))
        key = _key(card={k: v for k, v in asdict(card).items() if k != "font_dir"},
                   fonts=self.fonts_digest(), design=CARD_DESIGN_VERSION)
        name = "-".join(part for part in (lang, slug(card.title, "page")) if part)
        path = variant_name(f"{self.config.output_folder}/social/{name}", key, CARD_WIDTH, "png")
        self.jobs.setdefault(key, CardJob(key, card))
        self.outputs.setdefault(key, [(CardJob.name, path)])
        return SocialCard(self.url(path), path, CARD_WIDTH, CARD_HEIGHT, alt)

    # --- processing -------------------------------------------------------------

    def cached(self, key: str) -> bool:
        return (self.config.cache_dir / key[:2] / key).is_dir()

    def verify(self) -> None:
        """Decode every planned original that is not known good yet, logging
        what the processing would run into (`make check`, which processes
        nothing). Known good: processed already, or decoded before (a marker
        named after the original's sha256 in the cache)."""
        for key in sorted(self.jobs):
            job = self.jobs[key]
            if not isinstance(job, (RasterJob, StaticJob)) or self.cached(key):
                continue
            marker = self.config.cache_dir / "decoded" / job.digest[:2] / job.digest
            if marker.is_file():
                continue
            problem = decode_problem(job)
            if problem:
                for origin in self.origins.get(key) or [Origin("image pipeline")]:
                    self.error(origin, problem)
                continue
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()

    def run(self, output_dir) -> RunStats:
        """Process the cache misses in parallel, then publish every planned file."""
        started = time.perf_counter()
        cache_dir = str(self.config.cache_dir)
        misses = [self.jobs[key] for key in sorted(self.jobs) if not self.cached(key)]
        workers = min(self.config.workers, len(misses))
        if workers > 1:
            # jobs sent in batches: thousands of social cards of ~10 ms each
            batch = max(1, min(32, len(misses) // (workers * 8)))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(run_job, misses, repeat(cache_dir), chunksize=batch))
        else:
            results = [run_job(job, cache_dir) for job in misses]
        failures = {job.key: message for job, message in zip(misses, results) if message}
        for key, message in sorted(failures.items()):
            for origin in self.origins.get(key) or [Origin("image pipeline")]:
                self.error(origin, message)
        stats = RunStats(processed=len(misses) - len(failures),
                         cached=len(self.jobs) - len(misses), failed=len(failures))
        output = Path(output_dir)
        for key, static in self.static_copies:
            self.outputs[key].append((StaticJob.name, static.save_as))
        for key in sorted(self.outputs):
            if key in failures:
                continue
            folder = self.config.cache_dir / key[:2] / key
            for cache_name, path in self.outputs[key]:
                _publish(folder / cache_name, output / path)
                stats.files += 1
        stats.seconds = time.perf_counter() - started
        return stats


def _publish(cached: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def site_domain(settings) -> str:
    configured = settings.get("SOCIAL_CARD_DOMAIN")
    if configured:
        return configured
    return urlsplit(settings.get("SITEURL") or "").netloc or settings.get("SITENAME", "")
