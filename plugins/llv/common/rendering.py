"""Which files a build renders: every one, or only some (RENDER_ONLY).

`make devserver` first renders only the pages open in the browser, to show a
change at once, then builds the whole site; RENDER_ONLY holds those pages'
paths relative to the site (`actualites/x/index.html`). `make check` runs
Pelican with RENDER_ONLY empty: everything is read and checked, nothing written. Whatever writes a
file outside Pelican's writer (feeds, calendars, the sitemap) asks first.
"""

from __future__ import annotations


def renders_nothing(settings) -> bool:
    """`make check`: Pelican's whole run, every check, no file written."""
    only = settings.get("RENDER_ONLY")
    return only is not None and not only


def is_rendered(settings, path: str) -> bool:
    only = settings.get("RENDER_ONLY")
    return only is None or path in only
