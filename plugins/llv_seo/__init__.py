"""Search engines and social networks: sitemap.xml, robots.txt, JSON-LD, 404 pages,
and the home page's key figures (content/data/key-figures.yaml)."""

from .seo import register

# Plugins this one needs in a build (before it in PLUGINS): languages, translations
# and their URLs (hreflang alternates).
NEEDS = ("llv_i18n",)

__all__ = ["register"]
