"""The CMS at /admin/ in a real Chromium, saving through decap-server into a copy of content/.

The admin is the one the real site publishes (the `site` fixture), served by
tools.cms as `make cms` serves it: the published Content-Security-Policy, the
local backend on 127.0.0.1 behind /api/v1. The content is a temporary copy of
the repository's, never the working copy. What an editor saves must be in
today's layout, pass the checks, and show on the built site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.browser import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, require
from tests.sitetools import ROOT, BuiltSite, run_build
from tools.settings_files import inherit_site_settings
from tools.cms import DECAP_SERVER, serve_cms

pytestmark = pytest.mark.browser

from babel.support import Translations

from llv.model.schema import EVENT_END_MESSAGE, TEXT_MESSAGE, URL_MESSAGE

FRENCH = Translations.load(str(ROOT / "theme" / "translations"), ["fr"])
CHROMIUM_FRENCH = Path("/usr/lib/chromium/locales/fr.pak")  # Debian's chromium-l10n


@pytest.fixture(scope="module")
def french_chromium(chromium_browser):
    """Chromium in French, as editors run it: its date picker reads jj/mm/aaaa
    (Chromium takes its language from LANGUAGE, not from the page's locale)."""
    require(CHROMIUM_FRENCH.is_file(), "Chromium's French (chromium-l10n)")
    browser = chromium_browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, env={**os.environ, "LANGUAGE": "fr"})
    yield browser
    browser.close()


@pytest.fixture
def repository(tmp_path):
    """A copy of the repository's content, which the CMS edits."""
    shutil.copytree(ROOT / "content", tmp_path / "repo" / "content")
    return tmp_path / "repo"


@pytest.fixture
def admin(site, french_chromium, repository):
    """A tab on /admin/, signed in to the local backend; yields (page, problems)."""
    require(shutil.which("node") is not None and DECAP_SERVER.is_file(),
            "Node.js and decap-server (node_modules/)")
    with serve_cms(site.output, repository) as origin:
        context = french_chromium.new_context(viewport={"width": 1280, "height": 900},
                                              locale="fr-FR")
        problems: list[str] = []
        context.route(re.compile(r"^(?!" + re.escape(origin) + r"/).*"),
                      lambda route: (problems.append(f"request outside the site: "
                                                     f"{route.request.url}"), route.abort()))
        page = context.new_page()
        # Decap rejects a refused publication with `undefined`: not a failure.
        page.on("pageerror", lambda error: problems.append(f"page error: {error}")
                if str(error) != "undefined" else None)
        page.on("console", lambda message: problems.append(message.text)
                if message.type == "error" and "favicon" not in message.text else None)
        page.goto(origin + "/admin/")
        page.get_by_role("button", name="Se connecter").click()
        page.get_by_role("link", name="Actualités").first.wait_for()
        try:
            yield page, origin, problems
        finally:
            page.screenshot(path=str(ARTIFACTS / "cms-last-screen.png"), full_page=True)
            (ARTIFACTS / "cms-last-screen.txt").write_text(page.inner_text("body") + "\n" + "\n".join(problems))
            context.close()


def _open(page, origin, route):
    """An entry's form, the CMS loaded afresh (it would keep the previous entry's draft)."""
    page.goto("about:blank")
    page.goto(f"{origin}/admin/#/collections/{route}")
    page.get_by_text("Écriture dans la collection").wait_for()


def _publish(page):
    page.get_by_role("button", name="Publier").click()
    page.get_by_role("menuitem", name="Publier maintenant").click()


def _published(page):
    page.get_by_role("button", name="Publiée").wait_for()


def _replace(field, text: str):
    """Type over a field's text (Decap's inputs keep their own copy: fill() would append)."""
    field.select_text()
    field.press("Backspace")
    field.fill(text)
    assert field.input_value() == text


def _choose(page, label: str, *options: str):
    """Pick options in a select or relation field (react-select)."""
    control = page.get_by_label(label, exact=True)
    for option in options:
        control.click()
        control.fill(option)
        page.get_by_role("option", name=option, exact=True).click()


def _upload(page, path):
    page.get_by_role("button", name="Choisir une image").first.click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()


def _read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _as_the_cms_writes(tmp_path, relative: str, text: str) -> str:
    """`text` rewritten by `make cms-canonical`'s writer, as the file `relative`."""
    root = tmp_path / "canonical"
    (root / "theme" / "admin").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "theme" / "admin" / "config.yml", root / "theme" / "admin")
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    subprocess.run(["node", str(ROOT / "tools" / "cms_canonical.mjs"), "--root", str(root),
                    str(target)], check=True, capture_output=True)
    return target.read_text(encoding="utf-8")


def _front_matter(text: str) -> str:
    return text.split("\n---\n", 1)[0]


def test_editors_create_and_edit_content_in_both_languages(admin, repository, tmp_path):
    page, origin, problems = admin
    logo = tmp_path / "logo-atelier-lumiere.png"
    Image.new("RGBA", (400, 200), (30, 90, 160, 255)).save(logo)
    photo = tmp_path / "culturathon-scene.jpg"
    Image.new("RGB", (1200, 800), (200, 120, 40)).save(photo, quality=80)

    # A start-up: the form refuses what the model refuses, with its messages.
    # The build's messages in French, in normal case, naming the field.
    _open(page, origin, "startups/new")
    page.get_by_text("Aucune modification en attente").wait_for()  # nothing "saved" yet
    page.get_by_label("Nom", exact=True).fill("Atelier Lumière")
    # the identifier proposed from the name as it is typed
    assert page.get_by_label("Identifiant", exact=True).input_value() == "atelier-lumiere"
    page.get_by_label("Site web", exact=False).fill("atelier-lumiere.fr")
    pitch = page.get_by_label("Accroche (Français)", exact=True)
    pitch.fill("   ")
    _publish(page)
    url_message = page.get_by_text(FRENCH.gettext(URL_MESSAGE), exact=False)
    url_message.wait_for()
    assert url_message.evaluate("e => getComputedStyle(e).textTransform") == "none"
    page.get_by_text(FRENCH.gettext(TEXT_MESSAGE), exact=False).wait_for()
    _replace(pitch, "")
    _publish(page)
    page.get_by_text("Le champ Accroche (Français) est requis", exact=False).wait_for()
    assert not (repository / "content" / "startups" / "atelier-lumiere.yaml").exists()

    _replace(page.get_by_label("Site web", exact=False), "https://atelier-lumiere.fr")
    pitch.fill("Un atelier qui éclaire les œuvres.")
    page.get_by_label("Accroche (English)", exact=False).fill("A studio that lights artworks.")
    page.get_by_label("Promotion", exact=False).fill("2026")
    _choose(page, "Secteurs (optionnel)", "Médiation culturelle", "Patrimoine et conservation")
    _upload(page, logo)
    _publish(page)
    _published(page)

    # An event, in French and English, with its start-up picked from the list.
    # An end before the start is refused before saving, with the build's message.
    _open(page, origin, "events/new")
    # an identifier written by hand stays as written
    page.get_by_label("Identifiant", exact=True).fill("atelier-lumiere-2026")
    _choose(page, "Type", "Atelier")
    page.get_by_label("Titre (Français)", exact=True).fill("Atelier lumière au musée")
    assert page.get_by_label("Identifiant", exact=True).input_value() == "atelier-lumiere-2026"
    page.get_by_label("Titre (English)", exact=False).fill("Light workshop at the museum")
    # a day picked in the calendar, then its time typed in; a month alone is allowed too
    start = page.get_by_label("Début", exact=True)
    page.get_by_label("Choisir le jour dans un calendrier").first.fill("2026-12-03")
    assert start.input_value() == "2026-12-03"
    _replace(start, "2026-12")
    _replace(start, "2026-12-03 18:30")
    end = page.get_by_label("Fin (optionnel)", exact=True)
    end.fill("2026-12-02")
    _choose(page, "Start-up (optionnel)", "Atelier Lumière")
    page.get_by_label("Prix (optionnel)", exact=True).select_option(label="Gratuit")
    _publish(page)
    page.get_by_text(FRENCH.gettext(EVENT_END_MESSAGE), exact=False).wait_for()
    page.screenshot(path=str(ARTIFACTS / "cms-event-refused.png"))
    assert not (repository / "content" / "events" / "atelier-lumiere-2026.yaml").exists()
    _replace(end, "2026-12-03 20:00")
    _publish(page)
    _published(page)

    # A news post: a new summary in French, a photo with its alt text in the text.
    _open(page, origin, "news/entries/culturathon-6-2022")
    # a published post's identifier (its address) does not follow its title
    title = page.get_by_label("Titre", exact=True).first
    written = title.input_value()
    _replace(title, "Culturathon 2022")
    assert page.get_by_label("Identifiant", exact=True).first.input_value() == "sixieme-culturathon"
    _replace(title, written)
    news_summary = ("En octobre 2022, la sixième édition du Culturathon a réuni le territoire "
                    "autour des défis de ses entreprises.")
    _replace(page.get_by_label("Résumé", exact=True).first, news_summary)
    page.get_by_title("Ajouter un composant").first.click()
    page.get_by_role("menuitem", name="Image").click()
    _upload(page, photo)
    _publish(page)  # refused: the image has no alt text
    page.get_by_text("n'a pas de texte alternatif : écrivez ce qu'elle montre",
                     exact=False).wait_for()
    page.get_by_label("Texte alternatif (ce que montre l'image)", exact=True).fill(
        "Les équipes du Culturathon sur scène")
    _publish(page)
    _published(page)

    # A long text opens with both languages shown side by side.
    _open(page, origin, "startups-texts/entries/wezaart")
    english = (repository / "content" / "startups" / "wezaart.en.md").read_text(encoding="utf-8")
    first_words = " ".join(english.split("---")[-1].split()[:4])
    page.get_by_text(first_words, exact=False).first.wait_for(state="visible")

    # The legal facts have their form, each fact saying where it shows.
    _open(page, origin, "data/entries/legal")
    page.get_by_text("mentions légales", exact=False).first.wait_for()
    page.get_by_label("Numéro RNA (optionnel)", exact=True).fill("W623001234")
    _publish(page)
    _published(page)

    # A real start-up, one field changed: the rest of the file comes back byte-identical,
    # the file being what the canonical writer (make cms-canonical) makes of the change.
    _open(page, origin, "startups/entries/teweco")
    new_pitch = ("A web agency of a new kind, with its clients at every stage of their projects, "
                 "from the first idea to the launch.")
    _replace(page.get_by_label("Accroche (English)", exact=False), new_pitch)
    _publish(page)
    _published(page)
    assert problems == []

    content = repository / "content"
    teweco = (ROOT / "content" / "startups" / "teweco.yaml").read_text(encoding="utf-8")
    edited = re.sub(r"^  en: .*(\n    .*)*", f"  en: {new_pitch}", teweco, flags=re.M)
    assert edited != teweco
    assert (content / "startups" / "teweco.yaml").read_text(encoding="utf-8") == \
        _as_the_cms_writes(tmp_path, "content/startups/teweco.yaml", edited)
    assert _read_yaml(content / "data" / "legal.yaml")["publisher"]["rna"] == "W623001234"
    startup_file = content / "startups" / "atelier-lumiere.yaml"
    assert startup_file.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=../../schemas/startup.json"
    assert _read_yaml(startup_file) == {
        "name": "Atelier Lumière", "slug": "atelier-lumiere",
        "website": "https://atelier-lumiere.fr", "cohort": 2026,
        "sectors": ["mediation", "heritage"],
        "pitch": {"fr": "Un atelier qui éclaire les œuvres.", "en": "A studio that lights artworks."},
        "logo": "images/logo-atelier-lumiere.png",
    }
    assert (content / "images" / "logo-atelier-lumiere.png").read_bytes() == logo.read_bytes()
    event = _read_yaml(content / "events" / "atelier-lumiere-2026.yaml")
    assert event == {
        "slug": "atelier-lumiere-2026", "kind": "workshop",
        "title": {"fr": "Atelier lumière au musée", "en": "Light workshop at the museum"},
        "start": "2026-12-03 18:30", "end": "2026-12-03 20:00", "price": "free",
        "startups": ["atelier-lumiere"], "status": "scheduled",
        "run_by": "not-stated",
    }
    news_fr = (content / "news" / "culturathon-6-2022.fr.md").read_text(encoding="utf-8")
    # its front matter: only the summary changed, the rest as it was
    news_original = (ROOT / "content" / "news" / "culturathon-6-2022.fr.md").read_text(encoding="utf-8")
    edited = re.sub(r"^summary: .*(\n  .*)*", f"summary: {news_summary}", news_original, flags=re.M)
    assert edited != news_original
    assert _front_matter(news_fr) == _front_matter(
        _as_the_cms_writes(tmp_path, "content/news/culturathon-6-2022.fr.md", edited))
    assert "summary: En octobre 2022, la sixième édition" in news_fr
    assert "![Les équipes du Culturathon sur scène](images/culturathon-scene.jpg)" in news_fr
    assert "({filename}/pages/services.fr.md)" in news_fr  # the rest of the text is kept
    assert (content / "images" / "culturathon-scene.jpg").read_bytes() == photo.read_bytes()

    # A new post in both languages: each identifier proposed from its title, the date
    # typed once, in the French pane (the English file takes it from the French).
    _open(page, origin, "news/new")
    date = page.get_by_label("Date", exact=True).first
    english_date = page.get_by_label("Date", exact=True).last
    assert date.is_visible() and not english_date.is_visible()  # not in the English pane
    titles, slugs = page.get_by_label("Titre", exact=True), page.get_by_label("Identifiant", exact=True)
    titles.first.fill("Lancement des ateliers numériques")
    assert slugs.first.input_value() == "lancement-des-ateliers-numeriques"
    titles.last.fill("Digital workshops launched")
    assert slugs.last.input_value() == "digital-workshops-launched"
    summaries = page.get_by_label("Résumé", exact=True)
    summaries.first.fill("Le 20 novembre 2026, Louvre Lens Vallée a lancé un cycle d'ateliers "
                         "numériques pour les entreprises du territoire.")
    summaries.last.fill("On 20 November 2026, Louvre Lens Vallée launched a series of digital "
                        "workshops for local companies.")
    # the calendar's day typed in French order, day/month/year
    page.get_by_label("Choisir le jour dans un calendrier").first.focus()
    page.keyboard.type("20112026")
    assert date.input_value() == "2026-11-20"
    page.screenshot(path=str(ARTIFACTS / "cms-news-form.png"), full_page=True)  # both panes
    _publish(page)
    _published(page)
    news_en = (content / "news" / "lancement-des-ateliers-numeriques.en.md").read_text(encoding="utf-8")
    assert "slug: digital-workshops-launched" in news_en and "date:" not in news_en
    assert "date: 2026-11-20" in (
        content / "news" / "lancement-des-ateliers-numeriques.fr.md").read_text(encoding="utf-8")

    # make check passes, and the built site shows what the editor wrote.
    settings = tmp_path / "cmsconf.py"
    settings.write_text(inherit_site_settings() +
                        f"PATH = {str(content)!r}\nBUILD_NOW = '2026-11-30T12:00:00'\n",
                        encoding="utf-8")
    from tools.check import check

    assert check(settings) == []
    built = run_build(settings, tmp_path / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    output = BuiltSite(tmp_path / "output")
    assert "Un atelier qui éclaire les œuvres." in output.html("/start-up/atelier-lumiere/").text
    assert "A studio that lights artworks." in output.html("/en/start-ups/atelier-lumiere/").text
    assert "Light workshop at the museum" in output.html("/en/events/").text
    picture = output.html("/actualites/sixieme-culturathon/").select_one(".prose picture img")
    assert "20 November 2026" in output.html("/en/news/digital-workshops-launched/").text
    assert picture["alt"] == "Les équipes du Culturathon sur scène"

    # A post written in French only, dated in the future: no empty English file,
    # and once saved it says when it will appear.
    _open(page, origin, "news/new")
    page.get_by_label("Titre", exact=True).first.fill("Une actualité à venir")
    _replace(page.get_by_label("Identifiant", exact=True).first, "actualite-a-venir")
    page.get_by_label("Résumé", exact=True).first.fill(
        "Une actualité écrite en français seulement, datée d'un jour à venir, pour voir ce que "
        "dit l'administration.")
    page.get_by_label("Date", exact=True).first.fill("2099-01-15")
    _publish(page)
    _published(page)
    page.get_by_role("status").get_by_text("datée du 2099-01-15 : elle paraîtra sur le site "
                                           "ce jour-là", exact=False).wait_for()
    assert (content / "news" / "actualite-a-venir.fr.md").is_file()
    assert not (content / "news" / "actualite-a-venir.en.md").exists()
    # Online, the GitHub backend Decap makes gets the same files: the one Decap writes
    # for the untouched language ("\n") left out. Only its API (GitHub's, not reachable
    # here) is replaced, by a recorder of the files it would commit.
    committed = page.evaluate("""async () => {
        const github = CMS.getBackend("github").init(
            {backend: {name: "github", repo: "llv/site", branch: "main"}}, {});
        let paths = null;
        github.api = {persistFiles: async (files) => { paths = files.map(f => f.path); }};
        await github.persistEntry({assets: [], dataFiles: [
            {path: "content/news/x.fr.md", slug: "x", raw: "---\\ntitle: X\\n---\\n"},
            {path: "content/news/x.en.md", slug: "x", raw: "\\n"}]}, {newEntry: true});
        return paths;
    }""")
    assert committed == ["content/news/x.fr.md"]
    assert problems == []


def test_a_phone_is_told_plainly_that_the_admin_needs_a_wider_screen(site, chromium_browser):
    with serve_cms(site.output, ROOT) as origin:
        context = chromium_browser.new_context(viewport={"width": 390, "height": 844},
                                               locale="fr-FR")
        page = context.new_page()
        page.goto(origin + "/admin/")
        notice = page.get_by_role("alert")
        notice.get_by_text("au moins 760 pixels de large", exact=False).wait_for()
        assert notice.bounding_box()["width"] >= 380  # it covers the screen
        page.screenshot(path=str(ARTIFACTS / "cms-phone.png"))
        page.set_viewport_size({"width": 1280, "height": 900})
        assert not notice.is_visible()
        context.close()
