"""Broken and hostile sites, built and checked the way `make html` and
`make check` do, for the table-driven tests of test_hostile_*.py.

A good site is built once per test module (`baseline`); each test copies it,
breaks it with its class of mistakes, and runs the build and the check on the
copy: both must fail with exactly the expected `path:line: …` lines, print no
traceback, and leave the copy's output/ byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.sitetools import ROOT, private_caches
from tools.settings_files import inherit_site_settings

SECRET = "LEAKED-SECRET-7f3a"
# A file outside content/ that must never be read: invalid YAML and Markdown,
# so that any parser that got to read it would quote it in its message.
SECRET_TEXT = f"{SECRET}=1\nkey: [unclosed {SECRET}\n---\n"

STARTUP = ("name: Wezaart\nslug: wezaart\npitch:\n  fr: Un réseau social.\n"
           "  en: A social network.\n")


def page(title: str, slug: str, body: str = "Texte.", **fields) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\ntitle: {title}\nslug: {slug}\nsummary: {title}.\n{extra}---\n\n{body}\n"


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def make_site(folder: Path, files: dict[str, str | bytes], settings: str = "") -> Path:
    """content/ with `files`, and the settings file (returned)."""
    content = folder / "content"
    write(content, files)
    for name in ("pages", "news"):
        (content / name).mkdir(parents=True, exist_ok=True)
    settings_file = folder / "testconf.py"
    settings_file.write_text(
        inherit_site_settings() +
        f"PATH = {str(content)!r}\nNAVIGATION = ()\nFOOTER_NAVIGATION = ()\n"
        f"BUILD_NOW = \"2026-11-21T12:00:00\"\nIMAGE_CACHE_DIR = {str(folder / 'cache')!r}\n"
        + private_caches(folder) + settings, encoding="utf-8")
    return settings_file


@dataclass
class Run:
    returncode: int
    out: str

    def lines(self) -> list[str]:
        return [line.removeprefix("ERROR: ") for line in self.out.splitlines()]


def run_tool(*args: str, env=None) -> Run:
    result = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env=env)
    return Run(result.returncode, result.stdout + result.stderr)


def build(folder: Path) -> Run:
    return run_tool("tools.build", "--settings", str(folder / "testconf.py"),
                    "--output", str(folder / "output"))


def check(folder: Path) -> Run:
    return run_tool("tools.check", "--settings", str(folder / "testconf.py"))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links not followed) and the sha256 of its bytes."""
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory, name)
            files[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def copy_site(baseline: Path, folder: Path) -> Path:
    shutil.copytree(baseline, folder, symlinks=True, dirs_exist_ok=True)
    settings = (folder / "testconf.py").read_text(encoding="utf-8")
    (folder / "testconf.py").write_text(settings.replace(str(baseline), str(folder)), encoding="utf-8")
    return folder


def assert_refused(folder: Path, expected: list[str], forbidden: tuple[str, ...] = ()) -> tuple[Run, Run]:
    """`make html` and `make check` on `folder` both fail with every expected
    line (a prefix of a line of their output), no traceback, none of the
    `forbidden` texts, and output/ unchanged."""
    before = snapshot(folder / "output")
    built, checked = build(folder), check(folder)
    for run, name in ((built, "make html"), (checked, "make check")):
        assert run.returncode == 1, f"{name} did not fail:\n{run.out}"
        assert "Traceback" not in run.out, f"{name} printed a traceback:\n{run.out}"
        lines = run.lines()
        for line in expected:
            assert any(found.startswith(line) for found in lines), \
                f"{name}: no line starting with {line!r} in:\n{run.out}"
        for text in (SECRET, *forbidden):
            assert text not in run.out, f"{name} quoted {text!r}:\n{run.out}"
    assert snapshot(folder / "output") == before, "output/ changed"
    return built, checked


def built_baseline(folder: Path, files: dict[str, str | bytes], settings: str = "") -> Path:
    """A good site built once, that each hostile case copies and breaks."""
    make_site(folder, files, settings)
    built = build(folder)
    assert built.returncode == 0, built.out
    return folder
