"""News per language: posts held until their day, the news index (Pelican's
paginator) and its Atom and RSS feeds."""
