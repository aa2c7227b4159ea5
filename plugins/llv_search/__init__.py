"""Search in each language: Pagefind's index of the built pages, the search pages
(`/recherche/`, `/en/search/`) and what they list without JavaScript."""

from pelican import signals

from .index import write_index
from .search import SearchGenerator, collect_pages, install_template_global


def _get_generators(pelican):
    return SearchGenerator


# Plugins this one needs in a build (before it in PLUGINS): languages, and the
# kinds of llv_content's items.
NEEDS = ("llv_i18n", "llv_content")


def register():
    signals.generator_init.connect(install_template_global)
    signals.page_generator_finalized.connect(collect_pages)
    signals.get_generators.connect(_get_generators)
    signals.finalized.connect(write_index)


__all__ = ["register"]
