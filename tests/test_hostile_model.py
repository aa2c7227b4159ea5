"""Hostile content, round three (issue 23): values that do not mean what an
editor reads, addresses the site publishes itself, files that clash, times
the clocks skip, links that lead nowhere yet, and the follow-on messages of a
single mistake. Each class is one broken copy of a good site: `make html`
and `make check` both fail with exactly the expected `content/…:line: …`
lines and nothing else, no traceback, nothing of the machine, output/ untouched."""

import os

import pytest

from tests.hostiletools import (STARTUP, assert_refused, build, built_baseline, check, copy_site,
                                page, write)

PARTNER = "name: Orange\nslug: orange\nkind: company-partner\ndescription: {fr: Partenaire.}\n"
EVENT = "slug: {slug}\nkind: workshop\ntitle:\n  fr: {title}\nstart: {start}\n"
NEWS = "---\ntitle: {title}\nslug: {slug}\nsummary: Résumé.\ndate: {date}\n{extra}---\n\n{body}\n"
GOOD = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos"),
    "pages/about.en.md": page("About", "about"),
    "pages/legal.fr.md": page("Mentions légales", "mentions-legales"),
    "startups/wezaart.yaml": STARTUP,
    "startups/teweco.yaml": STARTUP.replace("wezaart", "teweco").replace("Wezaart", "Teweco"),
    "partners/orange.yaml": PARTNER,
    # the night the clocks go back: a time before 02:00 and one from 03:00 are fine
    "events/nuit.yaml": EVENT.format(slug="nuit", title="Nuit", start="2027-10-31 01:30")
                        + "end: 2027-10-31 03:00\n",
    "news/old.fr.md": NEWS.format(title="Ancienne", slug="ancienne", date="2020-01-01", extra="",
                                  body="Texte."),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return built_baseline(tmp_path_factory.mktemp("hostile-model"), GOOD,
                          settings="NAVIGATION = ('about', 'legal')\n")


def _errors(run) -> list[str]:
    """Every error line of `make html` (logged ERROR:) or `make check`."""
    return sorted(line.removeprefix("ERROR: ") for line in run.out.splitlines()
                  if line.startswith(("ERROR: ", "content/")) or "Error" in line)


def refused_exactly(folder, expected: list[str]):
    """Both commands fail with one line per expected prefix, and no other error."""
    runs = assert_refused(folder, expected)
    for run in runs:
        errors = _errors(run)
        assert len(errors) == len(expected), "\n".join(errors)
        for line in expected:
            assert sum(found.startswith(line) for found in errors) == 1, (line, errors)
    return runs


def _broken(baseline, tmp_path, files) -> os.PathLike:
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", files)
    return folder


# --- 8. one line where a calendar, a feed or a page's head needs one -------------------

ONE_LINE = "expected one line, found a line break"
LINE_BREAK_CASES = [
    ("events/titre.yaml", EVENT.format(slug="titre", title='"Deux\\nlignes"', start="2027-03-01"),
     f"content/events/titre.yaml:4: title.fr: {ONE_LINE} (position 5)"),
    ("events/bloc.yaml", "slug: bloc\nkind: workshop\ntitle:\n  fr: Titre\n  en: |\n    Two\n    lines\n"
     "start: 2027-03-01\n", f"content/events/bloc.yaml:5: title.en: {ONE_LINE} (position 4)"),
    ("events/lieu.yaml", EVENT.format(slug="lieu", title="Lieu", start="2027-03-01")
     + 'place:\n  name: "Le\\nTotem"\n  address: "84 rue Paul Bert\\nLens"\n',
     f"content/events/lieu.yaml:7: place.name: {ONE_LINE}"),
    ("events/lieu.yaml", None, f"content/events/lieu.yaml:8: place.address: {ONE_LINE}"),
    ("news/titre.fr.md", NEWS.format(title='"Une\\nactualité"', slug="titre", date="2020-01-02",
                                     extra="", body="Texte."),
     f"content/news/titre.fr.md:2: title: {ONE_LINE}"),
    ("pages/resume.fr.md", "---\ntitle: Résumé\nslug: resume\nsummary: |\n  Première ligne.\n"
     "  Deuxième ligne.\n---\n\nTexte.\n", f"content/pages/resume.fr.md:4: summary: {ONE_LINE}"),
    ("pages/menu.fr.md", page("Menu", "menu", menu='"À\\npropos"'),
     f"content/pages/menu.fr.md:5: menu: {ONE_LINE}"),
    ("startups/nom.yaml", STARTUP.replace("name: Wezaart", 'name: "Wez\\naart"').replace(
        "slug: wezaart", "slug: nom"), f"content/startups/nom.yaml:1: name: {ONE_LINE}"),
    ("partners/nom.yaml", PARTNER.replace("name: Orange", 'name: {fr: "Or\\nange"}').replace(
        "slug: orange", "slug: nom"), f"content/partners/nom.yaml:1: name: {ONE_LINE}"),
]


# --- 9. numbers and words that YAML 1.1 reads otherwise ---------------------------------

def _figures(*values) -> str:
    return "figures:\n" + "".join(
        f"  - value: {v}\n    label: {{fr: a, en: a}}\n    as_of: 2022\n    source: {{fr: a, en: a}}\n"
        for v in values)


YAML11_CASES = [
    ("data/key-figures.yaml", _figures("0100", "1e3", "2_000", "0x1F"),
     "content/data/key-figures.yaml:2: figures[0].value: `0100` starts with 0, which YAML reads as"
     " an octal number (64): write 100, or put it in quotes ('0100') to keep it as text"),
    ("data/key-figures.yaml", None,
     "content/data/key-figures.yaml:6: figures[1].value: `1e3` is read as text by some YAML readers"
     " and as the number 1000 by others: write 1000"),
    ("data/key-figures.yaml", None,
     "content/data/key-figures.yaml:10: figures[2].value: `2_000` has a `_`"),
    ("data/key-figures.yaml", None,
     "content/data/key-figures.yaml:14: figures[3].value: `0x1F` is read as the hexadecimal number 31"),
    ("events/prix.yaml", EVENT.format(slug="prix", title="Prix", start="2027-03-01")
     + "price: 015\nplace: {name: Totem, latitude: .inf, longitude: 1:30}\n",
     "content/events/prix.yaml:6: price: `015` starts with 0, which YAML reads as an octal number"
     " (13): write 15"),
    ("events/prix.yaml", None, "content/events/prix.yaml:7: place.latitude: `.inf` is read as infinity"),
    ("events/prix.yaml", None,
     "content/events/prix.yaml:7: place.longitude: `1:30` is read as the number 90 (base 60)"),
    ("startups/no.yaml", STARTUP.replace("slug: wezaart", "slug: no"),
     "content/startups/no.yaml:2: slug: `no` is read as the boolean false: put it in quotes ('no')"),
    ("partners/on.yaml", PARTNER.replace("slug: orange", "slug: on-air").replace(
        "description: {fr: Partenaire.}", "description: {fr: on}"),
     "content/partners/on.yaml:4: description.fr: `on` is read as the boolean true"),
    ("pages/oui.fr.md", page("Oui", "oui", menu="yes"),
     "content/pages/oui.fr.md:5: menu: `yes` is read as the boolean true: put it in quotes ('yes')"),
    ("news/date.fr.md", NEWS.format(title="2022-10-14", slug="date", date="2020-01-02", extra="",
                                    body="Texte."),
     "content/news/date.fr.md:2: title: expected text, found 2022-10-14 (YAML reads it as a date:"
     " put it in quotes"),
]


# --- 10. the addresses the site publishes itself ---------------------------------------

RESERVED_CASES = [
    ("pages/admin.fr.md", page("Admin", "admin"),
     "content/pages/admin.fr.md:3: slug: the address /admin/ is the site's own (the CMS)"),
    ("pages/recherche.fr.md", page("Recherche", "recherche"),
     "content/pages/recherche.fr.md:3: slug: the address /recherche/ is the site's own"
     " (the search page (fr))"),
    ("pages/search.en.md", page("Search", "search"),
     "content/pages/search.en.md:3: slug: the address /en/search/ is the site's own"),
    ("pages/en.fr.md", page("En", "en"),
     "content/pages/en.fr.md:3: slug: the address /en/ is the site's own (the English pages)"),
    ("pages/pagefind.fr.md", page("Index", "pagefind"),
     "content/pages/pagefind.fr.md:3: slug: the address /pagefind/ is the site's own"),
    ("pages/theme.fr.md", page("Thème", "theme"),
     "content/pages/theme.fr.md:3: slug: the address /theme/ is the site's own"),
    ("pages/images.fr.md", page("Images", "images"),
     "content/pages/images.fr.md:3: slug: the address /images/ is the site's own"),
    ("news/page.fr.md", NEWS.format(title="Page", slug="page", date="2020-01-02", extra="",
                                    body="Texte."),
     "content/news/page.fr.md:3: slug: the address /actualites/page/ is the site's own"),
    ("events/archives.yaml", EVENT.format(slug="archives", title="Archives", start="2020-01-02"),
     "content/events/archives.yaml:1: slug: the address /agenda/archives/ is the site's own"),
    ("startups/secteur.yaml", STARTUP.replace("slug: wezaart", "slug: secteur"),
     "content/startups/secteur.yaml:2: slug: the address /start-up/secteur/ is the site's own"),
    ("redirects.yaml", "redirects:\n  - old: /admin/\n    new: /\n  - old: /sitemap.xml\n    new: /\n"
     "  - old: /en/ancienne/\n    new: /en/\n",
     "content/redirects.yaml:2: redirects[0].old: '/admin/' is the site's own (the CMS);"
     " it cannot be redirected"),
    ("redirects.yaml", None, "content/redirects.yaml:4: redirects[1].old: '/sitemap.xml' is the"
     " site's own (the sitemap)"),
]


def test_the_site_s_own_addresses_are_reserved(baseline, tmp_path):
    folder = _broken(baseline, tmp_path, {n: t for n, t, _ in RESERVED_CASES if t}
                     | {"pages/ok.en.md": page("Ok", "recherche")})  # /en/recherche/ is free
    built, _ = refused_exactly(folder, [line for _, _, line in RESERVED_CASES])
    assert ".build" not in built.out


# --- 11, 22. files that clash -------------------------------------------------------

def test_a_clash_of_files_is_reported_once_naming_every_file(baseline, tmp_path):
    folder = _broken(baseline, tmp_path, {
        "pages/a/about.fr.md": page("Autre", "autre"),  # same name and language, another slug
        "pages/copie.fr.md": page("Copie", "mentions-legales"),  # a slug taken twice
        "news/2020/old.fr.md": NEWS.format(title="Copie", slug="ancienne", date="2020-01-01",
                                           extra="", body="Texte."),  # a copy in a subfolder
    })
    os.symlink("about.en.md", folder / "content/pages/twin.en.md")  # a link to a sibling
    os.symlink("wezaart.yaml", folder / "content/startups/double.yaml")
    built, _ = refused_exactly(folder, [
        "content/startups/double.yaml:2: slug: the slug `wezaart` is also used by"
        " content/startups/wezaart.yaml:2; each startup needs its own",
        "content/pages/a/about.fr.md: content/pages/about.fr.md has the same name (about.fr.md)"
        " in another folder",
        "content/news/2020/old.fr.md: content/news/old.fr.md has the same name (old.fr.md)",
        "content/pages/copie.fr.md:3: slug: two pages would be written to"
        " mentions-legales/index.html: this file and content/pages/legal.fr.md:3; change a slug",
        "content/pages/about.en.md:3: slug: two pages would be written to en/about/index.html:"
        " this file and content/pages/twin.en.md:3",
    ])
    assert "FileOverwriteFailedError" not in built.out and ".build" not in built.out


# --- 13, 23. a link to news not published yet, links that loop -------------------

def test_links_to_news_published_later_and_loops_of_links(baseline, tmp_path):
    """A link to a post dated after the build's day (13) and links that loop (23)."""
    later = "content/news/later.fr.md is published on 2027-01-05: until then this link leads nowhere"
    folder = _broken(baseline, tmp_path, {  # the build's "now": 21 November 2026
        "news/later.fr.md": NEWS.format(title="Plus tard", slug="plus-tard", date="2027-01-05",
                                        extra="", body="Texte."),
        "news/after.fr.md": NEWS.format(title="Après", slug="apres", date="2027-02-01", extra="",
                                        body="[lien]({filename}later.fr.md)"),  # fine: later still
        "news/soon.fr.md": NEWS.format(title="Bientôt", slug="bientot", date="2026-12-01", extra="",
                                       body="[lien]({filename}later.fr.md)"),
        "news/now.fr.md": NEWS.format(title="Maintenant", slug="maintenant", date="2026-11-21",
                                      extra="", body="Texte.\n\n[lien]({filename}later.fr.md#x)"),
        "pages/p.fr.md": page("P", "p", "[lien]({filename}/news/later.fr.md)"),
    })
    content = folder / "content"
    os.symlink("boucle.fr.md", content / "pages/boucle.fr.md")
    os.symlink("boucle.yaml", content / "startups/boucle.yaml")
    os.symlink("b.fr.md", content / "news/a.fr.md")
    os.symlink("a.fr.md", content / "news/b.fr.md")
    os.symlink("dossier", content / "pages/dossier")  # a folder's place
    os.symlink("docs", content / "docs")
    loop = "this link leads back to itself (a loop of links): replace it by the file itself"
    built, checked = refused_exactly(folder, [
        f"content/pages/dossier: {loop}", f"content/docs: {loop}",
        f"content/news/soon.fr.md:8: link: {later}", f"content/news/now.fr.md:10: link: {later}",
        f"content/pages/p.fr.md:7: link: {later}",
        f"content/pages/boucle.fr.md: {loop}", f"content/startups/boucle.yaml: {loop}",
        f"content/news/a.fr.md: {loop}", f"content/news/b.fr.md: {loop}"])
    for run in (built, checked):
        assert str(tmp_path) not in run.out and "OSError" not in run.out


# --- 14. Paris times the clocks skip or show twice -------------------------------------

DST_CASES = [
    ("events/printemps.yaml", EVENT.format(slug="printemps", title="P", start="2027-03-28 02:30")
     + "end: 2027-03-28 03:15\n",
     "content/events/printemps.yaml:5: start: 2027-03-28 02:30 does not exist in Paris: that night"
     " the clocks go forward from 02:00 to 03:00; write a time from 03:00"),
    ("events/deux.yaml", EVENT.format(slug="deux", title="D", start="2027-03-27 22:00")
     + "end: 2027-03-28 02:00\n",
     "content/events/deux.yaml:6: end: 2027-03-28 02:00 does not exist in Paris"),
    ("events/automne.yaml", EVENT.format(slug="automne", title="A", start="2027-10-31 02:30"),
     "content/events/automne.yaml:5: start: 2027-10-31 02:30 happens twice in Paris: that night"
     " the clocks go back from 03:00 to 02:00, and a calendar cannot tell which is meant;"
     " write a time before 02:00 or from 03:00"),
    ("events/appel.yaml", "slug: appel\nkind: call-for-projects\ntitle: {fr: Appel}\n"
     "start: 2026-10-01\nopens: 2026-10-01\ncloses: 2026-10-25 02:59\n",
     "content/events/appel.yaml:6: closes: 2026-10-25 02:59 happens twice in Paris"),
]


def test_values_that_do_not_mean_what_they_say_are_refused(baseline, tmp_path):
    """Line breaks (8), YAML 1.1 readings (9), Paris times (14): one copy, one run."""
    cases = LINE_BREAK_CASES + YAML11_CASES + DST_CASES
    folder = _broken(baseline, tmp_path, {n: t for n, t, _ in cases if t})
    built, _ = refused_exactly(folder, [line for _, _, line in cases])
    assert "AssertionError" not in built.out


# --- 19, 24. one mistake, one message (or follow-ons marked as such) -------------------

def test_a_file_with_a_mistake_brings_no_follow_on_messages(baseline, tmp_path):
    folder = _broken(baseline, tmp_path, {
        "pages/legal.fr.md": page("Mentions légales", "mentions-legales", menu="yes"),
        "pages/about.en.md": page("About", "about", titel="Oops"),
        "pages/links.fr.md": page("Liens", "liens", "[a]({filename}about.en.md)\n\n"
                                  "[b]({filename}/pages/legal.fr.md) [c]({filename}nowhere.fr.md)"),
        "startups/wezaart.yaml": STARTUP + "founded: 02014\n",
        "startups/copie.yaml": STARTUP.replace("wezaart", "teweco").replace("Wezaart", "Copie"),
        "startups/bad.yaml": STARTUP.replace("slug: wezaart", "slug: Bad Slug"),
        "news/refs.fr.md": NEWS.format(title="Refs", slug="refs", date="2020-01-02",
                                       extra="startups: [wezaart, teweco, bad, tewecco]\n", body="T."),
        "events/refs.yaml": EVENT.format(slug="refs", title="Refs", start="2027-03-01")
                            + "startups: [wezaart]\norganisers: [teweco, orange]\n",
        "redirects.yaml": "redirects:\n  - old: /ancienne/\n    new: /mentions-legales/\n"
                          "  - old: /vieille/\n    new: /start-up/wezaart/\n",
    })
    refused_exactly(folder, [
        "content/pages/legal.fr.md:5: menu: `yes` is read as the boolean",
        "content/pages/about.en.md:5: titel: unknown field",
        "content/pages/links.fr.md:9: link: no file content/pages/nowhere.fr.md",
        "content/startups/wezaart.yaml:6: founded: `02014` starts with 0",
        "content/startups/bad.yaml:2: slug: expected lowercase letters",
        "content/startups/copie.yaml:2: slug: the slug `teweco` is also used by"
        " content/startups/teweco.yaml:2; each startup needs its own",
        "content/news/refs.fr.md:6: startups[3]: no startup has the slug `tewecco`",
        *(f"content/redirects.yaml:{line}: redirects[{index}].new: the new address '{new}' is not a"
          " page of the site; check its spelling (or it is a page refused above for its own"
          " mistakes: fix that first)"
          for line, index, new in ((3, 0, "/mentions-legales/"), (5, 1, "/start-up/wezaart/"))),
    ])


def test_the_navigation_still_names_a_page_that_does_not_exist(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    (folder / "content/pages/legal.fr.md").unlink()
    assert "NAVIGATION names the page 'legal', which does not exist" in check(folder).out
