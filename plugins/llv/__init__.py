"""The Louvre Lens Vallée site, one Pelican plugin (`PLUGINS = ["llv"]`).

`register()` is the build: every receiver, connected to Pelican's signals in
the order they run, one line each. The concerns are the sub-packages, each
with its tests beside it; what one hands another is a typed field of
`llv.common.services.BuildServices`, which says who makes it and who reads it.
"""

# The sub-packages are imported when Pelican registers the plugin, not with the
# package: a process that needs one module of it (tools.build's parent, which
# runs Pagefind once Pelican's process has ended) does not hold them all.


def generators(pelican):
    """The generators Pelican runs after its articles and pages, before its static files."""
    from .agenda.generator import AgendaGenerator
    from .assets.assets import AssetsGenerator
    from .directory.pages import PartnersGenerator, StartupsGenerator
    from .news.news import NewsGenerator
    from .search.search import SearchGenerator
    from .seo.seo import SeoGenerator

    return [StartupsGenerator, PartnersGenerator, NewsGenerator, AssetsGenerator,
            AgendaGenerator, SeoGenerator, SearchGenerator]


def localized_writer(pelican):
    from .i18n.core import LocalizedWriter

    return LocalizedWriter


def register(without=()):
    """Connect the build's receivers. `without`: the receivers a test leaves out
    (disconnected too, should an earlier build of the process have connected them)."""
    from pelican import signals

    from .assets.assets import install_asset_function
    from .cms.admin import publish_admin
    from .common.services import share_services
    from .i18n.core import (inject_url_metadata, install_template_helpers, list_navigation,
                            report_untranslated)
    from .images import plugin as images
    from .legal import facts
    from .links.checks import check_all, install_log_filter
    from .news.news import collect_news, hold_future_news
    from .reader import html_policy
    from .reader.reader import add_reader, take_from_twin
    from .reader.safety import (check_folders, drop_refused_static_files,
                                drop_unreadable_static_links, keep_only_front_matter_readers)
    from .search.index import write_index
    from .search.search import collect_pages, install_template_global
    from .seo import seo
    from .typography.output import record_source, typeset_output

    def on(signal, receiver):
        if receiver in without:
            signal.disconnect(receiver)
        else:
            signal.connect(receiver)

    # 1. Pelican's settings are final
    on(signals.initialized, share_services)  # the build's services, before Pelican copies its settings
    on(signals.initialized, install_log_filter)  # Pelican's duplicate-key messages, named better by check_all
    on(signals.initialized, check_folders)  # no link out of content/ or the theme
    on(signals.initialized, html_policy.install)  # Markdown: the HTML allowlist
    on(signals.initialized, images.add_picture_extension)  # Markdown: images as <picture>
    on(signals.initialized, facts.add_fact_extension)  # Markdown: `{fact:…}` from legal.yaml
    # 2. readers and generators
    on(signals.readers_init, add_reader)  # `<key>.<lang>.md` with its front matter checked
    on(signals.readers_init, keep_only_front_matter_readers)  # no file published as it is
    on(signals.get_generators, generators)  # directory, news, assets, agenda, 404s, search
    on(signals.generator_init, install_template_helpers)  # `_()`, dates, `lang_attr()`, languages
    on(signals.generator_init, install_asset_function)  # `asset()`
    on(signals.generator_init, seo.install_template_helpers)  # JSON-LD, Open Graph
    on(signals.generator_init, images.install_globals)  # `picture()`, `social_card()`
    on(signals.generator_init, facts.install_globals)  # `LEGAL`, `phone_uri()`
    on(signals.generator_init, install_template_global)  # `search_record()`
    # 3. reading, generator by generator
    on(signals.article_generator_context, inject_url_metadata)  # a post's URL in its language
    on(signals.page_generator_context, inject_url_metadata)  # a page's URL in its language
    on(signals.article_generator_context, take_from_twin)  # a translation's date from its twin
    on(signals.content_object_init, images.plan_cached_images)  # images of a text read from cache
    on(signals.article_generator_pretaxonomy, hold_future_news)  # posts dated after the build's day
    on(signals.article_generator_finalized, drop_unreadable_static_links)  # `{static}` to no file
    on(signals.article_generator_finalized, collect_news)  # news per language
    on(signals.page_generator_finalized, drop_unreadable_static_links)
    on(signals.page_generator_finalized, collect_pages)  # the pages the search lists
    on(signals.static_generator_finalized, drop_refused_static_files)
    on(signals.static_generator_finalized, images.take_static_images)  # published without metadata
    # 4. everything is read
    on(signals.all_generators_finalized, list_navigation)  # menus, items without translation
    on(signals.all_generators_finalized, check_all)  # every mistake across content
    # 5. writing
    on(signals.get_writer, localized_writer)  # every page with its language, alternates, switch
    on(signals.content_written, seo.record_page)  # for the sitemap
    on(signals.content_written, record_source)  # the content file each page shows, for messages
    # 6. every page is written
    on(signals.finalized, report_untranslated)
    on(signals.finalized, seo.write_sitemap)  # sitemap.xml, robots.txt
    on(signals.finalized, images.process_images)  # images not in the cache, then every file
    on(signals.finalized, publish_admin)  # /admin/
    on(signals.finalized, facts.report_missing_facts)
    on(signals.finalized, typeset_output)  # typography of every page and feed
    on(signals.finalized, write_index)  # Pagefind's index of the typeset pages
