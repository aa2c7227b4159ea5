"""Production settings: absolute URLs on the site's own domain."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://louvrelensvallee.com"
FEED_DOMAIN = SITEURL
PRECOMPRESS = True
