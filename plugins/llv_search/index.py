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
#638): the same sources give the same index, not the same bytes, for those
few small files.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
# Pagefind also writes its ready-made interfaces; the search page uses its own
# small script on the JS API (theme/static/js/search.js): they are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                "pagefind-modular-ui.css", "pagefind-component-ui.js",
                "pagefind-component-ui.css", "pagefind-highlight.js",
                "pagefind-worker.js")  # search.js runs Pagefind without a worker
TIMEOUT = 300  # seconds


def index_site(site: Path) -> int:
    """Index the site in `site`; the number of pages indexed. Raises RuntimeError."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
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


def write_index(pelican) -> None:
    """Pelican's `finalized` signal: index the site built in `pelican.output_path`."""
    site = Path(pelican.output_path)
    started = time.perf_counter()
    try:
        count = index_site(site)
    except RuntimeError as error:
        log.error("Search index: Pagefind failed on %s: %s", site, error)
        return
    print(f"Search index: {count} pages in {time.perf_counter() - started:.2f} s", flush=True)
