"""News in each language: a paginated index and Atom/RSS feeds.

Pelican's own index lists the default language only; here every language has
its listing at its own URL (`/actualites/`, `/en/news/`), built in the same run.
A post dated after the build's day ("now": llv_common.clock) is published by
the first build on its day.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

from llv_common.clock import build_now
from llv_i18n.languages import Language, languages_from_settings


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous_url: str | None
    next_url: str | None


def index_url(language: Language, number: int) -> str:
    if number == 1:
        return language.section_url("news")
    return language.section_url("news", "page", str(number))


def feed_path(language: Language, kind: str) -> str:
    return language.section_url("news") + ("atom.xml" if kind == "atom" else "rss.xml")


HELD = "held_news"  # generator attribute: posts waiting for their day (checked, not written)


def _hold_future_news(generator):
    """A post dated after the build's day waits for its day: it is checked but
    not written until a build on that day publishes it (the nightly build
    does). Events are not held: an event dated in the future is announced."""
    today = build_now(generator.settings).date()

    def due(article) -> bool:
        return article.date.date() <= today

    held = [a for a in (*generator.articles, *generator.translations) if not due(a)]
    setattr(generator, HELD, held)
    if not held:
        return
    generator.articles = [a for a in generator.articles if due(a)]
    generator.translations = [a for a in generator.translations if due(a)]
    for article in (*generator.articles, *generator.translations):
        article.translations = [t for t in article.translations if due(t)]


def _collect_news(generator):
    """Published news per language, newest first, for listings and the home page."""
    by_lang = defaultdict(list)
    for article in [*generator.articles, *generator.translations]:
        by_lang[article.lang].append(article)
    for items in by_lang.values():
        items.sort(key=lambda a: (a.date, a.slug), reverse=True)
    generator.context["news_by_lang"] = dict(by_lang)
    generator.context["news_feeds"] = {
        code: {"atom": feed_path(lang, "atom"), "rss": feed_path(lang, "rss")}
        for code, lang in languages_from_settings(generator.settings).items()
    }


class NewsGenerator(Generator):
    OUTPUT_THROUGH_WRITER = True  # its pages may render on every core (llv_rebuild)

    def generate_context(self):
        pass

    def generate_output(self, writer):
        settings = self.settings
        languages = languages_from_settings(settings)
        per_page = int(settings.get("NEWS_PER_PAGE", 10))
        news = self.context.get("news_by_lang", {})
        counts = {
            code: max(1, math.ceil(len(news.get(code, [])) / per_page)) for code in languages
        }
        template = self.get_template("news_index")
        for code, language in languages.items():
            items = news.get(code, [])
            for number in range(1, counts[code] + 1):
                url = index_url(language, number)
                urls_by_lang = {
                    other: index_url(languages[other], number)
                    for other in languages
                    if number <= counts[other]
                }
                writer.write_page(
                    url, template, self.context, code, urls_by_lang,
                    current_key="news",
                    news_items=items[(number - 1) * per_page : number * per_page],
                    pagination=Pagination(
                        number=number,
                        count=counts[code],
                        previous_url=index_url(language, number - 1) if number > 1 else None,
                        next_url=index_url(language, number + 1)
                        if number < counts[code]
                        else None,
                    ),
                )
            title = language.gettext("News")
            for kind in ("atom", "rss"):
                path = feed_path(language, kind)
                writer.write_feed(
                    items, self.context, path, path, feed_type=kind,
                    feed_title=title, lang=code,
                )


def _get_generators(pelican):
    return NewsGenerator


def register():
    signals.article_generator_pretaxonomy.connect(_hold_future_news)
    signals.article_generator_finalized.connect(_collect_news)
    signals.get_generators.connect(_get_generators)
