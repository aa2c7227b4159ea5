"""The SVG sanitiser keeps no `url(` but exactly `url(#id)`: not one left
unclosed, escaped, hidden by comments, quotes or spaces, in `<style>`, in
`style="…"` or in a presentation attribute."""

import pytest

from llv.images.svg import sanitize_svg

ELSEWHERE = "elsewhere.example"


def svg(inner: str, attributes: str = "") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10">'
            f'<linearGradient id="a"><stop offset="0"/></linearGradient>'
            f"{inner}<rect width=\"20\" height=\"10\" {attributes}/></svg>").encode()


HOSTILE = [
    svg("<style>rect{mask-image:url(https://elsewhere.example/t.png</style>"),
    svg("", 'fill="url(https://elsewhere.example/p.svg#p"'),
    svg("", 'fill="url(&quot;https://elsewhere.example/p.svg#p&quot;"'),
    svg("", "style=\"fill:url( 'https://elsewhere.example/q.svg#p' )\""),
    svg("", 'style="fill:url(https://elsewhere.example/q.svg#p"'),
    svg('<style>.a{fill:URL("https://elsewhere.example/r.svg#p")}</style>'),
    svg(r"<style>.a{fill:u\72l(https://elsewhere.example/s.svg)}</style>"),
    svg("", r'fill="u\72l(https://elsewhere.example/s.svg#p)"'),
    svg("", r'fill="url(\68ttps://elsewhere.example/s.svg#p)"'),
    svg("<style>.a{fill:url(/**/https://elsewhere.example/c.svg)}</style>"),
    svg("<style>.a{fill:url(#a)} /* url(https://elsewhere.example/u.png</style>"),
    svg("<style>.a{fill:url(#a) } .b{fill:url(\n https://elsewhere.example/n.svg\n)}</style>"),
    svg("", 'filter="url(#a) url(https://elsewhere.example/f.svg#x)"'),
    svg("", 'clip-path="url(#a#https://elsewhere.example/f.svg)"'),
    svg("<style>@font-face{font-family:x;src:url(https://elsewhere.example/f.woff)}</style>"),
    svg("<style>.a{fill:url('#a);background:url(https://elsewhere.example/z.png')}</style>"),
]


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
def test_no_url_but_a_fragment_survives(data):
    clean = sanitize_svg(data).data.decode()
    assert ELSEWHERE not in clean, clean
    assert "url(" not in clean.replace("url(#a)", ""), clean


def test_fragment_urls_are_kept_with_quotes_and_spaces():
    clean = sanitize_svg(svg("<style>.b{fill:url( '#a' )}</style>",
                             "fill=\"url(#a)\" stroke='url(\"#a\")'")).data.decode()
    assert "fill:url( '#a' )" in clean and 'fill="url(#a)"' in clean
    assert "stroke=\"url(&quot;#a&quot;)\"" in clean
