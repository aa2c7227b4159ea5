"""The CMS at /admin/: its configuration follows the content model, the site publishes it."""

from __future__ import annotations

import json
import re
import typing

import pytest
import yaml
from pydantic import Field

from llv.model.registry import CONTENT_TYPES, DATA_FILES, FRONT_MATTER_MODELS
from llv.model.schema import FROM_TWIN, URL_MESSAGE, ContentModel, Startup, Text
from tests.sitetools import ROOT
from tools.cms import config_for_local_backend
from tools.cms_config import CONFIG_FILE, ConfigError, Generator, cms_config, config_text
from tools.publishing import policy

CONFIG = cms_config()
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}


def _fields(collection):
    return {f["name"]: f for f in collection["fields"]}


def test_committed_configuration_is_up_to_date():
    committed = (ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    assert committed == config_text(), "run `make schemas` and commit theme/admin/config.yml"


def test_every_field_of_every_model_is_in_the_forms_with_its_french_label():
    for content_type in CONTENT_TYPES.values():
        fields = _fields(COLLECTIONS[content_type.folder])
        for name, info in content_type.model.model_fields.items():
            assert fields[name]["label"] == info.title, (content_type.name, name)
            assert fields[name].get("required", True) == info.is_required(), \
                (content_type.name, name)
    data_files = {f["name"]: f for f in COLLECTIONS["data"]["files"]}
    for name, data_file in DATA_FILES.items():
        if not data_file.in_cms:
            assert name not in data_files
            continue
        if name == "legal":  # groups of facts
            assert [f["label"] for f in data_files[name]["fields"]] == \
                [info.title for info in data_file.model.model_fields.values()]
            continue
        [field] = data_files[name]["fields"]  # a list of items: key figures, redirects
        [item_model] = typing.get_args(data_file.model.model_fields[field["name"]].annotation)
        assert [f["label"] for f in field["fields"]] == \
            [info.title for info in item_model.model_fields.values()], name
    for kind, model in FRONT_MATTER_MODELS.items():
        fields = _fields(COLLECTIONS[kind])
        assert set(fields) == {*model.model_fields, "body"}
        assert COLLECTIONS[kind]["i18n"] is True and fields["title"]["i18n"] is True
        # nothing copied into the other language (Decap would write its file untranslated):
        # a field written once, the date, is in the French pane only, required there
        once = {name for name, info in model.model_fields.items()
                if info.json_schema_extra == FROM_TWIN}
        assert {name for name, field in fields.items() if field["i18n"] is False} == once, kind
        assert all(fields[name]["i18n"] is True for name in set(fields) - once), kind
    assert "required" not in _fields(COLLECTIONS["news"])["date"]


def test_forms_check_what_the_model_checks_with_its_messages():
    startup = _fields(COLLECTIONS["startups"])
    pattern, message = startup["website"]["pattern"]
    assert message == "une adresse web commençant par https:// est attendue"  # the build's, in French
    assert re.match(pattern, "https://exemple.fr/a?b") and not re.match(pattern, "exemple.fr")
    assert startup["slug"]["pattern"][0] == r"^[a-z0-9]+(-[a-z0-9]+)*$"
    # a new entry's identifier is proposed from its title or name (admin.js, in its pane)
    assert {name: (_fields(COLLECTIONS[name])["slug"]["widget"], _fields(COLLECTIONS[name])["slug"]["from"])
            for name in ("news", "pages", "events", "startups", "partners")} == {
        "news": ("llv-slug", "title"), "pages": ("llv-slug", "title"),
        "events": ("llv-slug", "title.fr"), "startups": ("llv-slug", "name"),
        "partners": ("llv-slug", "name.fr")}
    assert startup["name"].get("required", True) and startup["pitch"]["fields"][0] == {
        **startup["pitch"]["fields"][0], "name": "fr", "label": "Accroche (Français)",
        "widget": "text"}
    assert startup["pitch"]["fields"][1]["required"] is False  # English is optional
    # choices from the vocabularies, labelled in French
    assert {"label": "Médiation culturelle", "value": "mediation"} in startup["sectors"]["options"]
    assert startup["sectors"]["multiple"] is True
    assert startup["logo"]["widget"] == "image"
    # relations are pickers; the yaml-language-server line stays first in every file
    event = _fields(COLLECTIONS["events"])
    assert event["startups"] | {"widget": "relation", "collection": "startups",
                                "value_field": "slug"} == event["startups"]
    assert event["partners"]["collection"] == "partners"
    assert COLLECTIONS["events"]["fields"][0]["comment"] == \
        "yaml-language-server: $schema=../../schemas/event.json"
    # images in a text need their alt text, as the build requires
    body = _fields(COLLECTIONS["news"])["body"]
    assert not re.match(body["pattern"][0], "Texte.\n\n![](images/photo.jpg)\n")
    assert re.match(body["pattern"][0], "![](images/frise.png){.decorative}")
    assert body["pattern"][1].startswith("l'image `images/…` n'a pas de texte alternatif : ")  # French


def test_layout_language_twins_media_and_review():
    assert CONFIG["locale"] == "fr" and CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["i18n"] == {"structure": "multiple_files", "locales": ["fr", "en"],
                              "default_locale": "fr"}
    assert (CONFIG["media_folder"], CONFIG["public_folder"]) == ("content/images", "images")
    assert COLLECTIONS["startups"]["folder"] == "content/startups"
    assert COLLECTIONS["startups"]["extension"] == "yaml"
    assert COLLECTIONS["startups-texts"]["extension"] == "md"
    # lists show titles and names, not identifiers
    assert COLLECTIONS["events"]["summary"] == "{{fields.title.fr}}"
    assert COLLECTIONS["partners"]["summary"] == "{{fields.name.fr}}"
    assert COLLECTIONS["startups"]["identifier_field"] == "name"
    # each language's text is its own (Decap hides the other pane's untranslated fields)
    assert _fields(COLLECTIONS["startups-texts"])["body"]["i18n"] is True
    legal, figures, redirects = COLLECTIONS["data"]["files"]
    assert legal["file"] == "content/data/legal.yaml"
    # every fact says where it shows; coordinates are never typed in
    publisher = _fields(legal)["publisher"]["fields"]
    assert all(f.get("hint") for f in publisher), [f["name"] for f in publisher if not f.get("hint")]
    place = _fields(_fields(COLLECTIONS["events"])["place"])
    assert place["latitude"]["widget"] == place["longitude"]["widget"] == "hidden"
    assert figures["file"] == "content/data/key-figures.yaml"
    assert figures["fields"][0]["summary"] == "{{fields.value}} {{fields.label.fr}}"
    value, label, as_of, _ = figures["fields"][0]["fields"]
    assert value["widget"] == "number" and value["value_type"] == "int"
    # a figure's texts are required in every language, its date is checked as the build does
    assert [f.get("required", True) for f in label["fields"]] == [True, True]
    assert re.match(as_of["pattern"][0], "2022-10") and not re.match(as_of["pattern"][0], "bientôt")
    assert redirects["file"] == "content/redirects.yaml"
    assert redirects["fields"][0]["comment"] == "yaml-language-server: $schema=../schemas/redirects.json"
    old, new = redirects["fields"][0]["fields"]
    assert re.match(old["pattern"][0], "/ancienne-page/")
    assert not any(re.match(old["pattern"][0], bad) for bad in ("/*", "//evil.example/", "/a b/"))
    assert re.match(new["pattern"][0], "https://www.louvrelens.fr/")
    assert not re.match(new["pattern"][0], "javascript:alert(1)")


def test_a_field_without_french_label_is_refused():
    class Untitled(ContentModel):
        name: Text

    from pelican.settings import read_settings

    generator = Generator(read_settings(str(ROOT / "pelicanconf.py")))
    schema, defs = generator.model_schema(Untitled)
    with pytest.raises(ConfigError, match="`name` has no French label"):
        generator.fields(Untitled, schema, defs)


def test_a_new_model_field_appears_in_the_forms():
    class Extended(Startup):
        model_config = {"title": "Start-up"}
        video: Text | None = Field(None, title="Vidéo", description="Lien d'une vidéo")

    from pelican.settings import read_settings

    generator = Generator(read_settings(str(ROOT / "pelicanconf.py")))
    schema, defs = generator.model_schema(Extended)
    fields = {f["name"]: f for f in generator.fields(Extended, schema, defs)}
    assert fields["video"] == {"name": "video", "label": "Vidéo", "hint": "Lien d'une vidéo",
                               "required": False, "widget": "string",
                               "pattern": [r"\S", "le champ ne contient que des espaces : écrivez "
                                                    "un texte"]}


def test_the_site_publishes_the_admin_from_itself(site):
    admin = site.output / "admin"
    page = site.html("/admin/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    script, ours = page.find_all("script")  # Decap, then its French and the model's rules
    assert re.fullmatch(r"/admin/decap-cms\.[0-9a-f]{10}\.js", script["src"])
    assert site.path_for(ours["src"]).read_bytes() == (ROOT / "theme/admin/admin.js").read_bytes()
    assert policy.is_hashed(ours["src"])
    assert policy.is_hashed(script["src"])  # cached for a year
    vendored = ROOT / "vendor" / "decap-cms"
    assert site.path_for(script["src"]).read_bytes() == (vendored / "decap-cms.js").read_bytes()
    assert (admin / "config.yml").read_text(encoding="utf-8") == \
        (ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    # the vendored file is the release package.json pins
    pinned = json.loads((vendored / "package.json").read_text())["dependencies"]["decap-cms"]
    assert f"decap-cms {pinned}".encode() in (vendored / "decap-cms.js").read_bytes()
    assert (vendored / "LICENSE").is_file()


def test_admin_policy_allows_the_configured_git_host():
    api = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}
    assert policy.GIT_HOST_API == api[CONFIG["backend"]["name"]]
    assert policy.GIT_HOST_API in policy.headers_for("admin/index.html").security[
        "Content-Security-Policy"]
    assert policy.GIT_HOST_API not in policy.headers_for("index.html").security[
        "Content-Security-Policy"]


def test_make_cms_points_the_local_backend_at_its_own_origin():
    served = yaml.safe_load(config_for_local_backend(config_text(), "http://127.0.0.1:8000/api/v1"))
    assert served["local_backend"] == {"url": "http://127.0.0.1:8000/api/v1"}
    assert {k: v for k, v in served.items() if k != "local_backend"} == \
        {k: v for k, v in yaml.safe_load(config_text()).items() if k != "local_backend"}


def test_make_check_in_github_actions_annotates_the_file_and_line():
    from tools.check import github_annotation

    assert github_annotation("content/startups/wezaart.yaml:6: webiste: unknown field, "
                             "did you mean `website`? 100%") == (
        "::error file=content/startups/wezaart.yaml,line=6::webiste: unknown field, "
        "did you mean `website`? 100%25")
    assert github_annotation("content/pages/about.fr.md: the file name must be x") == \
        "::error file=content/pages/about.fr.md::the file name must be x"
    assert github_annotation("AttributeError: boom\nagain") == "::error::AttributeError: boom%0Aagain"


def test_editors_notes_stay_in_the_files(site):
    """A note for editors (what a `#` comment said) is in the form, never on the site."""
    notes = [yaml.safe_load(path.read_text(encoding="utf-8")).get("note")
             for path in (ROOT / "content").glob("*/*.yaml")]
    notes = [note for note in notes if note]
    assert notes, "the real content holds notes for editors"
    assert _fields(COLLECTIONS["startups"])["note"]["widget"] == "text"
    def letters(text):  # typography changes spaces and apostrophes, not letters
        return re.sub(r"\W+", "", text)

    pages = [letters(path.read_text(encoding="utf-8")) for path in site.output.rglob("*")
             if path.suffix in (".html", ".xml", ".json", ".ics") and path.is_file()]
    for note in notes:
        assert not any(letters(note)[:40] in page for page in pages), note
