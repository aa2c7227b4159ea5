"""News in each language: a paginated index and Atom/RSS feeds.

Pelican's own index lists the default language only; here every language has
its listing at its own URL (`/actualites/`, `/en/news/`), built in the same run.
A post dated after the build's day ("now": llv.common.clock) is published by
the first build on its day.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from dataclasses import dataclass
from pathlib import Path

from feedgenerator import get_tag_uri
from pelican.generators import Generator
from pelican.paginator import Paginator

from llv.common.clock import build_now
from llv.common.feeds import AtomFeed, RssFeed
from llv.common.items import LISTED, generator_items
from llv.common.rendering import is_rendered
from llv.common.services import services
from llv.i18n.core import SITE_TAGLINE
from llv.i18n.languages import Language, languages_from_settings

FEED_CLASSES = {"atom": AtomFeed, "rss": RssFeed}


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous_url: str | None
    next_url: str | None


def index_pages(settings, language: Language, items) -> list:
    """The pages of a language's news index (Pelican's paginator: NEWS_PER_PAGE
    items each, URLs from PAGINATION_PATTERNS, `/actualites/page/2/`…)."""
    url = language.section_url("news")
    paginator = Paginator(url + "index.html", url, items, settings,
                          int(settings.get("NEWS_PER_PAGE", 10)))
    return [paginator.page(number) for number in paginator.page_range]


def feed_path(language: Language, kind: str) -> str:
    return language.section_url("news") + ("atom.xml" if kind == "atom" else "rss.xml")


def hold_future_news(generator):
    """A post dated after the build's day waits for its day: it is checked but
    not written until a build on that day publishes it (the nightly build
    does). Events are not held: an event dated in the future is announced.

    Not Pelican's WITH_FUTURE_DATES = False: it compares with the machine's
    clock (`datetime.now()` in `Article.__init__`), not the build's "now"
    (BUILD_NOW, SOURCE_DATE_EPOCH: llv.common.clock) that makes two builds of
    the same sources identical and the tests' days fixed."""
    today = build_now(generator.settings).date()

    def due(article) -> bool:
        return article.date.date() <= today

    held = [a for a in (*generator.articles, *generator.translations) if not due(a)]
    services(generator.settings).held_news = held
    if not held:
        return
    generator.articles = [a for a in generator.articles if due(a)]
    generator.translations = [a for a in generator.translations if due(a)]
    for article in (*generator.articles, *generator.translations):
        article.translations = [t for t in article.translations if due(t)]


def collect_news(generator):
    """Published news per language, newest first, for listings and the home page."""
    by_lang = defaultdict(list)
    for article in generator_items(generator, LISTED):
        by_lang[article.lang].append(article)
    for items in by_lang.values():
        items.sort(key=lambda a: (a.date, a.slug), reverse=True)
    services(generator.settings).news = generator.context["news_by_lang"] = dict(by_lang)
    generator.context["news_feeds"] = {
        code: {"atom": feed_path(lang, "atom"), "rss": feed_path(lang, "rss")}
        for code, lang in languages_from_settings(generator.settings).items()
    }


def write_feed(settings, output_path: str, language: Language, kind: str, items) -> None:
    """The Atom or RSS feed of a language's news, newest first."""
    site_url = settings.get("FEED_DOMAIN") or settings.get("SITEURL", "")
    path = feed_path(language, kind)
    home = f"{site_url}/{language.home_url}"
    # with no post, the feed is dated by the build's day: it changes at most daily
    today = build_now(settings).replace(hour=0, minute=0, second=0, microsecond=0)
    feed = FEED_CLASSES[kind](
        title=f"{settings['SITENAME']} - {language.gettext('News')}",
        link=home, feed_url=f"{site_url}/{path}", description=language.gettext(SITE_TAGLINE),
        language=language.code, feed_guid=home, empty_date=today)
    for item in items[: settings["FEED_MAX_ITEMS"]]:
        link = f"{site_url}/{item.url}"
        # The summary and the title are plain text; the feed's summary (Atom) and
        # description (RSS) are HTML, where the text is escaped.
        summary = getattr(item, "summary", None)
        description = escape(summary) if summary else None
        feed.add_item(
            title=item.title, link=link,
            unique_id=get_tag_uri(link, item.date),
            description=description if kind == "atom" or description else item.content,
            content=item.content if kind == "atom" else None,
            pubdate=item.date, updateddate=getattr(item, "modified", None) or item.date)
    target = Path(output_path, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")


class NewsGenerator(Generator):
    def generate_context(self):
        news = services(self.settings).news
        self.languages = languages_from_settings(self.settings)
        self.pages = {code: index_pages(self.settings, language, news.get(code, []))
                      for code, language in self.languages.items()}

    def planned_outputs(self):
        """(path written, source) of the index pages and feeds, for the duplicate-path check."""
        outputs = []
        for code, language in self.languages.items():
            outputs.extend((page.save_as, f"the news index ({code})") for page in self.pages[code])
            outputs.extend((feed_path(language, kind), f"the news feed ({code})")
                           for kind in FEED_CLASSES)
        return outputs

    def generate_output(self, writer):
        settings = self.settings
        news = services(settings).news
        template = self.get_template("news_index")
        for code, language in self.languages.items():
            pages = self.pages[code]
            for page in pages:
                number = page.number
                urls_by_lang = {other: self.pages[other][number - 1].url
                                for other in self.languages if number <= len(self.pages[other])}
                writer.write_page(
                    page.url, template, self.context, code, urls_by_lang,
                    current_key="news", news_items=page.object_list,
                    pagination=Pagination(
                        number=number, count=len(pages),
                        previous_url=pages[number - 2].url if page.has_previous() else None,
                        next_url=pages[number].url if page.has_next() else None),
                )
            for kind in FEED_CLASSES:
                if is_rendered(settings, feed_path(language, kind)):
                    write_feed(settings, self.output_path, language, kind, news.get(code, []))
