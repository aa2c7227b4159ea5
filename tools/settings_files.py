"""Settings files that start from the site's own (test sites, benchmark corpora).

Pelican runs a settings file as a script; this first line makes it inherit
every setting of pelicanconf.py (then it overrides what it needs), without
putting anything on the import path:

    settings.write_text(inherit_site_settings() + "PATH = '/tmp/content'\\n")
"""

from __future__ import annotations

from pathlib import Path

SITE_SETTINGS = Path(__file__).resolve().parent.parent / "pelicanconf.py"


def inherit_site_settings(base: Path = SITE_SETTINGS) -> str:
    return ("import runpy\n"
            f"globals().update({{name: value for name, value in runpy.run_path({str(base)!r})"
            ".items() if name.isupper()})\n")
