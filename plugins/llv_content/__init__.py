"""Typed content (start-ups, partners, events) and the Markdown front-matter reader.

Every editor's mistake is logged as `path:line: field: message` (the build then
fails and leaves output/ untouched); see docs/contenu.md.
"""

from pelican import signals

from .checks import check_all, install_log_filter
from .directory import PartnersGenerator, StartupsGenerator
from .html_policy import install as _install_html_policy
from .reader import _add_reader
from .safety import (check_folders, drop_refused_static_files, drop_unreadable_static_links,
                     keep_only_front_matter_readers)


def _get_generators(pelican):
    return [StartupsGenerator, PartnersGenerator]


# Plugins this one needs in a build (before it in PLUGINS): the language of each file.
NEEDS = ("llv_i18n",)


def register():
    install_log_filter()
    signals.initialized.connect(check_folders)
    signals.initialized.connect(_install_html_policy)
    signals.readers_init.connect(_add_reader)
    signals.readers_init.connect(keep_only_front_matter_readers)
    signals.article_generator_finalized.connect(drop_unreadable_static_links)
    signals.page_generator_finalized.connect(drop_unreadable_static_links)
    signals.static_generator_finalized.connect(drop_refused_static_files)
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(check_all)


__all__ = ["register"]
