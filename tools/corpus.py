"""A deterministic synthetic corpus of the site's own content types.

    python -m tools.corpus DIR --items 2500

writes DIR/content/ (pages, news, start-ups, partners, events, logos; each item
in French and English) and DIR/corpusconf.py, the real settings pointed at it.
The same texts are also written for stock Pelican (DIR/stock/) and Hugo
(DIR/hugo/) so that the benchmark compares like with like. Nothing here is
real content: it is for benchmarks and tests only.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "musée patrimoine numérique médiation atelier culture public projet territoire "
    "création artisan design données visiteur école tourisme lumière verre collection "
    "innovation savoir réseau entreprise incubateur jeune atelier oeuvre parc mine "
    "exposition archive image son récit carte voyage mémoire usage lieu communauté"
).split()
SECTORS = ["digitisation", "heritage", "mediation", "arts-and-crafts", "tourism", "education",
           "visitor-experience", "data", "design"]
PARTNER_KINDS = ["founding-member", "funder", "institutional-partner", "company-partner",
                 "french-tech-community"]
EVENT_KINDS = ["culturathon", "afterwork", "workshop", "conference", "coding-gouter"]


@dataclass(frozen=True)
class Mix:
    """How many items of each type, per language."""

    pages: int
    partners: int
    startups: int
    events: int
    news: int
    logos: int

    @classmethod
    def for_items(cls, items: int) -> "Mix":
        pages = max(2, items // 50)
        partners = max(1, items // 25)
        startups = max(1, items // 5)
        events = max(1, items // 8)
        news = max(1, items - pages - partners - startups - events)
        return cls(pages, partners, startups, events, news, logos=max(1, min(startups, items // 50)))


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(sentence(rng, rng.randint(8, 18)) for _ in range(4))
                       for _ in range(count))


def _write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _logo(path: Path, rng: random.Random):
    image = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = tuple(rng.randint(0, 200) for _ in range(3)) + (255,)
    draw.rounded_rectangle((40, 40, 440, 200), radius=30, fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=False)


def write_corpus(target: Path, items: int, seed: int = 2013) -> Mix:
    rng = random.Random(seed)
    mix = Mix.for_items(items)
    content, stock, hugo = target / "content", target / "stock" / "content", target / "hugo" / "content"
    _write(content / "pages" / "home.fr.md", "---\ntitle: Accueil\nslug: accueil\nsummary: Page d'accueil du corpus de test.\ntemplate: home\n---\n\nCorpus.\n")
    _write(content / "pages" / "home.en.md", "---\ntitle: Home\nslug: home\nsummary: Home page of the test corpus.\ntemplate: home\n---\n\nCorpus.\n")

    for n in range(mix.pages - 1):
        body = paragraphs(rng, 4)
        for lang in ("fr", "en"):
            title = f"Page {n} {lang}"
            slug = f"page-{n}-{lang}"
            front = f"title: {title}\nslug: {slug}\nsummary: {sentence(rng, 10)}\n"
            _write(content / "pages" / f"page-{n}.{lang}.md", f"---\n{front}---\n\n{body}\n")
            _write(stock / "pages" / f"page-{n}.{lang}.md",
                   f"Title: {title}\nSlug: {slug}\nLang: {lang}\nTranslation_key: page-{n}\n\n{body}\n")
            _write(hugo / "pages" / f"page-{n}.{lang}.md",
                   f"---\ntitle: {title}\nslug: {slug}\n---\n\n{body}\n")

    for n in range(mix.news):
        body = paragraphs(rng, 5)
        date = f"20{10 + n % 16:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        for lang in ("fr", "en"):
            title = f"Actualité {n}" if lang == "fr" else f"News item {n}"
            slug = f"actualite-{n}" if lang == "fr" else f"news-{n}"
            summary = sentence(rng, 12)
            _write(content / "news" / f"news-{n}.{lang}.md",
                   f"---\ntitle: {title}\nslug: {slug}\ndate: {date}\nsummary: {summary}\n---\n\n{body}\n")
            _write(stock / "news" / f"news-{n}.{lang}.md",
                   f"Title: {title}\nSlug: {slug}\nDate: {date}\nLang: {lang}\n"
                   f"Translation_key: news-{n}\nSummary: {summary}\n\n{body}\n")
            _write(hugo / "news" / f"news-{n}.{lang}.md",
                   f"---\ntitle: {title}\nslug: {slug}\ndate: {date}\nsummary: {summary}\n---\n\n{body}\n")

    for n in range(mix.partners):
        _write(content / "partners" / f"partner-{n}.yaml", textwrap.dedent(f"""\
            slug: partner-{n}
            name: Partenaire {n}
            kind: {PARTNER_KINDS[n % len(PARTNER_KINDS)]}
            website: https://partner-{n}.example.org
            description:
              fr: {sentence(rng, 12)}
              en: {sentence(rng, 12)}
            """))

    for n in range(mix.logos):
        _logo(content / "images" / "logos" / f"startup-{n}.png", rng)
    for n in range(mix.startups):
        sectors = sorted(rng.sample(SECTORS, 2))
        logo = f"logo: images/logos/startup-{n}.png\n" if n < mix.logos else ""
        _write(content / "startups" / f"startup-{n}.yaml", textwrap.dedent(f"""\
            slug: startup-{n}
            name: Start-up {n}
            website: https://startup-{n}.example.org
            founders: [Personne {n}]
            founded: {2010 + n % 15}
            cohort: {2014 + n % 12}
            programme: {["incubation", "acceleration", "nursery"][n % 3]}
            status: {["current", "alumni"][n % 2]}
            sectors: [{", ".join(sectors)}]
            pitch:
              fr: {sentence(rng, 14)}
              en: {sentence(rng, 14)}
            """) + logo)
        body = paragraphs(rng, 3)
        for lang in ("fr", "en"):
            _write(content / "startups" / f"startup-{n}.{lang}.md", body + "\n")
            _write(hugo / "startups" / f"startup-{n}.{lang}.md",
                   f"---\ntitle: Start-up {n}\nslug: startup-{n}\n---\n\n{body}\n")

    for n in range(mix.events):
        day = f"20{20 + n % 10:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        _write(content / "events" / f"event-{n}.yaml", textwrap.dedent(f"""\
            slug: event-{n}
            kind: {EVENT_KINDS[n % len(EVENT_KINDS)]}
            title:
              fr: Événement {n}
              en: Event {n}
            description:
              fr: {sentence(rng, 12)}
              en: {sentence(rng, 12)}
            start: {day} 18:30
            end: {day} 21:00
            place:
              name: Louvre Lens Vallée
              address: 84 rue Paul Bert, 62300 Lens
            price: free
            """))

    (target / "corpusconf.py").write_text(textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *  # noqa
        PATH = {str(content)!r}
        NAVIGATION = ()
        FOOTER_NAVIGATION = ()
        BUILD_NOW = "2026-11-21T12:00:00"
        """), encoding="utf-8")
    _write_stock_settings(target / "stock")
    _write_hugo_site(target / "hugo")
    return mix


def _write_stock_settings(stock: Path):
    (stock / "pelicanconf.py").write_text(textwrap.dedent("""\
        SITENAME = "Corpus"
        PATH = "content"
        ARTICLE_PATHS = ["news"]
        PAGE_PATHS = ["pages"]
        DEFAULT_LANG = "fr"
        TIMEZONE = "Europe/Paris"
        ARTICLE_TRANSLATION_ID = "translation_key"
        PAGE_TRANSLATION_ID = "translation_key"
        PLUGINS = []
        CACHE_CONTENT = False
        DEFAULT_PAGINATION = 10
        """), encoding="utf-8")


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}
{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}</article>{{ end }}"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}{{ end }}"""


def _write_hugo_site(hugo: Path):
    _write(hugo / "hugo.toml", textwrap.dedent("""\
        baseURL = "https://example.org/"
        title = "Corpus"
        defaultContentLanguage = "fr"
        disableKinds = ["taxonomy", "term"]
        [pagination]
        pagerSize = 10
        [languages.fr]
        languageName = "Français"
        weight = 1
        [languages.en]
        languageName = "English"
        weight = 2
        """))
    _write(hugo / "layouts" / "_default" / "baseof.html", HUGO_BASEOF)
    _write(hugo / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    _write(hugo / "layouts" / "_default" / "list.html", HUGO_LIST)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--items", type=int, default=2500, help="items per language")
    args = parser.parse_args(argv)
    mix = write_corpus(args.target, args.items)
    print(f"Corpus in {args.target}: {mix}")


if __name__ == "__main__":
    main()
