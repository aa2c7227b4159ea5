"""Tiny sites for the plugins' own tests (plugins/<plugin>/tests/), built in-process
the way pelican-plugins test themselves: `Pelican(settings).run()` into a
temporary folder, then assertions on the files written.

    from llv_common.testing import build_site, page

    def test_news_index(tmp_path):
        site = build_site(tmp_path, "llv_news", {"news/a.fr.md": page("A", "a", date="2026-01-02")})
        assert site.html("/actualites/").select(".news-card a")

A tiny site has the site's settings (pelicanconf.py) and theme; the plugin(s)
named, the plugins each declares it NEEDS (the `NEEDS` tuple of its package),
and the plugins the theme's layout calls (THEME_NEEDS), in the order of the
site's PLUGINS; `files` as its content/ folder; its own caches; a fixed "now"
(BUILD_NOW). No publishing step (redirects, `_headers`, compression: tools.build).
Every page it writes is read as a visitor reads it: code-like text (a repr,
`None`, template syntax…) fails the test (`llv_common.visible_text`).

Each build runs alone: Pelican connects every plugin's receivers to blinker's
signals, which live as long as the process, so a build starts and ends with
no receiver connected (a plugin of the previous test does not run in the
next); and Pelican's logging, which shows a warning once per process, shows
every message of this build.
"""

from __future__ import annotations

import importlib
import logging
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import blinker
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.log import init as init_logging
from pelican.settings import read_settings

from .visible_text import assert_reads_as_text

SITE_SETTINGS = Path(__file__).resolve().parents[2] / "pelicanconf.py"
BUILD_NOW = "2026-11-21T12:00:00"  # a Saturday, noon in Paris
# What every page of the theme calls: base.html's `_()` and dates (llv_i18n),
# `asset()` (llv_assets), `structured_data()` (llv_seo). home.html also lists
# the news (`news_by_lang`, llv_news): a site with a home page needs it too.
THEME_NEEDS = ("llv_i18n", "llv_assets", "llv_seo")


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


def site_plugins(*names: str) -> list[str]:
    """`names`, what they need and what the theme needs, in the site's PLUGINS order."""
    wanted, todo = set(), [*names, *THEME_NEEDS]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += importlib.import_module(name).NEEDS
    order = read_settings(str(SITE_SETTINGS))["PLUGINS"]
    return sorted(wanted, key=lambda name: (order.index(name) if name in order else len(order), name))


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


def build_site(folder: Path, plugins: str | tuple[str, ...], files: dict[str, str | bytes],
               settings: dict | None = None, *, fails: bool = False) -> Site:
    """Build `files` (content/ paths: text) with `plugins` into `folder`/output.
    An error logged fails the test, unless `fails` (then `site.errors` lists them)."""
    names = (plugins,) if isinstance(plugins, str) else plugins
    content = folder / "content"
    write_content(content, files)
    cache = folder / "cache"
    overrides = {
        "PATH": str(content), "OUTPUT_PATH": str(folder / "output"),
        "PLUGINS": site_plugins(*names), "BUILD_NOW": BUILD_NOW,
        "CACHE_PATH": str(cache / "pelican"), "IMAGE_CACHE_DIR": str(cache / "images"),
        "SEARCH_INDEX_CACHE_DIR": str(cache / "pagefind"),
        "COMPRESSION_CACHE_DIR": str(cache / "compressed"),
        "NAVIGATION": (), "FOOTER_NAVIGATION": (), "CMS_SCRIPT": None,
        **(settings or {}),
    }
    with alone() as records:
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
    """One build with no receiver of another build and every message shown; yields
    the records logged (warnings and errors)."""
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
    disconnect_all()
    try:
        yield records
    finally:
        disconnect_all()
        root.removeHandler(handler)
        root.setLevel(level)
        init_logging(handler=None, logs_dedup_min_level=dedup)


def disconnect_all() -> None:
    """Disconnect every receiver of every named signal (Pelican's and the plugins'
    own, all in blinker's default namespace). Plugins connect for any sender."""
    for signal in list(blinker.default_namespace.values()):
        for receiver in list(signal.receivers_for(object())):
            signal.disconnect(receiver)
