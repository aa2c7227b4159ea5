"""Typesetting stays linear in a page's size whatever the page holds (issue 23,
item 1), keeps its rules on such pages, and a page over the time limit is an
error naming its content file."""

import time

import pytest

from llv_common.testing import build_site, page
from llv_typography import typeset_html

NBSP = "\u00a0"


def _french(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body>{body}</body></html>'


# (name, page of size n): what once took cubic or quadratic time, or recursed
PATHOLOGICAL = [
    ("a quote followed by spaces, never closed", lambda n: _french('<p>"' + " " * n + "x</p>")),
    ("a guillemet, then spaces before no guillemet", lambda n: _french("<p>» a" + " " * n + "b</p>")),
    ("unclosed lang elements", lambda n: _french('<span lang="en">a ' * n)),
    ("nested lang elements", lambda n: _french('<span lang="en">a ' * n + "</span>" * n)),
    ("unclosed skipped elements", lambda n: _french("<code>a : " * n)),
    ("unclosed comments and raw text", lambda n: _french("<script>a" * n + "<!--a" * n)),
    ("tags whose quotes never close", lambda n: _french('<a title="x>' * n)),
    ("spaces before colons", lambda n: _french("<p>" + ("mot" + " " * 50 + ": ") * (n // 50) + "</p>")),
]
SIZES = {"small": 4_000, "large": 16_000}


def _seconds(document: str) -> float:
    """The shortest of three runs: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        typeset_html(document)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("make", [case[1] for case in PATHOLOGICAL], ids=[c[0] for c in PATHOLOGICAL])
def test_typesetting_grows_linearly_with_the_page(make):
    small, large = (_seconds(make(SIZES[size])) for size in ("small", "large"))
    # 4 × the size: about 4 × the time when linear, 16 × when quadratic, 64 × when cubic
    assert large < 8 * small + 0.02, f"{small:.4f} s, then {large:.4f} s for a page 4 × larger"


def test_pathological_pages_keep_their_typography():
    quote = typeset_html(_french('<p>Il dit "' + " " * 12_000 + "oui : bien</p>"))
    assert f'"{" " * 12_000}oui{NBSP}: bien' in quote
    nested = typeset_html(_french('<span lang="en">it\'s ' * 3_000 + "</span>" * 3_000 + "<p>l'été</p>"))
    assert nested.count("it’s") == 3_000 and "<p>l’été</p>" in nested
    unclosed = typeset_html(_french('<span lang="en">it\'s ' * 20_000))
    assert unclosed.count("it’s") == 20_000


def test_a_page_over_the_time_limit_names_its_file(tmp_path):
    body = '<span lang="en">a</span> ' * 20_000
    site = build_site(tmp_path, "llv_typography", {"pages/lent.fr.md": page("Lent", "lent", body=body)},
                      {"TYPOGRAPHY_TIME_LIMIT": 0.01}, fails=True)
    assert any(error.startswith("content/pages/lent.fr.md: this page takes more than 0.01 s to typeset")
               for error in site.errors), site.errors
