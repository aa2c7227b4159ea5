"""Which files a build renders: every one, or only some (RENDER_ONLY).

`make devserver` first renders only the pages open in the browser, to show a
change at once, then builds the whole site; RENDER_ONLY holds those pages'
paths relative to the site (`actualites/x/index.html`). Whatever writes a
file outside Pelican's writer (feeds, calendars, the sitemap) asks first.
"""

from __future__ import annotations


def is_rendered(settings, path: str) -> bool:
    only = settings.get("RENDER_ONLY")
    return only is None or path in only
