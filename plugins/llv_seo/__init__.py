"""Search engines and social networks: sitemap.xml, robots.txt, JSON-LD, 404 pages,
and the home page's key figures (content/data/key-figures.yaml)."""

from .seo import register

__all__ = ["register"]
