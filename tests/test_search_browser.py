"""Search and the start-up directory's filter in a real Chromium, served with the
headers of tools/publishing/policy.py (the strict Content-Security-Policy, with
'wasm-unsafe-eval' on the search pages only): results, filters, the address,
the announced count, the keyboard, axe in light and dark, 320 px; no console
error and no CSP violation."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import AXE_SCRIPT, route_site_to
from tests.sitetools import PRODUCTION_URL
from tests.test_browser import FOCUS_VISIBLE_JS
from tools.publishing import policy

pytestmark = pytest.mark.browser

# Collected from the first script of every document, before the page's own.
VIOLATIONS_JS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with the headers the deploy gives each file."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        path = urlsplit(self.path).path.lstrip("/")
        key = path + "index.html" if path == "" or path.endswith("/") else path
        for name, value in policy.headers_for(key).security.items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve_with_headers(directory):
    handler = functools.partial(_HeadersHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def origin(site):
    with serve_with_headers(site.output) as local:
        yield local


@pytest.fixture
def tab(chromium_browser, origin):
    failures: list[str] = []
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    route_site_to(context, origin, failures)
    context.add_init_script(VIOLATIONS_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    yield page
    violations = page.evaluate("window.__violations")
    context.close()
    assert not failures, "\n".join(failures)
    assert not errors, "\n".join(errors)
    assert not violations, "\n".join(violations)


def results(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results:not([hidden]) .search-result__title a",
        "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")


def wait_for_status(page, text: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('search-status').textContent.includes(text)", arg=text)


def check_accessibility(page, what: str) -> None:
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))  # no script tag: the CSP stays strict
    for scheme, options in (("light", "{}"),
                            ("dark", "{runOnly: {type: 'rule', values: ['color-contrast']}}")):
        page.emulate_media(color_scheme=scheme)
        found = page.evaluate(f"async () => (await axe.run(document, {options})).violations"
                              ".map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))")
        assert not found, f"{what} ({scheme}):\n" + "\n".join(found)
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} is {overflow}px wider than a 320px screen"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_french_search_finds_the_event_and_the_news_and_the_kind_filter_narrows(tab):
    page = tab
    page.goto(PRODUCTION_URL + "/recherche/")
    assert page.locator("#search-listing").is_visible()  # the listing, until there is a search
    page.get_by_label("Mots à rechercher").press_sequentially("culturathon")
    wait_for_status(page, "résultats")
    found = results(page)
    assert "/agenda/culturathon-2022/" in found and "/actualites/sixieme-culturathon/" in found
    assert page.get_attribute("#search-status", "role") == "status"
    assert page.locator("#search-listing").is_hidden()
    kinds = page.locator(".search-result__kind").all_inner_texts()
    assert "Événement" in kinds and "Actualités" in kinds
    assert page.locator(".search-result mark").count() > 0
    assert parse_qs(urlsplit(page.url).query) == {"q": ["culturathon"]}
    check_accessibility(page, "search results (fr)")

    page.get_by_label("Type", exact=True).select_option("news")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert results(page) == ["/actualites/sixieme-culturathon/"]
    wait_for_status(page, "1 résultat")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["culturathon"], "kind": ["news"]}

    page.reload()  # the address keeps the search
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert page.get_by_label("Mots à rechercher").input_value() == "culturathon"


def test_english_search_finds_wezaart_and_every_result_is_reached_by_keyboard(tab):
    page = tab
    page.goto(PRODUCTION_URL + "/en/")
    page.locator("header .site-search-link").click()  # the header leads to the search
    assert page.url == PRODUCTION_URL + "/en/search/"
    page.get_by_label("Words to look for").press_sequentially("fair social network")
    page.wait_for_function("() => document.querySelector('.search-result') !== null")
    assert "/en/start-ups/wezaart/" in results(page)
    assert page.locator(".search-result").first.locator(".search-result__kind").inner_text() \
        == "Start-up"
    for _ in range(15):  # from the field, Tab reaches the results, each focus visible
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_VISIBLE_JS)
        assert focus["ok"], focus
        if "/en/start-ups/wezaart/" in focus["href"]:
            break
    else:
        raise AssertionError("Wezaart's result not reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == PRODUCTION_URL + "/en/start-ups/wezaart/"


def test_partners_are_found_one_by_one(tab):
    page = tab
    page.goto(PRODUCTION_URL + "/en/search/?q=orange")
    page.wait_for_function("() => document.querySelector('.search-result') !== null")
    assert results(page)[0] == "/en/partners/#partner-orange"
    assert page.locator(".search-result__title").first.inner_text() == "Orange"


def test_the_directory_narrows_as_you_type_and_the_address_follows(tab):
    page = tab
    page.goto(PRODUCTION_URL + "/start-up/")
    cards = page.locator("[data-startup]")
    total = cards.count()
    assert total >= 3 and page.locator("form.directory-filter").is_visible()
    field = page.get_by_label("Nom ou métier")
    field.press_sequentially("wez")
    visible = page.locator("[data-startup]:not([hidden])")
    assert visible.count() == 1 and "Wezaart" in visible.inner_text()
    assert page.locator("#startup-results").inner_text() == "1 start-up"
    assert page.locator("#directory-status").inner_text() == "1 start-up"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["wez"]}
    field.fill("")
    field.press_sequentially("equite")  # by trade, and accents do not matter: "équité"
    assert visible.count() == 1 and "Wezaart" in visible.inner_text()
    field.fill("")
    page.locator("#directory-cohort").select_option("2014")
    assert visible.count() == cards.locator("xpath=self::*[@data-cohort='2014']").count() == 1
    assert parse_qs(urlsplit(page.url).query) == {"cohort": ["2014"]}
    check_accessibility(page, "start-up directory, filtered")

    page.goto(PRODUCTION_URL + "/start-up/?q=zzzz")  # a shared address filters on arrival
    assert visible.count() == 0
    assert page.locator("#directory-status").inner_text() == \
        "Aucune start-up ne correspond à ce filtre."
