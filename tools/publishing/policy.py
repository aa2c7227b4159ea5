"""The HTTP header policy of the published site, written once.

It is applied twice: as the `_headers` file of the built site (the Netlify /
Cloudflare Pages convention) and as object metadata by `tools.deploy`.

Classification rules (by name, never by a list of files):
- a *hashed asset* is a file whose name ends in a content hash of 10 lowercase
  hex digits as the two asset producers write it: `<name>.<hash>.<ext>`
  (llv_assets: `site.849dffa5fd.css`) or `<name>-<hash>-<width>.<ext>`
  (llv_images: `frise-0f6a94d255-800.webp`): the name changes when the bytes
  do, so it is cached for a year, immutable;
- a *document* is what a visitor or a feed reader requests by a stable URL:
  HTML, feeds (`.xml`, `.atom`, `.rss`), calendars (`.ics`), the sitemap,
  `robots.txt`, `.json`, `.webmanifest`: cached briefly and revalidated;
- anything else (a PDF, an unhashed image) is cached for an hour;
- `<file>.gz` and `<file>.br` are precompressed variants of `<file>`: same
  type and caching, plus `Content-Encoding`.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass, field

HASHED_NAME = re.compile(r"(\.[0-9a-f]{10}\.|-[0-9a-f]{10}-[0-9]+\.)[A-Za-z0-9]+$")
ENCODINGS = {".gz": "gzip", ".br": "br"}

IMMUTABLE = "public, max-age=31536000, immutable"
# Browsers revalidate every time (a 304 costs little); a CDN may keep a copy
# five minutes, or until the deploy's purge.
REVALIDATE = "public, max-age=0, s-maxage=300, must-revalidate"
SHORT = "public, max-age=3600"

# No 'unsafe-inline' anywhere: the theme has no inline script or style; a
# script, if one comes, is served from the site itself. JSON-LD blocks are
# data, not scripts, and need no exception.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
])
# The search pages (plugins/llv_search) run Pagefind's WebAssembly: they alone
# may compile WebAssembly ('wasm-unsafe-eval'; scripts still cannot eval).
SEARCH_PAGES = ("recherche/index.html", "en/search/index.html")
SEARCH_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # No includeSubDomains: other hosts of the domain are not ours to force.
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer",
        "microphone", "payment", "usb", "browsing-topics")),
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

UTF8 = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "text/javascript" + UTF8,
    ".mjs": "text/javascript" + UTF8,
    ".json": "application/json" + UTF8,
    ".webmanifest": "application/manifest+json" + UTF8,
    ".xml": "application/xml" + UTF8,
    ".atom": "application/atom+xml" + UTF8,
    ".rss": "application/rss+xml" + UTF8,
    ".ics": "text/calendar" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".svg": "image/svg+xml" + UTF8,
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/vnd.microsoft.icon",
    ".pdf": "application/pdf",
}
# Feeds keep Pelican's names (atom.xml, rss.xml) but are served as feeds.
CONTENT_TYPES_BY_NAME = {
    "atom.xml": CONTENT_TYPES[".atom"],
    "rss.xml": CONTENT_TYPES[".rss"],
}
DOCUMENT_SUFFIXES = {".html", ".xml", ".atom", ".rss", ".ics", ".json", ".webmanifest"}
DOCUMENT_NAMES = {"robots.txt"}
# Worth compressing: text. Images, fonts (woff2 is compressed) and PDFs are not.
COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".xml",
                         ".atom", ".rss", ".ics", ".txt", ".svg"}
# Upload order: a page goes up only once what it references is there, and the
# feeds/sitemap last, once the pages they point to exist.
PHASES = ("assets", "pages", "feeds")


def _split(key: str) -> tuple[str, str | None]:
    for suffix, encoding in ENCODINGS.items():
        if key.endswith(suffix):
            return key[: -len(suffix)], encoding
    return key, None


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_hashed(key: str) -> bool:
    return bool(HASHED_NAME.search(_split(key)[0]))


def is_document(key: str) -> bool:
    name = _split(key)[0].rsplit("/", 1)[-1]
    return not is_hashed(key) and (_suffix(name) in DOCUMENT_SUFFIXES or name in DOCUMENT_NAMES)


def is_compressible(key: str) -> bool:
    return _suffix(key) in COMPRESSIBLE_SUFFIXES


def content_type(key: str) -> str:
    name = _split(key)[0].rsplit("/", 1)[-1]
    if name in CONTENT_TYPES_BY_NAME:
        return CONTENT_TYPES_BY_NAME[name]
    known = CONTENT_TYPES.get(_suffix(name))
    if known:
        return known
    guessed, _ = mimetypes.guess_type(name)
    if guessed and guessed.startswith("text/"):
        return guessed + UTF8
    return guessed or "application/octet-stream"


# Pagefind's bundle (plugins/llv_search): its entry file must be fresh and names
# the others, whose names change from build to build: all revalidated.
SEARCH_BUNDLE = "pagefind/"


def cache_control(key: str) -> str:
    if key.startswith(SEARCH_BUNDLE):
        return REVALIDATE
    if is_hashed(key):
        return IMMUTABLE
    if is_document(key):
        return REVALIDATE
    return SHORT


def phase(key: str) -> str:
    base = _split(key)[0]
    if not is_document(base):
        return "assets"
    return "pages" if _suffix(base) == ".html" else "feeds"


@dataclass(frozen=True)
class ObjectHeaders:
    """What a response for one file carries."""

    content_type: str
    cache_control: str
    content_encoding: str | None = None
    security: dict[str, str] = field(default_factory=dict)

    def as_http(self) -> dict[str, str]:
        headers = {"Content-Type": self.content_type, "Cache-Control": self.cache_control}
        if self.content_encoding:
            headers["Content-Encoding"] = self.content_encoding
        return {**headers, **self.security}


def security_headers(key: str) -> dict[str, str]:
    base = _split(key)[0]
    if _suffix(base) != ".html":
        return {}
    if base in SEARCH_PAGES:
        return {**SECURITY_HEADERS, "Content-Security-Policy": SEARCH_CONTENT_SECURITY_POLICY}
    return dict(SECURITY_HEADERS)


def headers_for(key: str) -> ObjectHeaders:
    """The headers of the file at `key` (a path relative to the site root)."""
    base, encoding = _split(key)
    return ObjectHeaders(content_type(base), cache_control(base), encoding, security_headers(key))
