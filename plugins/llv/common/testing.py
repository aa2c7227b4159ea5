"""Tiny sites for the plugins' own tests (plugins/<plugin>/tests/), built in-process
the way pelican-plugins test themselves: `Pelican(settings).run()` into a
temporary folder, then assertions on the files written.

    from llv.common.testing import build_site, page

    def test_news_index(tmp_path):
        site = build_site(tmp_path, {"news/a.fr.md": page("A", "a", date="2026-01-02")})
        assert site.html("/actualites/").select(".news-card a")

A tiny site is the whole build (the `llv` plugin, `register()`) with the
site's settings (pelicanconf.py) and theme, less the receivers a test names
in `without`; `files` as its content/ folder; its own caches; a fixed "now"
(BUILD_NOW). No publishing step (redirects, `_headers`, compression: tools.build).
Every page it writes is read as a visitor reads it: code-like text (a repr,
`None`, template syntax…) fails the test (`llv.common.visible_text`).

Each build shows every message: Pelican's logging, which shows a warning once
per process, shows every message of this build.
"""

from __future__ import annotations

import logging
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.log import init as init_logging
from pelican.settings import read_settings

from llv.common.visible_text import assert_reads_as_text
import llv

SITE_SETTINGS = Path(__file__).resolve().parents[3] / "pelicanconf.py"
BUILD_NOW = "2026-11-21T12:00:00"  # a Saturday, noon in Paris


@dataclass
class Site:
    """A built site: its output folder and what its build logged (warnings and errors,
    one `LEVEL: message` per record, as tools.build prints them)."""

    output: Path
    log: str = ""
    errors: list[str] = field(default_factory=list)
    site_url: str = ""

    def path_for(self, url: str) -> Path:
        path = urlsplit(url).path if url.startswith("http") else url
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.output / path

    def exists(self, url: str) -> bool:
        return self.path_for(url).is_file()

    def html(self, url: str):
        from bs4 import BeautifulSoup  # a test dependency

        return BeautifulSoup(self.path_for(url).read_text(encoding="utf-8"), "html.parser")

    def local(self, href: str) -> str:
        """An absolute link on this site as a root-relative URL."""
        if self.site_url and href.startswith(self.site_url):
            return href[len(self.site_url):] or "/"
        return href


def page(title: str, slug: str, body: str = "Texte.", **fields) -> str:
    """A Markdown page or post with its front matter."""
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\ntitle: {title}\nslug: {slug}\nsummary: {title}.\n{extra}---\n\n{body}\n"


HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
}


def write_content(content: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip(), encoding="utf-8")
    for name in ("pages", "news"):
        (content / name).mkdir(parents=True, exist_ok=True)


def build_site(folder: Path, files: dict[str, str | bytes], settings: dict | None = None, *,
               fails: bool = False, without=()) -> Site:
    """Build `files` (content/ paths: text) into `folder`/output, without the
    receivers named (`llv.register`). An error logged fails the test, unless
    `fails` (then `site.errors` lists them)."""
    content = folder / "content"
    write_content(content, files)
    cache = folder / "cache"
    overrides = {
        "PATH": str(content), "OUTPUT_PATH": str(folder / "output"),
        "PLUGINS": [], "BUILD_NOW": BUILD_NOW,
        "CACHE_PATH": str(cache / "pelican"), "IMAGE_CACHE_DIR": str(cache / "images"),
        "SEARCH_INDEX_CACHE_DIR": str(cache / "pagefind"),
        "COMPRESSION_CACHE_DIR": str(cache / "compressed"),
        "NAVIGATION": (), "FOOTER_NAVIGATION": (), "CMS_SCRIPT": None,
        **(settings or {}),
    }
    with alone() as records:
        llv.register(without)
        Pelican(read_settings(str(SITE_SETTINGS), override=overrides)).run()
    site = Site(folder / "output", "\n".join(f"{r.levelname}: {r.getMessage()}" for r in records),
                [r.getMessage() for r in records if r.levelno >= logging.ERROR],
                (overrides.get("SITEURL") or "").rstrip("/"))
    if site.errors and not fails:
        raise AssertionError(f"the build logged errors:\n{site.log}")
    if fails and not site.errors:
        raise AssertionError(f"the build logged no error:\n{site.log}")
    if site.output.is_dir():
        assert_reads_as_text(site.output)
    return site


@contextmanager
def alone():
    """One build with every message shown; yields the records logged (warnings
    and errors)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(logging.WARNING)
    # Pelican shows a message once per process (LimitFilter), and the tests build
    # many sites in one: no level above this one is deduplicated, so every record
    # is shown. Set through Pelican's public setter, which ignores 0 (falsy).
    dedup = LimitFilter.LOGS_DEDUP_MIN_LEVEL
    init_logging(handler=None, logs_dedup_min_level=logging.NOTSET + 1)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # whatever an earlier in-process run left
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        init_logging(handler=None, logs_dedup_min_level=dedup)

