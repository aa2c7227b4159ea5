"""Typed content (start-ups, partners, events) and the Markdown front-matter reader.

Every editor's mistake is logged as `path:line: field: message` (the build then
fails and leaves output/ untouched); see docs/contenu.md.
"""

from pelican import signals

from .checks import check_all
from .directory import PartnersGenerator, StartupsGenerator
from .reader import _add_reader


def _get_generators(pelican):
    return [StartupsGenerator, PartnersGenerator]


def register():
    signals.readers_init.connect(_add_reader)
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(check_all)


__all__ = ["register"]
