"""Content files are in the form the CMS writes (tools/cms_canonical.mjs, Decap's own writer)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.browser import NODE_MODULES, require
from tests.sitetools import ROOT

SCRIPT = ROOT / "tools" / "cms_canonical.mjs"


def _canonical(*args, cwd=ROOT):
    require(shutil.which("node") is not None and (NODE_MODULES / "yaml").is_dir(),
            "Node.js and yaml (node_modules/)")
    return subprocess.run(["node", str(SCRIPT), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def site_copy(tmp_path):
    (tmp_path / "theme" / "admin").mkdir(parents=True)
    shutil.copy(ROOT / "theme" / "admin" / "config.yml", tmp_path / "theme" / "admin")
    (tmp_path / "content" / "startups").mkdir(parents=True)
    return tmp_path


def test_every_file_the_cms_edits_comes_back_byte_identical():
    result = _canonical("--check")
    assert result.stdout == "" and result.stderr == "" and result.returncode == 0, result


def test_a_hand_edited_file_is_rewritten_as_the_cms_writes_it(site_copy):
    real = (ROOT / "content" / "startups" / "teweco.yaml").read_text(encoding="utf-8")
    lines = real.splitlines(keepends=True)
    # keys out of the form's order, and a long text on one line
    edited = "".join([lines[0], lines[2], lines[1], *lines[3:]])
    edited = edited.replace("\n    ", " ")
    assert edited != real
    target = site_copy / "content" / "startups" / "teweco.yaml"
    target.write_text(edited, encoding="utf-8")
    result = _canonical("--root", str(site_copy))
    assert result.returncode == 0, result.stderr
    assert "content/startups/teweco.yaml: rewritten" in result.stdout
    assert target.read_text(encoding="utf-8") == real
    assert _canonical("--root", str(site_copy)).stdout == ""


def test_a_comment_the_cms_would_drop_is_refused_with_its_file_and_line(site_copy):
    text = ("# yaml-language-server: $schema=../../schemas/startup.json\n"
            "name: Exemple\n# demandé par le comité\nslug: exemple\n")
    target = site_copy / "content" / "startups" / "exemple.yaml"
    target.write_text(text, encoding="utf-8")
    result = _canonical("--root", str(site_copy))
    assert result.returncode == 1
    assert result.stderr.startswith("content/startups/exemple.yaml:3: a # comment"), result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr  # one line, no stack trace
    assert target.read_text(encoding="utf-8") == text


def test_a_file_that_is_not_yaml_is_named_not_rewritten(site_copy):
    text = "---\ntitle: Une page\nslug: [une-page\n---\n\nTexte.\n"
    (site_copy / "content" / "pages").mkdir()
    target = site_copy / "content" / "pages" / "une-page.fr.md"
    target.write_text(text, encoding="utf-8")
    result = _canonical("--root", str(site_copy))
    assert result.returncode == 1
    assert result.stderr.startswith("content/pages/une-page.fr.md:"), result.stderr
    assert "not valid YAML" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert target.read_text(encoding="utf-8") == text
