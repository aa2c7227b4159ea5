"""Helpers shared by the site's plugins (not a plugin itself)."""
