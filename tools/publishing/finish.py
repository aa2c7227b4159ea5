"""Finish a built site in its new folder (before `output` points at it):
precompression and `_headers`, once everything else is written (the search
index included). Its redirects are written before, by the build's process
(`redirects.write_redirects`)."""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import brotli

from llv.common.files import walk_files
from llv.common.outputs import HEADERS_FILE, REDIRECTS_FILE

from . import policy

GENERATED = {HEADERS_FILE, REDIRECTS_FILE}


@dataclass
class FinishStats:
    compressed: int = 0
    bytes_before: int = 0
    bytes_gzip: int = 0
    bytes_brotli: int = 0


def site_files(root: Path) -> list[str]:
    """Every file of the site as a key relative to `root`, sorted."""
    return sorted(relative for relative, _ in walk_files(root))


# Brotli's best level is slow on large files: 12 s for the CMS's 5 MB script,
# for 9 % less than level 9 (0.4 s).
BROTLI_BEST_UP_TO = 1_000_000


def compress(data: bytes) -> dict[str, bytes]:
    """gzip and brotli variants (deterministic bytes: no name, no timestamp)."""
    quality = 11 if len(data) <= BROTLI_BEST_UP_TO else 9
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=quality, mode=brotli.MODE_TEXT),
    }


def cached_compress(data: bytes, cache_dir: Path | None) -> dict[str, bytes]:
    """`compress`, remembered by the content's hash: brotli at quality 11 is slow,
    and a rebuild compresses only the files whose bytes changed."""
    if cache_dir is None:
        return compress(data)
    digest = hashlib.sha256(data).hexdigest()
    folder = cache_dir / digest[:2]
    cached = {suffix: folder / f"{digest}{suffix}" for suffix in (".gz", ".br")}
    if all(path.is_file() for path in cached.values()):
        return {suffix: path.read_bytes() for suffix, path in cached.items()}
    variants = compress(data)
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, packed in variants.items():
        temporary = cached[suffix].with_name(cached[suffix].name + f".{os.getpid()}.tmp")
        temporary.write_bytes(packed)
        os.replace(temporary, cached[suffix])
    return variants


def precompress(root: Path, stats: FinishStats, cache_dir: Path | None = None) -> None:
    for key in site_files(root):
        if key in GENERATED or not policy.is_compressible(key):
            continue
        path = root / key
        data = path.read_bytes()
        variants = {suffix: packed for suffix, packed in cached_compress(data, cache_dir).items()
                    if len(packed) < len(data)}
        for suffix, packed in variants.items():
            path.with_name(path.name + suffix).write_bytes(packed)
        if variants:
            stats.compressed += 1
            stats.bytes_before += len(data)
            stats.bytes_gzip += len(variants.get(".gz", data))
            stats.bytes_brotli += len(variants.get(".br", data))


def url_of(key: str) -> str:
    """The URL a visitor uses for a file: `a/index.html` → `/a/`."""
    if key == "index.html" or key.endswith("/index.html"):
        return "/" + key[: -len("index.html")]
    return "/" + key


def urls_of(key: str) -> list[str]:
    """Every URL a visitor may request the file by: a page at `/a/` is also
    at `/a/index.html`."""
    url = url_of(key)
    return [url, "/" + key] if url != "/" + key else [url]


# Types a host might serve wrongly (feeds named .xml, calendars, manifests).
SPELLED_OUT_TYPES = (".xml", ".atom", ".rss", ".ics", ".webmanifest")


def headers_file(keys: list[str]) -> str:
    """The `_headers` file: security headers for every path, then cache and type rules.

    The security headers every path shares go to `/*`; those that differ (the
    Content-Security-Policy under /admin/ and on the search pages) get one rule
    per folder whose pages agree, else per page, since hosts join repeated
    headers with commas and two policies would both apply. A folder whose files all share one Cache-Control gets a
    single `/folder/*` rule (hosts cap the number of rules); other files get
    one rule each. Content-Type is written only for the types a host may get
    wrong. Rules never overlap on a header. Precompressed variants are left to
    the host, which negotiates compression.
    """
    keys = sorted(k for k in keys if k not in GENERATED and policy.split_encoding(k)[1] is None)
    cache = {key: policy.cache_control(key) for key in keys}
    rules: dict[str, dict[str, str]] = {"/*": dict(policy.SHARED_SECURITY_HEADERS)}

    def rule(path: str, headers: dict[str, str]) -> None:
        rules.setdefault(path, {}).update(headers)

    def typed(key: str) -> dict[str, str]:
        return {"Content-Type": policy.content_type(key)} if key.endswith(SPELLED_OUT_TYPES) else {}

    def walk(folder: str) -> None:
        prefix = folder + "/" if folder else ""
        inside = [k for k in keys if k.startswith(prefix)]
        if folder and len({cache[k] for k in inside}) == 1:
            rule(f"/{folder}/*", {"Cache-Control": cache[inside[0]]})
            for key in inside:
                if typed(key):
                    rule(url_of(key), typed(key))
            return
        direct = [k for k in inside if "/" not in k[len(prefix):]]
        for key in direct:
            for url in urls_of(key):
                rule(url, {**typed(key), "Cache-Control": cache[key]})
        for sub in sorted({k[len(prefix):].split("/", 1)[0] for k in inside if k not in direct}):
            walk(prefix + sub)

    walk("")

    def differing(key: str) -> dict[str, str]:
        return {name: value for name, value in policy.security_headers(key).items()
                if name not in policy.SHARED_SECURITY_HEADERS}

    def secure(folder: str) -> None:
        """One rule for a folder whose pages agree, else for its parts."""
        prefix = folder + "/" if folder else ""
        inside = [k for k in keys if k.startswith(prefix)]
        if folder and len({tuple(differing(k).items()) for k in inside}) == 1:
            rule(f"/{folder}/*", differing(inside[0]))
            return
        direct = [k for k in inside if "/" not in k[len(prefix):]]
        for key in direct:
            for url in urls_of(key):
                rule(url, differing(key))
        for sub in sorted({k[len(prefix):].split("/", 1)[0] for k in inside if k not in direct}):
            secure(prefix + sub)

    secure("")
    lines = ["# Written by tools.build from tools/publishing/policy.py: do not edit."]
    for path, headers in rules.items():
        lines.extend([path, *(f"  {name}: {value}" for name, value in headers.items()), ""])
    return "\n".join(lines)


def finish_site(root: Path, compress_text: bool = True,
                cache_dir: Path | None = None) -> FinishStats:
    """Run inside the new folder of the site, once every other file is written.

    `compress_text` (the PRECOMPRESS setting, on for `make publish`) writes the
    .gz/.br variants; `cache_dir` keeps them by content hash across builds.
    """
    stats = FinishStats()
    if compress_text:
        precompress(root, stats, cache_dir)
    (root / HEADERS_FILE).write_text(headers_file(site_files(root)),
                                     encoding="utf-8")
    return stats
