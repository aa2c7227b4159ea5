"""Build sites the way `make html` does and read what a visitor would get."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tools.settings_files import inherit_site_settings

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_URL = "https://louvrelensvallee.com"


def private_caches(folder: Path) -> str:
    """Settings lines giving a test site its own reader cache and search index
    cache (shared ones are pruned by other sites built at the same time)."""
    return (f"CACHE_PATH = {str(folder / 'reader-cache')!r}\n"
            f"SEARCH_INDEX_CACHE_DIR = {str(folder / 'search-index-cache')!r}\n")


def run_build(settings: Path, output: Path, *flags: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.build", "--settings", str(settings), "--output", str(output),
         *flags],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=env,
    )


@dataclass
class BuiltSite:
    output: Path
    log: str
    returncode: int
    site_url: str = ""

    def path_for(self, url: str) -> Path:
        path = urlsplit(url).path if url.startswith("http") else url
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.output / path

    def exists(self, url: str) -> bool:
        return self.path_for(url).is_file()

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path_for(url).read_text(encoding="utf-8"), "html.parser")

    def local(self, href: str) -> str:
        """An absolute link on this site as a root-relative URL."""
        if self.site_url and href.startswith(self.site_url):
            return href[len(self.site_url):] or "/"
        return href


def build_real_site(output: Path) -> BuiltSite:
    result = run_build(ROOT / "publishconf.py", output)
    return BuiltSite(output, result.stdout + result.stderr, result.returncode, PRODUCTION_URL)


def build_fixture_site(tmp: Path, files: dict[str, str], settings: str = "", *flags: str,
                       env=None) -> BuiltSite:
    """A tiny site with the real theme and plugins and the given content files."""
    content = tmp / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "news").mkdir(parents=True, exist_ok=True)
    settings_file = tmp / "testconf.py"
    settings_file.write_text(
        inherit_site_settings() +
        f"PATH = {str(content)!r}\n"
        + private_caches(tmp) +
        "NAVIGATION = ()\nFOOTER_NAVIGATION = ()\nBUILD_NOW = \"2026-11-21T12:00:00\"\n"
        "CMS_SCRIPT = None  # no /admin/ (the real site's build has it)\n"
        + textwrap.dedent(settings),
        encoding="utf-8",
    )
    output = tmp / "output"
    result = run_build(settings_file, output, *flags, env=env)
    return BuiltSite(output, result.stdout + result.stderr, result.returncode)


def page(title: str, slug: str, body: str = "Texte.", **fields) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\ntitle: {title}\nslug: {slug}\nsummary: {title}.\n{extra}---\n\n{body}\n"
