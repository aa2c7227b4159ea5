"""`output/` only ever shows a whole site, the old one or the new one: whatever
stops a build (an error, Ctrl-C, SIGTERM, SIGKILL, a full or read-only disk,
a second build at the same time), readers see the previous site, byte for
byte, no traceback is printed and no half-built folder is left behind."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.sitetools import ROOT, page, private_caches
from tools.settings_files import inherit_site_settings

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos", "Une première version."),
}
# A plugin for these tests only: it writes a marker file, then waits, at the
# moment named by LLV_TEST_PAUSE_AT (a Pelican signal), so that the test can
# stop the build there.
PAUSE_PLUGIN = '''
import os, time
from pathlib import Path
from pelican import signals

def _pause(*args, **kwargs):
    marker = Path(os.environ["LLV_TEST_PAUSE_MARKER"])
    if not marker.exists():
        marker.write_text(str(os.getpid()))
        try:
            time.sleep(float(os.environ.get("LLV_TEST_PAUSE_SECONDS", "60")))
        except KeyboardInterrupt:  # stopped: as slowly as LLV_TEST_STOP_SECONDS says
            time.sleep(float(os.environ.get("LLV_TEST_STOP_SECONDS", "0")))
            raise

def register():
    moment = os.environ.get("LLV_TEST_PAUSE_AT")
    if moment:
        getattr(signals, moment).connect(_pause)
'''


def make_site(root: Path, files: dict[str, str] = HOME) -> Path:
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    (content / "news").mkdir(exist_ok=True)
    plugins = root / "test-plugins" / "pause_build"
    plugins.mkdir(parents=True)
    (plugins / "__init__.py").write_text(PAUSE_PLUGIN, encoding="utf-8")
    settings = root / "testconf.py"
    settings.write_text(
        inherit_site_settings() +
        f"PATH = {str(content)!r}\n"
        + private_caches(root) +
        f"PLUGIN_PATHS = [{str(root / 'test-plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'pause_build']\nCMS_SCRIPT = None\n"
        'NAVIGATION = ()\nFOOTER_NAVIGATION = ()\nBUILD_NOW = "2026-11-21T12:00:00"\n',
        encoding="utf-8")
    return settings


def command(settings: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "tools.build", "--settings", str(settings),
            "--output", str(output)]


def build(settings: Path, output: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command(settings, output), cwd=ROOT, capture_output=True, text=True,
                          timeout=300, **kwargs)


def snapshot(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes()
            for p in sorted(output.rglob("*")) if p.is_file()}


def generations(output: Path) -> list[str]:
    folder = output.parent / ".build" / f"{output.name}.sites"
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def change_content(settings: Path) -> None:
    about = settings.parent / "content" / "pages" / "about.fr.md"
    about.write_text(about.read_text(encoding="utf-8").replace("première", "seconde"),
                     encoding="utf-8")


def start_paused(settings: Path, output: Path, moment: str, tmp: Path,
                 stopping_seconds: float = 0) -> subprocess.Popen:
    """A build that stops at `moment` (a Pelican signal) until killed; its Pelican
    process then takes `stopping_seconds` to end."""
    marker = tmp / f"paused-{moment}"
    env = {**os.environ, "LLV_TEST_PAUSE_AT": moment, "LLV_TEST_PAUSE_MARKER": str(marker),
           "LLV_TEST_STOP_SECONDS": str(stopping_seconds)}
    process = subprocess.Popen(command(settings, output), cwd=ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.05)
    return process


def assert_clean_failure(result_text: str) -> None:
    assert "Traceback" not in result_text
    assert "output/ was left" in result_text or "left untouched" in result_text


def assert_refused(settings: Path, output: Path, before: dict, message: str) -> None:
    """A build that fails with `message`, cleanly, leaving the previous site as it was."""
    failed = build(settings, output)
    assert failed.returncode == 1
    assert message in failed.stderr
    assert_clean_failure(failed.stderr)
    assert snapshot(output) == before
    assert len(generations(output)) == 1


@pytest.fixture
def built(tmp_path):
    settings = make_site(tmp_path)
    output = tmp_path / "output"
    first = build(settings, output)
    assert first.returncode == 0, first.stderr
    change_content(settings)
    return settings, output, snapshot(output)


@pytest.mark.parametrize("stop, moment", [
    (signal.SIGINT, "content_written"), (signal.SIGTERM, "finalized"),
    (signal.SIGKILL, "content_written"), (signal.SIGKILL, "finalized")])
def test_a_stopped_build_leaves_the_previous_site(built, tmp_path, stop, moment):
    settings, output, before = built
    process = start_paused(settings, output, moment, tmp_path)
    assert len(generations(output)) == 2  # the published one and the one being built
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert snapshot(output) == before
    if stop != signal.SIGKILL:
        assert process.returncode == 130
        assert "Build interrupted: output/ was left as it was." in stderr
        assert "Traceback" not in stderr
        assert len(generations(output)) == 1
    # the next build removes what a killed build left, and publishes the change
    again = build(settings, output)
    assert again.returncode == 0, again.stderr
    assert "seconde" in (output / "a-propos" / "index.html").read_text(encoding="utf-8")
    assert len(generations(output)) == 2  # the new site, and the previous one for readers


def test_a_second_build_at_the_same_time_is_refused(built, tmp_path):
    settings, output, before = built
    first = start_paused(settings, output, "initialized", tmp_path)
    try:
        second = build(settings, output)
        assert second.returncode == 1
        assert f"another build of output/ is running (process {first.pid})" in second.stderr
        assert "Traceback" not in second.stderr
        assert snapshot(output) == before
    finally:
        first.kill()
        first.wait()


def test_readers_see_the_old_site_until_the_new_one_is_whole(built, tmp_path):
    """While the new site is written, output/ is the old one; then all the new."""
    settings, output, before = built
    process = start_paused(settings, output, "finalized", tmp_path)
    assert snapshot(output) == before
    process.kill()
    process.wait()
    assert build(settings, output).returncode == 0
    after = snapshot(output)
    assert after != before and "seconde".encode() in after["a-propos/index.html"]


def test_a_build_started_while_a_killed_one_still_ends_waits_for_it(built, tmp_path):
    """Killing a build leaves its Pelican process ending for a moment; a build
    started at once waits for it rather than saying another build runs."""
    settings, output, before = built
    process = start_paused(settings, output, "finalized", tmp_path, stopping_seconds=3)
    process.kill()
    process.wait()
    again = build(settings, output)
    assert again.returncode == 0, again.stderr
    assert "seconde".encode() in snapshot(output)["a-propos/index.html"]


def test_a_stopped_build_that_never_ends_is_named_not_waited_for_forever(tmp_path, monkeypatch):
    from tools import build as build_module

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    lock = tmp_path / ".build" / "output.lock"
    lock.parent.mkdir()
    lock.write_text(dead, encoding="utf-8")
    holder = subprocess.Popen(  # what a stuck Pelican process of that build would do
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1]); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        monkeypatch.setattr(build_module, "STOPPING_BUILD_SECONDS", 0.3)
        with pytest.raises(build_module.BuildError) as refused:
            with build_module.exclusive(tmp_path / "output"):
                pass
        assert f"a build of output/ that was stopped (process {dead}) is still ending" in str(
            refused.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_failed_build_leaves_the_previous_site_and_no_folder(built):
    settings, output, before = built
    about = settings.parent / "content" / "pages" / "about.fr.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title:", "titel:"),
                     encoding="utf-8")
    assert_refused(settings, output, before,
                   "ERROR: content/pages/about.fr.md:2: titel: unknown field")


@contextmanager
def built_on_a_small_disk(tmp_path, size: str):
    """A site built on its own file system (a tmpfs, where the machine allows
    mounting one), its content then changed: (mounted?, settings, output, snapshot)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
        capture_output=True).returncode == 0
    try:
        settings = make_site(disk)
        output = disk / "output"
        assert build(settings, output).returncode == 0
        change_content(settings)
        yield mounted, settings, output, snapshot(output)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_full_disk_stops_the_build_with_a_message(tmp_path):
    """On a small file system filled so that the new site does not fit; where
    mounting is not allowed, with a limit on file size, which fails the same
    writes (EFBIG instead of ENOSPC)."""
    with built_on_a_small_disk(tmp_path, "4m") as (mounted, settings, output, before):
        if mounted:
            disk = settings.parent
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            (disk / "filler").write_bytes(b"\0" * max(0, free - 150_000))
            result = build(settings, output)
            assert "the disk is full" in result.stderr
        else:
            def limit():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))
            result = build(settings, output, preexec_fn=limit)
            assert "File too large" in result.stderr
        assert result.returncode == 1
        assert_clean_failure(result.stderr)
        assert snapshot(output) == before
        assert len(generations(output)) == 1


def test_a_read_only_output_folder_stops_the_build_with_a_message(tmp_path):
    with built_on_a_small_disk(tmp_path, "8m") as (mounted, settings, output, before):
        disk = settings.parent
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        elif os.geteuid() != 0:  # permissions, which root ignores
            for folder in (disk, disk / ".build", disk / ".build" / "output.sites"):
                folder.chmod(0o555)
        else:
            pytest.skip("root on a machine that refuses to mount a file system: no way to "
                        "make a folder read-only for this build")
        result = build(settings, output)
        assert result.returncode == 1
        assert "cannot write" in result.stderr
        assert_clean_failure(result.stderr)
        assert snapshot(output) == before


def test_a_mistake_in_the_settings_file_is_one_line(built):
    settings, output, before = built
    with settings.open("a", encoding="utf-8") as conf:
        conf.write("SITENAME = UNDEFINED_NAME\n")
    result = build(settings, output)
    assert result.returncode == 1
    line = len(settings.read_text(encoding="utf-8").splitlines())
    assert f"ERROR: testconf.py:{line}: NameError: name 'UNDEFINED_NAME' is not defined" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(output) == before


def test_a_search_index_that_cannot_be_made_fails_the_build_after_pelican(built):
    """Pagefind runs once Pelican's process has ended (tools.build): its failure
    still leaves the previous site, with one line naming the cause."""
    settings, output, before = built
    blocked = settings.parent / "not-a-folder"
    blocked.write_text("a file where the search index's cache should be", encoding="utf-8")
    with settings.open("a", encoding="utf-8") as conf:
        conf.write(f"SEARCH_INDEX_CACHE_DIR = {str(blocked)!r}\n")
    assert_refused(settings, output, before, "ERROR: Search index: Pagefind failed")
