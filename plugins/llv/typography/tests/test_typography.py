"""French typography, and English, in what a tiny site prints: pages, feeds, UI strings.

French text gets no-break spaces before `: ; ! ?` and inside « », digit groups
that never wrap, ’ apostrophes and raised ordinals; English keeps English rules;
nothing changes inside tags, attributes, code or JSON-LD.
"""

import json

import pytest

from llv.common.testing import build_site, page
from llv.typography.tests.mistakes import typography_mistakes

NBSP, NNBSP = "\u00a0", "\u202f"
FRENCH_PAGE = page("Essai de typographie", "typographie", body="""\
Premier appel : six lauréats ; « French Touch » ! Pourquoi? l'école, "citation".

Plus de 22 000 visiteurs, 300 exposants, 350 m² et 50 %. Le 6ème Culturathon, la 1ère fois,
le 1er juillet 1901, la loi n° 2005-102, le 27 novembre 2014. Code postal 62300, téléphone 03 21 21 62 16,
à 18:30, sur https://exemple.fr/a?b=1.

Un [lien](https://exemple.fr/l'a?b=1;c "titre : l'info") et du code `a : b 'x'`.

    bloc : de 'code'

<p lang="en">An English quote: it's "fine".</p>
""")
ENGLISH_PAGE = page("Typography test", "typography", body="""\
It's "fine": no space before colons; 22,000 visitors.
""")


@pytest.fixture(scope="module")
def typeset_site(tmp_path_factory):
    # feeds to typeset, and a start-up page
    return build_site(tmp_path_factory.mktemp("typography"), {
        "pages/typographie.fr.md": FRENCH_PAGE,
        "pages/typographie.en.md": ENGLISH_PAGE,
        "news/essai.fr.md": '---\ntitle: "Essai : le flux"\nslug: essai\nsummary: Un essai.\n'
                            "date: 2026-11-01\n---\n\nUn texte d'essai ; voilà !\n",
        "startups/outil.yaml": "name: L'outil\nslug: outil\npitch:\n  fr: \"Un outil : simple !\"\n",
    }, {"SITEURL": "https://llv.example"})


def _prose(site, url) -> str:
    html = site.path_for(url).read_text(encoding="utf-8")
    return html[html.index('<div class="prose">'):html.index("</article>")]


def test_french_text_is_typeset(typeset_site):
    prose = _prose(typeset_site, "/typographie/")
    for expected in (
        f"Premier appel{NBSP}: six lauréats{NNBSP}; «{NBSP}French Touch{NBSP}»{NNBSP}!",
        f"Pourquoi{NNBSP}? l’école, «{NBSP}citation{NBSP}».",
        f"22{NNBSP}000 visiteurs", f"350{NBSP}m²", f"50{NBSP}%",
        "Le 6<sup>e</sup> Culturathon, la 1<sup>re</sup> fois",
        f"le 1<sup>er</sup>{NBSP}juillet 1901", f"loi n<sup>o</sup>{NBSP}2005-102",
        f"le 27{NBSP}novembre 2014",
        "Code postal 62300", "à 18:30, sur https://exemple.fr/a?b=1.",
    ):
        assert expected in prose, expected
    assert not typography_mistakes(prose, "/typographie/")


def test_nothing_changes_inside_urls_attributes_code_or_json_ld(typeset_site):
    prose = _prose(typeset_site, "/typographie/")
    assert '<a href="https://exemple.fr/l\'a?b=1;c" title="titre : l\'info">lien</a>' in prose
    assert "<code>a : b 'x'</code>" in prose
    assert "<pre><code>bloc : de 'code'" in prose
    html = typeset_site.html("/actualites/essai/")
    blocks = [json.loads(script.string)
              for script in html.find_all("script", type="application/ld+json")]
    crumbs = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    # metadata is typeset where it is made (llv.seo, with typeset_text), not by this pass
    assert crumbs["itemListElement"][-1]["name"] == f"Essai{NBSP}: le flux"
    assert html.h1.get_text() == f"Essai{NBSP}: le flux"
    assert html.find("meta", property="og:title")["content"] == \
        f"Essai{NBSP}: le flux — Louvre Lens Vallée"
    assert html.title.get_text() == f"Essai{NBSP}: le flux — Louvre Lens Vallée"


def test_english_keeps_english_rules(typeset_site):
    french = _prose(typeset_site, "/typographie/")
    assert "An English quote: it’s “fine”." in french
    english = _prose(typeset_site, "/en/typography/")
    assert "It’s “fine”: no space before colons; 22,000 visitors." in english
    # an English page showing a French text marks it French, and types it so
    pitch = typeset_site.html("/en/start-ups/outil/").select_one(".startup__pitch")
    assert pitch["lang"] == "fr" and pitch.get_text(strip=True) == f"Un outil{NBSP}: simple{NNBSP}!"


def test_feeds_and_ui_strings_are_typeset(typeset_site):
    atom = (typeset_site.output / "actualites" / "atom.xml").read_text(encoding="utf-8")
    assert f"<title>Essai{NBSP}: le flux</title>" in atom
    assert f"Un texte d’essai{NNBSP}; voilà{NNBSP}!" in atom
    footer = typeset_site.html("/typographie/").select_one("footer").get_text()
    assert f"Accessibilité{NBSP}: non conforme" in footer
