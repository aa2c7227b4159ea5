"""The real site in a real Chromium: axe-core, layout at 320–1280 px, keyboard only.

One browser for the whole session; each kind of page in both languages.
Screenshots (390 px and 1280 px, light and dark) go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import ARTIFACTS, AXE_SCRIPT, page_types, route_site_to, serve
from tests.sitetools import PRODUCTION_URL

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"
FOCUS_VISIBLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, what: 'nothing focused'};
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
            || (s.boxShadow && s.boxShadow !== 'none');
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                && r.top < innerHeight && r.left < innerWidth;
  return {ok: ring && onScreen, what: el.outerHTML.slice(0, 160),
          href: el.href || '', ring, onScreen};
}"""


@pytest.fixture(scope="session")
def browser_session(site, chromium_browser):
    with serve(site.output) as origin:
        yield chromium_browser, origin


@pytest.fixture
def browse(browser_session):
    """A fresh browser tab whose requests are served from the built site."""
    browser, origin = browser_session
    failures: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    route_site_to(context, origin, failures)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, failures, errors
    context.close()


# Kinds of page that exist in every build; "event" is checked with "agenda"
# as soon as an event page exists (content/events/ may be empty).
KINDS = ["home", "page", "apply", "search", "accessibility", "news index", "news", "start-ups", "start-up",
         "start-up facet", "partners", "agenda", "404"]


def _run_axe(page, options: str = "{}") -> list[str]:
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(f"async () => await axe.run(document, {options})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                    for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def test_every_kind_of_page_is_checked(site):
    types = page_types(site.output)
    assert set(KINDS) <= set(types), f"missing page kinds: {sorted(set(KINDS) - set(types))}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_in_the_browser(site, browse, kind, lang):
    types = page_types(site.output)
    kinds = [kind, "event"] if kind == "agenda" and "event" in types else [kind]
    for each in kinds:
        _check_page(browse, each, types[each][0 if lang == "fr" else 1], lang)


def _check_page(browse, kind, url, lang):
    page, failures, errors = browse
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(color_scheme="light")
    page.goto(PRODUCTION_URL + url, wait_until="load")
    assert page.evaluate("document.documentElement.lang") == lang

    # axe-core, light colour scheme, all rules (WCAG 2.x A/AA and best practices)
    violations = _run_axe(page)
    assert not violations, f"{url}:\n" + "\n".join(violations)

    name = f"{kind.replace(' ', '-')}.{lang}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.1280.light.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.1280.dark.png"), full_page=True)
    page.emulate_media(color_scheme="light")

    # 360 px and 320 px wide: nothing wider than the screen
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than a {width}px screen"

    # a phone: axe again (all rules), then the dark colour scheme's contrast
    page.set_viewport_size({"width": 390, "height": 844})
    violations = _run_axe(page)
    assert not violations, f"{url} (390 px):\n" + "\n".join(violations)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.390.light.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    dark = _run_axe(page, "{runOnly: {type: 'rule', values: ['color-contrast']}}")
    assert not dark, f"{url} (dark mode):\n" + "\n".join(dark)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.390.dark.png"), full_page=True)

    assert not failures, "\n".join(failures)
    assert not errors, "\n".join(errors)


def _tab_to(page, wanted, what: str, limit: int = 120) -> None:
    """Press Tab until a link whose URL ends with `wanted` has the focus.

    At every step the focused element must show a visible focus ring on screen.
    """
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_VISIBLE_JS)
        assert focus["ok"], f"focus not visible on {page.url}: {focus}"
        if focus["href"] and wanted(focus["href"]):
            return
    raise AssertionError(f"{what}: not reached with Tab on {page.url}")


def _follow(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_journey(site, browse):
    """Home → a start-up → the other language → agenda → an event, keyboard only."""
    page, failures, errors = browse
    page.goto(PRODUCTION_URL + "/")

    # The skip link comes first, shows itself, and leads to the content.
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_VISIBLE_JS)
    assert focus["ok"] and focus["href"].endswith("#content"), focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"

    # home → a start-up (from the home page's start-ups block)
    _tab_to(page, lambda href: "/start-up/" in href and href.rstrip("/").count("/") == 4,
            "a start-up on the home page")
    _follow(page)
    assert page.url.startswith(PRODUCTION_URL + "/start-up/")
    startup = page.locator("h1").inner_text()

    # switch language: the same start-up in English
    page.keyboard.press("Tab")  # skip link
    _tab_to(page, lambda href: href.startswith(PRODUCTION_URL + "/en/"), "the language switch")
    _follow(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url.startswith(PRODUCTION_URL + "/en/start-ups/")
    assert page.locator("h1").inner_text() == startup

    # agenda, from the main menu
    _tab_to(page, lambda href: href == PRODUCTION_URL + "/en/events/", "the agenda in the menu")
    _follow(page)
    assert page.url == PRODUCTION_URL + "/en/events/"

    # an event: listed on the agenda when upcoming, else in the agenda's archive
    event_page = re.compile(re.escape(PRODUCTION_URL) + r"/en/events/(?!archive/)[^/]+/$")
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
    if not any(event_page.match(h) for h in hrefs):
        _tab_to(page, lambda href: href.startswith(PRODUCTION_URL + "/en/events/archive/"),
                "the agenda's archive")
        _follow(page)
    _tab_to(page, lambda href: bool(event_page.match(href)), "an event")
    _follow(page)
    assert event_page.match(page.url)
    assert page.locator("h1").count() == 1

    assert not failures, "\n".join(failures)
    assert not errors, "\n".join(errors)


ON_FIRST_SCREEN_JS = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
}"""


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_home_first_screen_on_a_phone(browser_session, browse, url):
    """At 390×844, without JavaScript, the menu is folded: the home page's h1 and
    its two actions (apply; the agenda) are on the first screen; the menu opens."""
    browser, origin = browser_session
    page, failures, errors = browse
    phone = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    route_site_to(phone, origin, failures)
    tab = phone.new_page()
    tab.goto(PRODUCTION_URL + url, wait_until="load")
    for what in ("main h1", ".hero__actions a[href$='/candidater/'], .hero__actions a[href$='/en/apply/']",
                 ".hero__actions a[href$='/agenda/'], .hero__actions a[href$='/en/events/']"):
        assert tab.evaluate(ON_FIRST_SCREEN_JS, what), f"{url}: {what} is not on the first screen"
    nav = tab.locator("nav.site-nav a").first
    assert not nav.is_visible(), "the menu should be folded on a phone"
    tab.locator(".site-menu__toggle").click()
    assert nav.is_visible(), "the menu opens from its summary"
    phone.close()
    # on a laptop the menu is open, and no summary shows
    page.goto(PRODUCTION_URL + url, wait_until="load")
    assert page.locator("nav.site-nav a").first.is_visible()
    assert not page.locator(".site-menu__toggle").is_visible()
    assert not failures, "\n".join(failures)
