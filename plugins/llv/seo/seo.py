"""What search engines and social networks read: sitemap, robots.txt, JSON-LD, 404.

Every HTML page written by any generator is recorded with its `page_languages`
as it is written (the `content_written` signal hands over the page's context,
never its HTML); the SEO generator runs after all the others and writes
`sitemap.xml` (with `xhtml:link` hreflang alternates) and `robots.txt` from
that record, and a 404 page per language (noindex, left out of the sitemap).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator

from llv.common.items import shown_item
from llv.common.jsonld import json_ld
from llv.common.outputs import ADMIN_FOLDER, ROBOTS_FILE, SITEMAP_FILE
from llv.common.rendering import is_rendered
from llv.common.services import SETTINGS_KEY, services
from llv.i18n.core import SECTION_TITLES, SITE_TAGLINE, page_languages
from llv.i18n.languages import languages_from_settings
from llv.model.keyfigures import key_figures_by_lang
from llv.typography.typography import typeset_text

NOT_FOUND_FILE = "404.html"
# The association was declared at the sous-préfecture de Lens on 2 July 2013 (a wiki
# draft, seed 003, is the only source: for the association to confirm).
FOUNDING_DATE = "2013-07-02"


@dataclass(frozen=True)
class WrittenPage:
    url: str  # relative to the site root, e.g. "en/about/"
    alternates: tuple[tuple[str, str], ...]  # (hreflang, url), x-default last


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str


def absolute(settings_or_context, url: str) -> str:
    return f"{settings_or_context.get('SITEURL', '')}/{url}"


# --- recording what is written ---------------------------------------------------


def record_page(path, context):
    """Pelican's content_written hands its receivers the page's context only: the
    build's services are found in it (the settings copied, `share_services`)."""
    languages = context.get("page_languages")
    if languages is None or context.get("noindex"):
        return
    url = dict(languages.alternates)[languages.lang]
    context[SETTINGS_KEY].written_pages.append(WrittenPage(url, languages.alternates))


# --- sitemap and robots.txt --------------------------------------------------------


def sitemap_xml(site_url: str, pages: list[WrittenPage]) -> str:
    """A sitemap with every page and its language alternates (Google's format)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    seen = set()
    for page in sorted(pages, key=lambda p: p.url):
        if page.url in seen:
            continue
        seen.add(page.url)
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(f'{site_url}/{page.url}')}</loc>")
        if len(page.alternates) > 2:  # more than the page itself and x-default
            for hreflang, url in page.alternates:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)}'
                    f" href={quoteattr(f'{site_url}/{url}')}/>"
                )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str, disallowed=()) -> str:
    rules = "".join(f"Disallow: {path}\n" for path in disallowed)
    return f"User-agent: *\n{rules}Allow: /\n\nSitemap: {site_url}/{SITEMAP_FILE}\n"


class SeoGenerator(Generator):
    """Writes the 404 pages; sitemap.xml and robots.txt are written once every page
    is (write_sitemap, on Pelican's `finalized`)."""

    def generate_context(self):
        self.context["key_figures_by_lang"] = key_figures_by_lang(self.settings)

    def generate_output(self, writer):
        settings = self.settings
        template = self.get_template("404")
        for code, language in languages_from_settings(settings).items():
            url = language.prefix + NOT_FOUND_FILE
            writer.write_file(
                url, template, self.context, url=url, noindex=True,
                page_languages=page_languages(settings, code, {code: url}),
                current_key="404",
            )



def write_sitemap(pelican):
    """sitemap.xml (every page written, with its language alternates) and robots.txt."""
    settings, output = pelican.settings, pelican.output_path
    site_url = settings.get("SITEURL", "")
    if is_rendered(settings, SITEMAP_FILE):
        with open(f"{output}/{SITEMAP_FILE}", "w", encoding="utf-8") as f:
            f.write(sitemap_xml(site_url, services(settings).written_pages))
    if is_rendered(settings, ROBOTS_FILE):
        with open(f"{output}/{ROBOTS_FILE}", "w", encoding="utf-8") as f:
            f.write(robots_txt(site_url, [f"/{ADMIN_FOLDER}/"]))  # the CMS is no page


# --- structured data (JSON-LD) ----------------------------------------------------


def breadcrumb_trail(context) -> list[Crumb]:
    """Home > section > page, for the page being written (empty on the home page)."""
    language = context.get("language")
    if language is None or context.get("noindex"):
        return []
    current = context.get("current_key")
    if current == context.get("HOME_PAGE_KEY", "home"):
        return []
    page_url = context["page_url"]
    trail = [Crumb(context.get("SITENAME", ""), language.home_url)]
    kind, item = shown_item(context)
    section = "news" if kind == "news" else current
    if section in SECTION_TITLES and section in language.sections:
        section_url = language.section_url(section)
        trail.append(Crumb(language.gettext(SECTION_TITLES[section]), section_url))
        if page_url == section_url:
            return trail
    facet = context.get("current_value")
    if item is not None:
        name = getattr(item, "title", None) or getattr(item, "name", None)
    elif facet is not None:
        name = facet.label
    else:  # a further page of a listing
        name = f"{trail[-1].name} ({page_url})"
        pagination = context.get("pagination")
        if pagination is not None:
            name = language.gettext("page %(number)s of %(count)s") % {
                "number": pagination.number, "count": pagination.count}
    if name:
        trail.append(Crumb(typeset_text(Markup(str(name)).striptags(), language.code), page_url))
    return trail


def organization(context) -> dict:
    legal = context.get("LEGAL")  # llv.legal: content/data/legal.yaml
    language = context["language"]
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": absolute(context, "#organization"),
        "name": typeset_text(context.get("SITENAME"), language.code),
        "url": absolute(context, ""),
        "description": typeset_text(language.gettext(SITE_TAGLINE), language.code),
        "foundingDate": FOUNDING_DATE,
        "inLanguage": language.code,
    }
    if legal is not None:
        address = legal.publisher.address
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "postalCode": address.postcode,
            "addressLocality": address.city,
            "addressCountry": "FR",
        }
        if legal.publisher.phone:
            data["telephone"] = legal.publisher.phone
        if legal.publisher.email:
            data["email"] = legal.publisher.email
    return data


def breadcrumb_list(context, trail: list[Crumb]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.name,
             "item": absolute(context, crumb.url)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


@pass_context
def structured_data(context) -> list[Markup]:
    """The JSON-LD blocks of the page being written."""
    blocks = []
    if context.get("current_key") == context.get("HOME_PAGE_KEY", "home") and context.get("page"):
        blocks.append(organization(context))
    trail = breadcrumb_trail(context)
    if len(trail) > 1:
        blocks.append(breadcrumb_list(context, trail))
    return [json_ld(block) for block in blocks]


@pass_context
def typeset_metadata(context, text) -> str:
    """A page's metadata (meta description, Open Graph title, description and image
    alt) typeset like its visible text, which the output pass leaves attributes out of."""
    text = text.unescape() if isinstance(text, Markup) else str(text)
    return typeset_text(text.strip(), context.get("lang"))


def install_template_helpers(generator):
    generator.env.globals["structured_data"] = structured_data
    generator.env.filters["typeset"] = typeset_metadata
