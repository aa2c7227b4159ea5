from .news import register

# Plugins this one needs in a build (before it in PLUGINS): languages, and
# llv_content's front-matter reader for the posts.
NEEDS = ("llv_i18n", "llv_content")

__all__ = ["register"]
