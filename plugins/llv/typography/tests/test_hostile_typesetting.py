"""Typesetting stays linear in a page's size whatever the page holds (issue 23,
item 1), keeps its rules on such pages, and a page over the time limit is an
error naming its content file."""

import gc
import time

import pytest

from llv.common.testing import build_site, page
from llv.typography.typography import typeset_html

NBSP = "\u00a0"


def _french(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><title>Essai</title></head><body>{body}</body></html>'


# (name, page of size n, n for a page of some 100 kB to 1 MB): what once took
# cubic or quadratic time, or recursed
PATHOLOGICAL = [
    ("a quote followed by spaces, never closed", lambda n: _french('<p>"' + " " * n + "x</p>"),
     50_000),
    ("a guillemet, then spaces before no guillemet",
     lambda n: _french("<p>» a" + " " * n + "b</p>"), 50_000),
    ("unclosed lang elements", lambda n: _french('<span lang="en">a ' * n), 1_000),
    ("nested lang elements", lambda n: _french('<span lang="en">a ' * n + "</span>" * n), 1_000),
    ("unclosed skipped elements", lambda n: _french("<code>a : " * n), 2_000),
    ("unclosed comments and raw text", lambda n: _french("<script>a" * n + "<!--a" * n), 20_000),
    ("tags whose quotes never close", lambda n: _french('<a title="x>' * n), 6_000),
    ("spaces before colons",
     lambda n: _french("<p>" + ("mot" + " " * 50 + ": ") * (n // 50) + "</p>"), 200_000),
]
GROWTH = 8  # the large page is 8 × the small one


def _seconds(*documents: str) -> list[float]:
    """The time each document takes to typeset: the shortest of five runs, taken in
    turn (the least disturbed by other work on the machine)."""
    best = [float("inf")] * len(documents)
    gc.disable()
    try:
        for _ in range(5):
            for index, document in enumerate(documents):
                start = time.perf_counter()
                typeset_html(document)
                best[index] = min(best[index], time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("make, size", [case[1:] for case in PATHOLOGICAL],
                         ids=[case[0] for case in PATHOLOGICAL])
def test_typesetting_grows_linearly_with_the_page(make, size):
    small, large = _seconds(make(size), make(GROWTH * size))
    # 8 × the page: about 8 × the time when linear, 64 × when quadratic, 512 × when
    # cubic (the quadratic code this replaced took seconds on the large pages)
    assert large < 30 * small + 0.05, f"{small:.4f} s, then {large:.4f} s for a page {GROWTH} × larger"


def test_pathological_pages_keep_their_typography():
    quote = typeset_html(_french('<p>Il dit "' + " " * 12_000 + "oui : bien</p>"))
    assert f'"{" " * 12_000}oui{NBSP}: bien' in quote
    nested = typeset_html(_french('<span lang="en">it\'s ' * 3_000 + "</span>" * 3_000 + "<p>l'été</p>"))
    assert nested.count("it’s") == 3_000 and "<p>l’été</p>" in nested
    unclosed = typeset_html(_french('<span lang="en">it\'s ' * 20_000))
    assert unclosed.count("it’s") == 20_000


def test_a_page_over_the_time_limit_names_its_file(tmp_path):
    body = "Un mot : « oui » ; l'été ! " * 20_000
    site = build_site(tmp_path, {"pages/lent.fr.md": page("Lent", "lent", body=body)},
                      {"TYPOGRAPHY_TIME_LIMIT": 0.01}, fails=True)
    assert any(error.startswith("content/pages/lent.fr.md: this page takes more than 0.01 s to typeset")
               for error in site.errors), site.errors
