"""Is `output/` already what a build would produce? Then the build does nothing.

A build records what it read (every input file's size, mtime and SHA-256), the
interpreter, what the site's clock decided (the day, for empty feeds, and how
many of the agenda's moments had passed: an event ending, a call opening or
closing) and what it wrote (every output file's size and mtime). The next build
compares: a file whose size and mtime are unchanged is taken as unchanged, one
whose stat differs is hashed again, so touching a file costs a hash, not a build.
Any difference, a missing record or a changed output file means a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from llv.common.clock import clock_signature
from llv.common.files import FileRefused, inside, walk_files
from llv.common.services import services

ROOT = Path(__file__).resolve().parent.parent
RECORD_VERSION = 2
SKIPPED_FOLDERS = {"__pycache__", ".pytest_cache"}


def record_path(output: Path) -> Path:
    return output.parent / ".build" / f"{output.name}.record.json"


def input_roots(settings, settings_file: Path) -> list[Path]:
    roots = [ROOT / "plugins", ROOT / "tools", Path(settings["THEME"]), Path(settings["PATH"]),
             settings_file, ROOT / "requirements.lock", *sorted(ROOT.glob("*.py"))]
    if settings.get("I18N_TRANSLATIONS_DIR"):
        roots.append(Path(settings["I18N_TRANSLATIONS_DIR"]))
    return roots


def _files(root: Path):
    """(absolute path, os.DirEntry) of every file of an input root (a folder or a file)."""
    if root.is_file():
        entry = next(e for e in os.scandir(root.parent) if e.name == root.name)
        yield str(root), entry
        return
    # the plugins' own tests decide nothing the build makes
    skipped = SKIPPED_FOLDERS | ({"tests"} if root == ROOT / "plugins" else set())
    for relative, entry in walk_files(root, skipped):
        if not entry.name.endswith(".pyc"):
            yield entry.path, entry


def scan_inputs(roots, previous: dict | None) -> dict[str, list]:
    """{path: [size, mtime_ns, sha256]}, reusing hashes whose stat is unchanged.
    Only regular files inside their root are read (a FIFO would hang, a link
    could lead anywhere): the build reports the others."""
    previous = previous or {}
    scanned = {}
    for root in roots:
        for key, entry in _files(root):
            path = key
            if entry.is_symlink():
                try:
                    path = str(inside(key, root.parent if root.is_file() else root))
                except FileRefused:
                    scanned[key] = [0, 0, "refused"]
                    continue
                stat = os.stat(path)
            elif entry.is_file(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
            else:
                scanned[key] = [0, 0, "refused"]
                continue
            known = previous.get(key)
            if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
                scanned[key] = known
            else:
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
                scanned[key] = [stat.st_size, stat.st_mtime_ns, digest]
    return scanned


def scan_outputs(output: Path) -> dict[str, list]:
    if not output.is_dir():
        return {}
    outputs = {}
    for relative, entry in walk_files(os.path.realpath(output)):
        stat = entry.stat(follow_symlinks=False)
        outputs[relative] = [stat.st_size, stat.st_mtime_ns]
    return outputs


def environment(settings_file: Path, overrides) -> dict:
    """What else decides the output: which settings (make html or make publish)."""
    return {"version": RECORD_VERSION, "python": sys.version, "executable": sys.executable,
            "settings": str(settings_file), "overrides": repr(sorted((overrides or {}).items()))}


def same_environment(record: dict | None, settings_file: Path, overrides) -> bool:
    return bool(record) and record.get("environment") == environment(settings_file, overrides)


def _same_content(old: dict, new: dict) -> bool:
    return old.keys() == new.keys() and all(old[k][2] == new[k][2] for k in old)


def load(output: Path) -> dict | None:
    try:
        return json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(record: dict | None, settings, settings_file: Path, output: Path,
               overrides) -> tuple[bool, dict]:
    """(nothing to build?, the inputs as scanned now)."""
    inputs = scan_inputs(input_roots(settings, settings_file), (record or {}).get("inputs"))
    if not same_environment(record, settings_file, overrides):
        return False, inputs
    same = (_same_content(record["inputs"], inputs)
            and record["clock"] == clock_signature(settings, record["moments"])
            and record["outputs"] == scan_outputs(output))
    return same, inputs


def sources_record(settings, settings_file: Path, inputs: dict, overrides) -> dict:
    """The record of a build but its outputs: what it was built from, and how."""
    moments = list(services(settings).clock_moments)
    return {"environment": environment(settings_file, overrides), "inputs": inputs,
            "moments": moments, "clock": clock_signature(settings, moments)}


def save(output: Path, sources: dict, outputs: dict, pages: dict[str, list]) -> None:
    """`sources`: sources_record(); `outputs`: what scan_outputs(output) would give (the
    build has the stats already); `pages`: each finished page's [SHA-256, indexed (1)
    or not, SHA-256 as Pelican wrote it] (the next build compares them, and reuses
    the pages Pelican writes the same)."""
    write(output, {**sources, "outputs": outputs, "pages": pages})


def refresh(output: Path, record: dict, inputs: dict) -> None:
    """Keep the new stats of touched-but-unchanged inputs (no hashing next time)."""
    if record["inputs"] != inputs:
        write(output, {**record, "inputs": inputs})


def write(output: Path, record: dict) -> None:
    path = record_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, path)
