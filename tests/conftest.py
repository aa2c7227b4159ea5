import pytest

from tests.sitetools import build_real_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once per test process with the production settings, at a
    fixed "now" (tests.sitetools.REAL_SITE_CLOCK)."""
    built = build_real_site(tmp_path_factory.mktemp("real-site") / "output")
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright: one per test process (Playwright's
    sync API allows a single instance per process)."""
    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
