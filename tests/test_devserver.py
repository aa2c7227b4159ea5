"""The preview server rebuilds on save and the open page refreshes itself."""

import socket
import subprocess
import sys
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
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(origin + "/a-propos/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"the devserver did not start:\n{process.stdout.read()}")
    yield origin, tmp_path
    process.terminate()
    process.wait(timeout=10)


def test_served_pages_carry_the_reload_script_but_output_does_not(devserver):
    origin, tmp_path = devserver
    served = urllib.request.urlopen(origin + "/a-propos/").read().decode()
    assert '<script src="/__livereload.js" defer></script></body>' in served
    assert "__livereload" not in (tmp_path / "output" / "a-propos" / "index.html").read_text()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(origin + "/nulle-part/")
    assert missing.value.code == 404


def test_saving_a_file_rebuilds_and_refreshes_the_open_page(devserver, chromium_browser):
    origin, tmp_path = devserver
    about = tmp_path / "content" / "pages" / "about.fr.md"
    tab = chromium_browser.new_page()
    try:
        tab.goto(origin + "/a-propos/")
        assert tab.locator("h1").inner_text() == "À propos"
        tab.wait_for_function("document.documentElement.dataset.livereload === 'on'")
        about.write_text(page("À propos de nous", "a-propos"), encoding="utf-8")
        tab.wait_for_function("document.querySelector('h1').innerText === 'À propos de nous'",
                              timeout=20_000)
    finally:
        tab.close()


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
    origin, tmp_path = devserver
    about = tmp_path / "content" / "pages" / "about.fr.md"
    for title in ("Première version", "Seconde version"):  # the waiting build, twice
        about.write_text(page(title, "a-propos"), encoding="utf-8")
        _served_until(origin + "/a-propos/", f"<h1>{title}</h1>")
    settings = tmp_path / "testconf.py"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + 'SITENAME = "Vallée de test"\n', encoding="utf-8")
    _served_until(origin + "/a-propos/", "Vallée de test")
