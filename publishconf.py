"""Production settings: the development ones (pelicanconf.py), with absolute
URLs on the site's own domain and precompressed text files."""

import runpy
from pathlib import Path

globals().update({name: value for name, value in
                  runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
                  if name.isupper()})

SITEURL = "https://louvrelensvallee.com"
FEED_DOMAIN = SITEURL
PRECOMPRESS = True
