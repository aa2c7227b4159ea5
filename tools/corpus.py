"""A deterministic synthetic corpus shaped like the site's real content.

    python -m tools.corpus DIR --items 1000

writes DIR/content/ (pages, news, start-ups, partners, events, logos and a pool
of photos; each item in French and English) and DIR/corpusconf.py, the real
settings pointed at it. News posts and pages are shaped like real ones: about
600 words, `##`/`###` headings, a bullet and a numbered list, emphasis, two
external links, one `{filename}` link to another item of the same kind and one
photo from a pool of 20. The same texts are written for stock Pelican with
pelican-i18n-subsites (DIR/stock/) and for Hugo (DIR/hugo/), so that the
benchmark compares like with like. Nothing here is real content: it is for
benchmarks and tests only.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from tools.settings_files import inherit_site_settings

ROOT = Path(__file__).resolve().parent.parent

WORDS = {
    "fr": ("musée patrimoine numérique médiation atelier culture public projet territoire "
           "création artisan design données visiteur école tourisme lumière verre collection "
           "innovation savoir réseau entreprise incubateur jeune œuvre parc mine exposition "
           "archive image son récit carte voyage mémoire usage lieu communauté accompagnement "
           "fondateur équipe prototype habitant quartier chantier programme").split(),
    "en": ("museum heritage digital mediation workshop culture public project territory "
           "creation craftsman design data visitor school tourism light glass collection "
           "innovation knowledge network company incubator young work park mine exhibition "
           "archive image sound story map journey memory use place community support "
           "founder team prototype resident neighbourhood site programme").split(),
}
HEADINGS = {
    "fr": ["Le projet", "Ce qui change", "Les étapes", "Pour aller plus loin", "Le calendrier",
           "Les partenaires", "Retour d'expérience", "Et ensuite"],
    "en": ["The project", "What changes", "The steps", "Going further", "The timetable",
           "The partners", "Lessons learned", "What comes next"],
}
LINK_TEXT = {"fr": ("voir aussi", "le site du projet", "la présentation"),
             "en": ("see also", "the project's website", "the presentation")}
SECTORS = ["digitisation", "heritage", "mediation", "arts-and-crafts", "tourism", "education",
           "visitor-experience", "data", "design"]
PARTNER_KINDS = ["founding-member", "institutional-partner", "company-partner",
                 "french-tech-community"]
EVENT_KINDS = ["culturathon", "afterwork", "workshop", "conference"]
LANGS = ("fr", "en")
PHOTOS = 20
_FILENAME_LINK = re.compile(r"\{filename\}/(\w+)/([\w-]+)\.(\w+)\.md")
_PHOTO = re.compile(r"\]\((images/pool/photo-\d+\.jpg)\)")


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
        pages = max(3, items // 50)
        partners = max(1, items // 25)
        startups = max(1, items // 5)
        events = max(1, items // 8)
        news = max(2, items - pages - partners - startups - events)
        return cls(pages, partners, startups, events, news, logos=max(1, min(startups, items // 50)))


class Writer:
    """Random text in one language, the same random choices for every language."""

    def __init__(self, seed: int):
        self.seed = seed

    def rng(self, *key) -> random.Random:
        return random.Random(f"{self.seed}:{':'.join(map(str, key))}")

    @staticmethod
    def sentence(rng: random.Random, lang: str, words: int) -> str:
        text = " ".join(rng.choice(WORDS[lang]) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, rng, lang: str, sentences: int = 4) -> str:
        return " ".join(self.sentence(rng, lang, rng.randint(9, 17)) for _ in range(sentences))


def long_text(writer: Writer, rng: random.Random, lang: str, link: str, photo: int) -> str:
    """About 600 words, shaped like a real news post or page."""
    w = WORDS[lang]
    headings = rng.sample(HEADINGS[lang], 3)
    emphasised = writer.paragraph(rng, lang, 3).split(" ")
    emphasised[3] = f"*{emphasised[3]}*"
    emphasised[9] = f"**{emphasised[9]} {emphasised[10]}**"
    del emphasised[10]
    see_also, website, presentation = LINK_TEXT[lang]
    parts = [
        writer.paragraph(rng, lang, 5),
        f"## {headings[0]}",
        writer.paragraph(rng, lang),
        writer.paragraph(rng, lang),
        "\n".join(f"- {writer.sentence(rng, lang, rng.randint(6, 11))}" for _ in range(4)),
        f"### {headings[1]}",
        " ".join(emphasised) + f" [{website}](https://projet-{rng.randint(1, 999)}.example.org/).",
        "\n".join(f"{n}. {writer.sentence(rng, lang, rng.randint(6, 10))}" for n in (1, 2, 3)),
        f"![{rng.choice(w).capitalize()} {rng.choice(w)} {rng.choice(w)}]"
        f"(images/pool/photo-{photo:02d}.jpg)",
        f"## {headings[2]}",
        writer.paragraph(rng, lang)
        + f" [{presentation}](https://www.example.com/{rng.choice(w)}/{rng.randint(1, 99)})"
        + f", [{see_also}]({link}).",
        writer.paragraph(rng, lang, 6),
        writer.paragraph(rng, lang, 6),
        writer.paragraph(rng, lang, 4),
    ]
    return "\n\n".join(parts)


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


def _photo(path: Path, rng: random.Random):
    """A 1600×1067 photo-like JPEG: a gradient with shapes (a few hundred KB)."""
    width, height = 1600, 1067
    top = [rng.randint(40, 220) for _ in range(3)]
    bottom = [rng.randint(20, 200) for _ in range(3)]
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", (width, height), tuple(bottom)),
                            Image.new("RGB", (width, height), tuple(top)), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randint(0, width), rng.randint(0, height)
        radius = rng.randint(20, 220)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius),
                     fill=tuple(rng.randint(0, 255) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=88)


def _stock(text: str, meta: dict) -> str:
    """The same text for stock Pelican: its metadata header, `{static}` images."""
    header = "".join(f"{name.capitalize()}: {value}\n" for name, value in meta.items())
    return header + "\n" + _PHOTO.sub(r"]({static}/\1)", text) + "\n"


def _hugo(text: str, meta: dict) -> str:
    """The same text for Hugo: front matter, `relref` links, static images."""
    body = _FILENAME_LINK.sub(lambda m: f'{{{{< relref "/{m[1]}/{m[2]}.md" >}}}}', text)
    body = _PHOTO.sub(r"](/\1)", body)
    front = "".join(f"{name}: {value}\n" for name, value in meta.items())
    return f"---\n{front}---\n\n{body}\n"


def write_corpus(target: Path, items: int, seed: int = 2013) -> Mix:
    mix = Mix.for_items(items)
    writer = Writer(seed)
    content = target / "content"
    stock, hugo = target / "stock" / "content", target / "hugo" / "content"

    for n in range(PHOTOS):
        photo = content / "images" / "pool" / f"photo-{n:02d}.jpg"
        _photo(photo, writer.rng("photo", n))
        for copy in (stock / "images" / "pool", target / "hugo" / "static" / "images" / "pool"):
            copy.mkdir(parents=True, exist_ok=True)
            (copy / photo.name).write_bytes(photo.read_bytes())

    home = {"fr": ("Accueil", "accueil"), "en": ("Home", "home")}
    for lang in LANGS:
        title, slug = home[lang]
        _write(content / "pages" / f"home.{lang}.md",
               f"---\ntitle: {title}\nslug: {slug}\nsummary: {title} du corpus de test.\n"
               f"template: home\n---\n\nCorpus.\n")

    # Pages and news: each links to the next item of its kind, in its language.
    for kind, folder, count in (("page", "pages", mix.pages - 1), ("news", "news", mix.news)):
        for n in range(count):
            date = f"20{10 + n % 16:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
            rng_shared = writer.rng(kind, n)
            photo = rng_shared.randrange(PHOTOS)
            for lang in LANGS:
                rng = writer.rng(kind, n, lang)
                key = f"{kind}-{n}"
                link = f"{{filename}}/{folder}/{kind}-{(n + 1) % count}.{lang}.md"
                body = long_text(writer, rng, lang, link, photo)
                title = (f"Page {n}" if kind == "page" else
                         f"Actualité {n}" if lang == "fr" else f"News item {n}")
                slug = f"{kind}-{n}-{lang}" if kind == "page" else (
                    f"actualite-{n}" if lang == "fr" else f"news-{n}")
                summary = writer.sentence(rng, lang, 14)
                meta = {"title": title, "slug": slug, "summary": summary}
                if kind == "news":
                    meta["date"] = date
                front = "".join(f"{k}: {v}\n" for k, v in meta.items())
                _write(content / folder / f"{key}.{lang}.md", f"---\n{front}---\n\n{body}\n")
                _write(stock / folder / f"{key}.{lang}.md",
                       _stock(body, {**meta, "lang": lang, "translation_key": key}))
                _write(hugo / folder / f"{key}.{lang}.md", _hugo(body, meta))

    for n in range(mix.partners):
        rng = writer.rng("partner", n)
        _write(content / "partners" / f"partner-{n}.yaml", textwrap.dedent(f"""\
            slug: partner-{n}
            name: Partenaire {n}
            kind: {PARTNER_KINDS[n % len(PARTNER_KINDS)]}
            website: https://partner-{n}.example.org
            description:
              fr: {writer.sentence(rng, "fr", 12)}
              en: {writer.sentence(rng, "en", 12)}
            """))

    for n in range(mix.logos):
        _logo(content / "images" / "logos" / f"startup-{n}.png", writer.rng("logo", n))
    for n in range(mix.startups):
        rng = writer.rng("startup", n)
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
              fr: {writer.sentence(rng, "fr", 14)}
              en: {writer.sentence(rng, "en", 14)}
            """) + logo)
        for lang in LANGS:
            rng = writer.rng("startup", n, lang)
            body = "\n\n".join([writer.paragraph(rng, lang), f"## {HEADINGS[lang][n % 8]}",
                                writer.paragraph(rng, lang), writer.paragraph(rng, lang)])
            _write(content / "startups" / f"startup-{n}.{lang}.md", body + "\n")
            meta = {"title": f"Start-up {n}", "slug": f"startup-{n}"}
            _write(stock / "startups" / f"startup-{n}.{lang}.md",
                   _stock(body, {**meta, "lang": lang, "translation_key": f"startup-{n}"}))
            _write(hugo / "startups" / f"startup-{n}.{lang}.md", _hugo(body, meta))

    for n in range(mix.events):
        rng = writer.rng("event", n)
        day = f"20{20 + n % 10:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        _write(content / "events" / f"event-{n}.yaml", textwrap.dedent(f"""\
            slug: event-{n}
            kind: {EVENT_KINDS[n % len(EVENT_KINDS)]}
            title:
              fr: Événement {n}
              en: Event {n}
            description:
              fr: {writer.sentence(rng, "fr", 12)}
              en: {writer.sentence(rng, "en", 12)}
            start: {day} 18:30
            end: {day} 21:00
            place:
              name: Louvre Lens Vallée
              address: 84 rue Paul Bert, 62300 Lens
            price: free
            """))

    (target / "corpusconf.py").write_text(inherit_site_settings() + textwrap.dedent(f"""\
        PATH = {str(content)!r}
        NAVIGATION = ()
        FOOTER_NAVIGATION = ()
        BUILD_NOW = "2026-11-21T12:00:00"
        """), encoding="utf-8")
    _write_stock_settings(target / "stock")
    _write_hugo_site(target / "hugo")
    return mix


def _write_stock_settings(stock: Path):
    """Stock Pelican and pelican-i18n-subsites, the Pelican route to a French
    site at / and its English subsite at /en/, with Pelican's default theme."""
    (stock / "pelicanconf.py").write_text(textwrap.dedent("""\
        SITENAME = "Corpus"
        PATH = "content"
        ARTICLE_PATHS = ["news"]
        PAGE_PATHS = ["pages", "startups"]
        STATIC_PATHS = ["images"]
        DEFAULT_LANG = "fr"
        TIMEZONE = "Europe/Paris"
        ARTICLE_TRANSLATION_ID = "translation_key"
        PAGE_TRANSLATION_ID = "translation_key"
        PLUGINS = ["i18n_subsites"]
        I18N_SUBSITES = {"en": {"SITENAME": "Corpus"}}
        JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
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
    parser.add_argument("--items", type=int, default=1000, help="items per language")
    args = parser.parse_args(argv)
    mix = write_corpus(args.target, args.items)
    print(f"Corpus in {args.target}: {mix}")


if __name__ == "__main__":
    main()
