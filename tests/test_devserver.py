"""The preview server rebuilds on save and the open page refreshes itself."""

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.sitetools import ROOT, build_fixture_site, page

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos"),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def devserver(tmp_path):
    build_fixture_site(tmp_path, HOME)  # writes the content and the settings file
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.devserver", "--settings", str(tmp_path / "testconf.py"),
         "--output", str(tmp_path / "output"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    origin = f"http://127.0.0.1:{port}"
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(process.stdout), daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(origin + "/a-propos/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"the devserver did not start:\n{''.join(log)}")
    yield origin, tmp_path, log
    process.terminate()
    process.wait(timeout=10)


def test_served_pages_carry_the_reload_script_but_output_does_not(devserver):
    origin, tmp_path, _ = devserver
    served = urllib.request.urlopen(origin + "/a-propos/").read().decode()
    assert '<script src="/__livereload.js" defer></script></body>' in served
    assert "__livereload" not in (tmp_path / "output" / "a-propos" / "index.html").read_text()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(origin + "/nulle-part/")
    assert missing.value.code == 404


def test_saving_a_file_refreshes_the_open_page_then_builds_the_site(devserver,
                                                                   chromium_browser):
    """The open page is rendered first and refreshed; then the whole site is
    built, and the pages rendered ahead are dropped."""
    origin, tmp_path, log = devserver
    about = tmp_path / "content" / "pages" / "about.fr.md"
    tab = chromium_browser.new_page()
    try:
        tab.goto(origin + "/a-propos/")
        assert tab.locator("h1").inner_text() == "À propos"
        tab.wait_for_function("document.documentElement.dataset.livereload === 'on'")
        about.write_text(page("À propos de nous", "a-propos"), encoding="utf-8")
        tab.wait_for_function("document.querySelector('h1').innerText === 'À propos de nous'",
                              timeout=20_000)
        _wait_for(lambda: any("about.fr.md: site rebuilt" in line for line in log), log)
        assert any("about.fr.md: open pages refreshed" in line for line in log), log
        assert "À propos de nous" in (tmp_path / "output" / "a-propos" / "index.html").read_text()
        assert not (tmp_path / ".build" / "output.preview").exists()
    finally:
        tab.close()


def _wait_for(condition, log, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "".join(log)
        time.sleep(0.1)


def _served_until(url: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    served = ""
    while time.monotonic() < deadline:
        served = urllib.request.urlopen(url).read().decode()
        if text in served:
            return served
        time.sleep(0.1)
    pytest.fail(f"{text!r} never appeared in {url}:\n{served[:2000]}")


def test_each_save_is_built_and_a_settings_change_uses_the_new_settings(devserver):
    origin, tmp_path, _ = devserver
    about = tmp_path / "content" / "pages" / "about.fr.md"
    for title in ("Première version", "Seconde version"):  # the waiting build, twice
        about.write_text(page(title, "a-propos"), encoding="utf-8")
        _served_until(origin + "/a-propos/", f"<h1>{title}</h1>")
    settings = tmp_path / "testconf.py"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + 'SITENAME = "Vallée de test"\n', encoding="utf-8")
    _served_until(origin + "/a-propos/", "Vallée de test")
