"""The JSON Schema files editors' code editors use match the models."""

import json

import pytest

from tests.sitetools import ROOT
from tools.schemas import schemas

FILES = schemas()


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


def test_schema_lists_vocabulary_and_required_french_text():
    startup = json.loads(FILES["startup.json"])
    assert "mediation" in startup["properties"]["sectors"]["items"]["enum"]
    assert startup["properties"]["pitch"]["required"] == ["fr"]
    assert startup["additionalProperties"] is False
