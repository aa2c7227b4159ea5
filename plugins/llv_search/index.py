"""The Pagefind index, written at the end of the build into the output folder.

Pagefind (the binary that the `pagefind[bin]` package ships, run as `python
-m pagefind`) reads every HTML file Pelican wrote, keeps the pages marked
`data-pagefind-body`, and writes one index per language (`<html lang>`), so
French words are stemmed as French, into `pagefind/` beside the pages.
(Its Python API answers each request after a fixed 0.1 s pause: the command
line indexes the whole site in the time the API takes for two requests.)
A failure is logged as an error, which fails the build.

Pagefind 1.5 writes its filter chunks, hence its metadata file and
`pagefind-entry.json`, in an order that changes from run to run (its issue
#638): the same pages give the same index, not the same bytes. So the index
is kept in SEARCH_INDEX_CACHE_DIR under the digest of what Pagefind reads
(every HTML file, and Pagefind's version), and a build whose pages did not
change publishes the same bytes again without running Pagefind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from llv_common.files import walk_files
from llv_common.outputs import SEARCH_INDEX_FOLDER
from llv_common.rendering import is_rendered

log = logging.getLogger(__name__)

BUNDLE = SEARCH_INDEX_FOLDER
# Pagefind also writes its ready-made interfaces; the search page uses its own
# small script on the JS API (theme/static/js/search.js): they are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                "pagefind-modular-ui.css", "pagefind-component-ui.js",
                "pagefind-component-ui.css", "pagefind-highlight.js",
                "pagefind-worker.js")  # search.js runs Pagefind without a worker
TIMEOUT = 300  # seconds
# Left out of what Pagefind indexes, so that a result's excerpt starts with the text a
# reader wants (the page's first sentence, an event's summary), not with the way to
# the page ("Agenda · Salon"), its title (already the result's title: Pagefind still
# takes it from the <h1>), its date or an event's facts ("Quand … Où …").
NOT_INDEXED = ("main h1", ".article__section", ".article__date", ".event__section",
               ".event__facts", ".startup__section")
INDEXES_KEPT = 16


def index_site(site: Path) -> int:
    """Index the site in `site`; the number of pages indexed. Raises RuntimeError."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
               *(part for selector in NOT_INDEXED for part in ("--exclude-selectors", selector))]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeError(str(error)) from None
    entry = site / BUNDLE / "pagefind-entry.json"
    if done.returncode != 0 or not entry.is_file():
        lines = (done.stderr + done.stdout).strip().splitlines()
        raise RuntimeError(" / ".join(lines[-5:]) or f"exit status {done.returncode}")
    for name in UNUSED_FILES:
        (site / BUNDLE / name).unlink(missing_ok=True)
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return sum(language["page_count"] for language in languages.values())


def pages_digest(site: Path) -> str:
    """What Pagefind reads: every HTML file of the site (and Pagefind itself, and
    what it is told to leave out)."""
    digest = hashlib.sha256(f"{version('pagefind')} {NOT_INDEXED}".encode())
    for relative, entry in walk_files(site):
        if relative.endswith(".html"):
            with open(entry.path, "rb") as handle:
                digest.update(f"{relative}\0".encode())
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()[:32]


def cached_index(site: Path, cache_dir: Path) -> tuple[int, bool]:
    """Put the index of `site` in it, from the cache when its pages were indexed
    before; (pages indexed, from the cache?)."""
    kept = cache_dir / pages_digest(site)
    bundle = site / BUNDLE
    if not (kept / "pagefind-entry.json").is_file():
        count = index_site(site)
        staging = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(bundle, staging)
        shutil.rmtree(kept, ignore_errors=True)
        os.replace(staging, kept)
        _prune(cache_dir)
        return count, False
    shutil.rmtree(bundle, ignore_errors=True)
    shutil.copytree(kept, bundle, copy_function=_link_or_copy)
    os.utime(kept)
    languages = json.loads((kept / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in languages["languages"].values()), True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copyfile(source, target)


def _prune(cache_dir: Path) -> None:
    indexes = sorted((p for p in cache_dir.iterdir() if p.is_dir()),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for path in indexes[INDEXES_KEPT:]:
        shutil.rmtree(path, ignore_errors=True)


def write_index(pelican) -> None:
    """Pelican's `finalized` signal: index the site built in `pelican.output_path`
    (not when the build renders only some pages: the devserver's first pass)."""
    settings = pelican.settings
    if not is_rendered(settings, f"{BUNDLE}/pagefind-entry.json"):
        return
    site = Path(pelican.output_path)
    started = time.perf_counter()
    try:
        cache_dir = settings.get("SEARCH_INDEX_CACHE_DIR")
        if cache_dir:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            count, reused = cached_index(site, Path(cache_dir))
        else:
            count, reused = index_site(site), False
    except (RuntimeError, OSError) as error:
        log.error("Search index: Pagefind failed on %s: %s", site, error)
        return
    how = "unchanged pages, index reused" if reused else "indexed"
    print(f"Search index: {count} pages ({how}) in {time.perf_counter() - started:.2f} s",
          flush=True)
