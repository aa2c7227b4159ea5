"""The JSON Schema files editors' code editors use match the models."""

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from llv.model.registry import CONTENT_TYPES, DATA_FILES, schema_comment
from tests.sitetools import ROOT
from tools.schemas import schemas

FILES = schemas()


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(FILES[f"{name}.json"]))


def _as_json(path):
    """A YAML file as a code editor's YAML extension reads it: dates are text."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("name", sorted(FILES))
def test_schema_file_is_up_to_date(name):
    committed = ROOT / "schemas" / name
    assert committed.is_file(), "run `make schemas`"
    assert committed.read_text(encoding="utf-8") == FILES[name], "run `make schemas` and commit schemas/"


@pytest.mark.parametrize("folder, name", [("startups", "startup"), ("partners", "partner")])
def test_every_yaml_file_points_to_its_schema(folder, name):
    files = sorted((ROOT / "content" / folder).glob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{name}.json", path


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_every_data_file_points_to_its_schema_which_accepts_it(name):
    data_file = DATA_FILES[name]
    path = ROOT / "content" / data_file.path
    assert path.read_text(encoding="utf-8").splitlines()[0] == schema_comment(data_file)
    assert (path.parent / schema_comment(data_file).split("=")[1]).resolve() == \
        ROOT / "schemas" / f"{name}.json"
    assert list(_validator(name).iter_errors(_as_json(path))) == []


@pytest.mark.parametrize("name", sorted(CONTENT_TYPES))
def test_the_schemas_accept_every_real_item(name):
    files = sorted((ROOT / "content" / CONTENT_TYPES[name].folder).glob("*.yaml"))
    assert files
    for path in files:
        assert list(_validator(name).iter_errors(_as_json(path))) == [], path


@pytest.mark.parametrize("name, document, where", [
    ("key-figures", {"figures": [{"value": "3 000", "label": {"fr": "m²"}, "as_of": "bientôt",
                                  "source": {"fr": "fiche", "en": "sheet"}}]},
     {("figures", 0, "value"), ("figures", 0, "label"), ("figures", 0, "as_of")}),
    ("redirects", {"redirects": [{"old": "/*", "new": "//evil.example/"}, {"old": "/a/"}]},
     {("redirects", 0, "old"), ("redirects", 0, "new"), ("redirects", 1)}),
])
def test_the_schemas_flag_what_the_build_refuses(name, document, where):
    assert {tuple(error.absolute_path) for error in _validator(name).iter_errors(document)} == where


def test_schema_lists_vocabulary_and_required_french_text():
    startup = json.loads(FILES["startup.json"])
    assert "mediation" in startup["properties"]["sectors"]["items"]["enum"]
    assert startup["properties"]["pitch"]["required"] == ["fr"]
    assert startup["additionalProperties"] is False
