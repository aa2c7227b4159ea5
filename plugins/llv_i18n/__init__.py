from .i18n import register

NEEDS = ()  # plugins this one needs in a build (before it in PLUGINS)

__all__ = ["register"]
