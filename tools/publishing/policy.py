"""The HTTP header policy of the published site, written once.

It is applied twice: as the `_headers` file of the built site (the Netlify /
Cloudflare Pages convention) and as object metadata by `tools.deploy`.

Classification rules (by name, never by a list of files):
- a *hashed asset* is a file named after its bytes, as `llv.common.hashed_names`
  writes and recognises them (`site.849dffa5fd.css`, `frise-0f6a94d255-800.webp`,
  Pagefind's index files): the name changes when the bytes do, so it is cached
  for a year, immutable;
- a *document* is what a visitor or a feed reader requests by a stable URL:
  HTML, feeds (`.xml`, `.atom`, `.rss`), calendars (`.ics`), the sitemap,
  `robots.txt`, `.json`, `.webmanifest`: cached briefly and revalidated;
- anything else (a PDF, an unhashed image) is cached for an hour;
- `<file>.gz` and `<file>.br` are precompressed variants of `<file>`: same
  type and caching, plus `Content-Encoding`.
"""

from __future__ import annotations

import mimetypes
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from llv.common.hashed_names import is_hashed as _named_after_bytes
from llv.common.outputs import ADMIN_FOLDER, IMAGES_FOLDER, ROBOTS_FILE, SEARCH_INDEX_FOLDER
from llv.i18n.languages import languages_from_settings
from tools.settings_files import SITE_SETTINGS

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


def search_pages(settings_file: Path = SITE_SETTINGS) -> tuple[str, ...]:
    """The search page of each language of the site (the LANGUAGES setting of
    pelicanconf.py, which publishconf.py keeps): `recherche/index.html`…"""
    settings = runpy.run_path(str(settings_file))
    return tuple(language.section_url("search") + "index.html"
                 for language in languages_from_settings(settings).values())


# The search pages (plugins/llv/search) run Pagefind's WebAssembly: they alone
# may compile WebAssembly ('wasm-unsafe-eval'; scripts still cannot eval).
SEARCH_PAGES = search_pages()
SEARCH_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
# The CMS at /admin/ (Decap CMS, docs/cms.md) cannot run under the site's
# policy: it compiles its configuration schema at run time ('unsafe-eval'),
# its React components inject <style> elements ('unsafe-inline' styles),
# previews uploads as blob: URLs and talks to the git host's API. Nothing else
# is loosened, and only under /admin/.
ADMIN_PREFIX = f"{ADMIN_FOLDER}/"
# The git host of CMS_BACKEND (pelicanconf.py): its API and its users' avatars
# (GitLab: https://gitlab.com and https://gitlab.com https://secure.gravatar.com).
GIT_HOST_API = "https://api.github.com"
GIT_HOST_IMAGES = "https://avatars.githubusercontent.com"
ADMIN_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    f"img-src 'self' blob: {GIT_HOST_IMAGES}",
    f"connect-src 'self' blob: {GIT_HOST_API}",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
])
# Images have a policy of their own, for SVG above all: opened by its address,
# an SVG is a document, which may style itself (inline) and show embedded
# data: images (plugins/llv/images/svg.py keeps nothing else), and nothing
# more, sandboxed. Every image gets it, so that a folder of images shares one
# rule of `_headers` (a policy means nothing to a PNG).
IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".ico"})
IMAGE_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src data:",
    "frame-ancestors 'none'",
    "sandbox",
])
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
DOCUMENT_NAMES = {ROBOTS_FILE}
# Worth compressing: text. Images, fonts (woff2 is compressed) and PDFs are not.
COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".xml",
                         ".atom", ".rss", ".ics", ".txt", ".svg"}
# Upload order: a page goes up only once what it references is there, and the
# feeds/sitemap last, once the pages they point to exist.
PHASES = ("assets", "pages", "feeds")


def split_encoding(key: str) -> tuple[str, str | None]:
    """(the file a precompressed variant stands for, its encoding or None):
    `a/index.html.br` → (`a/index.html`, `br`)."""
    for suffix, encoding in ENCODINGS.items():
        if key.endswith(suffix):
            return key[: -len(suffix)], encoding
    return key, None


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_hashed(key: str) -> bool:
    return _named_after_bytes(split_encoding(key)[0])


def is_document(key: str) -> bool:
    name = split_encoding(key)[0].rsplit("/", 1)[-1]
    return not is_hashed(key) and (_suffix(name) in DOCUMENT_SUFFIXES or name in DOCUMENT_NAMES)


def is_compressible(key: str) -> bool:
    return _suffix(key) in COMPRESSIBLE_SUFFIXES


def content_type(key: str) -> str:
    name = split_encoding(key)[0].rsplit("/", 1)[-1]
    if name in CONTENT_TYPES_BY_NAME:
        return CONTENT_TYPES_BY_NAME[name]
    known = CONTENT_TYPES.get(_suffix(name))
    if known:
        return known
    guessed, _ = mimetypes.guess_type(name)
    if guessed and guessed.startswith("text/"):
        return guessed + UTF8
    return guessed or "application/octet-stream"


# Pagefind's bundle (plugins/llv/search): its entry file must be fresh, and so
# must its script and WebAssembly, whose names stay the same across Pagefind
# versions; its index files are named after their bytes (hashed).
SEARCH_BUNDLE = f"{SEARCH_INDEX_FOLDER}/"


def cache_control(key: str) -> str:
    if is_hashed(key):
        return IMMUTABLE
    if key.startswith(SEARCH_BUNDLE):
        return REVALIDATE
    if is_document(key):
        return REVALIDATE
    return SHORT


def phase(key: str) -> str:
    base = split_encoding(key)[0]
    if not is_document(base):
        return "assets"
    return "pages" if _suffix(base) == ".html" else "feeds"


def security_headers(key: str) -> dict[str, str]:
    """The security headers of the file at `key`: the site's, the search
    pages' (WebAssembly), the admin's or an image's."""
    base = split_encoding(key)[0]
    if base.startswith(ADMIN_PREFIX):
        # The git host's sign-in window reports back to its opener.
        return {**SECURITY_HEADERS, "Content-Security-Policy": ADMIN_CONTENT_SECURITY_POLICY,
                "Cross-Origin-Opener-Policy": "same-origin-allow-popups"}
    if base in SEARCH_PAGES:
        return {**SECURITY_HEADERS, "Content-Security-Policy": SEARCH_CONTENT_SECURITY_POLICY}
    if _suffix(base) in IMAGE_SUFFIXES:
        return {**SECURITY_HEADERS, "Content-Security-Policy": IMAGE_CONTENT_SECURITY_POLICY}
    return dict(SECURITY_HEADERS)


# The security headers every path shares; the others differ under /admin/, on
# the search pages and for images.
SHARED_SECURITY_HEADERS = {
    name: value for name, value in SECURITY_HEADERS.items()
    if all(security_headers(page)[name] == value
           for page in (ADMIN_PREFIX + "index.html", *SEARCH_PAGES, f"{IMAGES_FOLDER}/logo.svg"))
}


@dataclass(frozen=True)
class ObjectHeaders:
    """What a response for one file carries."""

    content_type: str
    cache_control: str
    content_encoding: str | None = None
    security: dict[str, str] = field(default_factory=dict)


def headers_for(key: str) -> ObjectHeaders:
    """The headers of the file at `key` (a path relative to the site root)."""
    base, encoding = split_encoding(key)
    # what a browser shows as a document: pages, and SVG opened by its address
    security = security_headers(base) if _suffix(base) in (".html", ".svg") else {}
    return ObjectHeaders(content_type(base), cache_control(base), encoding, security)
