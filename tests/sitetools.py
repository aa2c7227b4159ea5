"""Build sites the way `make html` does and read what a visitor would get."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from llv.common.testing import BUILD_NOW, Site, write_content
from llv.common.testing import page  # noqa: F401 - for the tests that build sites
from llv.common.visible_text import assert_reads_as_text
from tools.settings_files import inherit_site_settings

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_URL = "https://louvrelensvallee.com"


def private_caches(folder: Path) -> str:
    """Settings lines giving a test site its own reader cache and search index
    cache (shared ones are pruned by other sites built at the same time)."""
    return (f"CACHE_PATH = {str(folder / 'reader-cache')!r}\n"
            f"SEARCH_INDEX_CACHE_DIR = {str(folder / 'search-index-cache')!r}\n")


def run_build(settings: Path, output: Path, *flags: str, env=None) -> subprocess.CompletedProcess:
    """`tools.build`; then every page of the site built is read as a visitor reads it:
    code-like text (a repr, `None`, template syntax…) fails the test."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--settings", str(settings), "--output", str(output),
         *flags],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env=env,
    )
    if result.returncode == 0 and output.is_dir():
        assert_reads_as_text(output)
    return result


@dataclass
class BuiltSite(Site):
    """A site built the way `make html` does, with the exit status of its build."""

    returncode: int = 0


# The real site is built at the fixture sites' "now" (a build across midnight
# would otherwise differ from the next one).
REAL_SITE_CLOCK = {"SOURCE_DATE_EPOCH": str(int(
    dt.datetime.fromisoformat(BUILD_NOW).replace(tzinfo=ZoneInfo("Europe/Paris")).timestamp()))}


def build_real_site(output: Path) -> BuiltSite:
    result = run_build(ROOT / "publishconf.py", output, env={**os.environ, **REAL_SITE_CLOCK})
    return BuiltSite(output, result.stdout + result.stderr, site_url=PRODUCTION_URL,
                     returncode=result.returncode)


def build_fixture_site(tmp: Path, files: dict[str, str], settings: str = "", *flags: str,
                       env=None) -> BuiltSite:
    """A tiny site with the real theme and plugins and the given content files."""
    content = tmp / "content"
    write_content(content, files)
    settings_file = tmp / "testconf.py"
    settings_file.write_text(
        inherit_site_settings() +
        f"PATH = {str(content)!r}\n"
        + private_caches(tmp) +
        f"NAVIGATION = ()\nFOOTER_NAVIGATION = ()\nBUILD_NOW = {BUILD_NOW!r}\n"
        "CMS_SCRIPT = None  # no /admin/ (the real site's build has it)\n"
        + textwrap.dedent(settings),
        encoding="utf-8",
    )
    output = tmp / "output"
    result = run_build(settings_file, output, *flags, env=env)
    return BuiltSite(output, result.stdout + result.stderr, returncode=result.returncode)
