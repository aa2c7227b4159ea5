from .generator import register

# Plugins this one needs in a build (before it in PLUGINS): languages, and the
# events of llv_content's store.
NEEDS = ("llv_i18n", "llv_content")

__all__ = ["register"]
