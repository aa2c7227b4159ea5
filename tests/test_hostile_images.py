"""Images that cannot be decoded (issue 23): whatever the route (a Markdown
picture, a start-up's logo, a `{static}` or `{attach}` link), `make html` and
`make check` fail with one line naming the file that uses the image, its line,
and the image; no traceback, output/ untouched. (The table of formats and
defects on the pipeline itself: plugins/llv/images/tests/test_errors.py.)"""

import pytest

from llv.images.tests.test_errors import BOMB, gif_claiming, truncated, webp_claiming
from llv.images.tests.test_metadata import png_chunk, png_with
from tests.hostiletools import STARTUP, assert_refused, built_baseline, copy_site, page, write

GOOD = {"pages/home.fr.md": page("Accueil", "accueil", template="home"),
        "startups/wezaart.yaml": STARTUP}

LINKS = """Texte.

[plan]({static}/images/cut.jpg)

[carte]({static}/images/ztxt.png) et [vue]({attach}/docs/bomb.webp)

[anim]({static}/images/bomb.gif)

[photo]({static}/images/named-jpg.jpg)

![Une vue](images/cut.webp)
"""


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return built_baseline(tmp_path_factory.mktemp("hostile-images"), GOOD)


def test_images_that_cannot_be_decoded_name_the_file_using_them(baseline, tmp_path):
    folder = copy_site(baseline, tmp_path / "site")
    write(folder / "content", {
        "images/cut.jpg": truncated("JPEG"),
        "images/ztxt.png": png_with(png_chunk(b"zTXt", b"Comment\0\0" + BOMB)),
        "docs/bomb.webp": webp_claiming(16384, 16384),
        "images/bomb.gif": gif_claiming(65535, 65535),
        "images/named-jpg.jpg": png_with(b""),
        "images/cut.webp": truncated("WEBP"),
        "images/logos/cut.webp": truncated("WEBP"),
        "startups/wezaart.yaml": STARTUP + "logo: images/logos/cut.webp\n",
        "pages/liens.fr.md": page("Liens", "liens", LINKS),
    })
    assert_refused(folder, [
        "content/pages/liens.fr.md:9: link: content/images/cut.jpg: the image is corrupt",
        "content/pages/liens.fr.md:11: link: content/images/ztxt.png: the image holds a text or"
        " colour-profile chunk that decompresses to too much data",
        "content/pages/liens.fr.md:11: link: content/docs/bomb.webp: the image is too large",
        "content/pages/liens.fr.md:13: link: content/images/bomb.gif: the image is too large",
        "content/pages/liens.fr.md:15: link: content/images/named-jpg.jpg: the file is a PNG"
        " image, not what its extension .jpg says: rename it .png",
        "content/pages/liens.fr.md:17: image: content/images/cut.webp: the image is corrupt",
        "content/startups/wezaart.yaml:6: logo: content/images/logos/cut.webp: the image is"
        " corrupt",
    ], forbidden=(str(folder),))


# An SVG logo as editors' tools write them: a <style> element, a style
# attribute, a gradient by url(#id), an embedded data: image.
DRAWING = b"""<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <style>.mark { fill: #0b5d7a }</style>
  <linearGradient id="g"><stop offset="0" stop-color="#c0392b"/></linearGradient>
  <rect class="mark" width="100" height="100"/>
  <rect x="100" width="100" height="100" style="fill: url(#g)"/>
  <image x="90" y="40" width="20" height="20" href="data:image/png;base64,%s"/>
</svg>"""


@pytest.mark.browser
def test_a_published_svg_is_drawn_under_its_own_policy(tmp_path, chromium_browser):
    """Served with the headers of tools/publishing/policy.py, as the host and
    the deploy give them: opened by its address or shown by a page, the
    sanitised drawing keeps its styles and gradient, and breaks no rule."""
    import base64
    import io

    from PIL import Image

    from llv.images.svg import sanitize_svg
    from tests.test_search_browser import VIOLATIONS_JS, serve_with_headers

    dot = io.BytesIO()
    Image.new("RGB", (4, 4), (255, 255, 0)).save(dot, "PNG")
    drawing = sanitize_svg(DRAWING % base64.b64encode(dot.getvalue())).data
    (tmp_path / "images").mkdir()
    (tmp_path / "images/logo-0123456789-vector.svg").write_bytes(drawing)
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>x</title><body style="margin:0">'
        '<img src="/images/logo-0123456789-vector.svg" width="200" height="100" alt="">')
    with serve_with_headers(tmp_path) as origin:
        context = chromium_browser.new_context(viewport={"width": 200, "height": 100})
        context.add_init_script(VIOLATIONS_JS)
        try:
            page_ = context.new_page()
            for url in ("/images/logo-0123456789-vector.svg", "/"):
                response = page_.goto(origin + url, wait_until="load")
                csp = response.headers["content-security-policy"]
                shot = Image.open(io.BytesIO(page_.screenshot())).convert("RGB")
                assert shot.getpixel((40, 50)) == (11, 93, 122), url  # the <style> rule
                assert shot.getpixel((160, 50)) == (192, 57, 43), url  # the gradient
                assert shot.getpixel((100, 50)) == (255, 255, 0), url  # the data: image
                if url != "/":
                    assert "sandbox" in csp and page_.evaluate("window.__violations") == []
        finally:
            context.close()
