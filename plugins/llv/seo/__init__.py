"""Search engines and social networks: sitemap.xml, robots.txt, JSON-LD, 404 pages."""
