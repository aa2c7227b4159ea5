"""UI strings: every string in the templates is in every catalogue, translated."""

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from tests.sitetools import ROOT

CATALOGUES = sorted((ROOT / "theme" / "translations").glob("*/LC_MESSAGES/messages.po"))


def extracted_messages(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location",
         "-F", "babel.cfg", "-k", "_", "-k", "N_", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_translates_every_ui_string(po, tmp_path):
    with po.open("rb") as f:
        catalogue = read_po(f)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = extracted_messages(tmp_path) - translated
    assert not missing, f"{po}: run `make translations` and translate {sorted(missing)}"


def test_both_languages_have_a_catalogue():
    assert {p.parts[-3] for p in CATALOGUES} >= {"fr", "en"}
