"""`make publish`: a finished site with header policy, precompressed text and redirects."""

import gzip
import os
import re
import subprocess
import sys

import brotli
import pytest

from tests.sitetools import ROOT, build_fixture_site, page
from tools.publishing import policy
from tools.publishing.finish import headers_file
from tools.settings_files import inherit_site_settings

HOME = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos"),
}


def _files(site, pattern="*"):
    return sorted(p for p in site.output.rglob(pattern) if p.is_file())


def test_real_site_needs_no_inline_script_or_style(site):
    pages = _files(site, "*.html")
    assert len(pages) > 20
    for path in pages:
        html = site.html("/" + path.relative_to(site.output).as_posix())
        where = path.relative_to(site.output)
        assert not html.find("style"), f"{where}: <style> element"
        assert not html.find(style=True), f"{where}: style attribute"
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", \
                f"{where}: inline script"
        for tag in html.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, f"{where}: event handler attribute {handlers}"
        # everything a page loads comes from the site itself ('self' in the CSP)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in html.find_all(tag, **{attribute: True}):
                if tag == "link" and not {"stylesheet", "icon", "manifest"} & set(
                        element.get("rel", [])):
                    continue
                url = element[attribute]
                assert url.startswith(("/", site.site_url + "/", "data:")), f"{where}: {url}"


def _directives(csp: str) -> dict:
    return dict(d.strip().split(" ", 1) for d in csp.split(";") if " " in d.strip())


def test_csp_is_strict_and_security_headers_apply_to_every_path(site):
    rules = (site.output / "_headers").read_text()
    everything = rules.split("\n\n")[0]
    assert "\n/*\n" in "\n" + everything + "\n"
    for header in ("Strict-Transport-Security: max-age=", "X-Content-Type-Options: nosniff",
                   "Referrer-Policy: ", "Permissions-Policy: ", "camera=()"):
        assert header in everything
    site_csp, admin_csp, search_csp, image_csp = set(), set(), set(), set()
    for path in _files(site):
        key = path.relative_to(site.output).as_posix()
        if key in ("_headers", "_redirects") or key.endswith((".gz", ".br")):
            continue
        # every address of a page: /a-propos/ and /a-propos/index.html, / and /index.html
        for url in {"/" + key.removesuffix("index.html"), "/" + key}:
            headers = {**dict(line.strip().split(": ", 1)
                              for line in everything.splitlines()[2:]),
                       **_covering(rules, url)}
            found = (admin_csp if key.startswith("admin/")
                     else search_csp if key in policy.SEARCH_PAGES
                     else image_csp if path.suffix in policy.IMAGE_SUFFIXES else site_csp)
            found.add(headers["Content-Security-Policy"])
            assert headers["Cross-Origin-Opener-Policy"].startswith("same-origin"), url
    # every page of the site: no inline script or style, nothing from elsewhere
    [csp] = site_csp
    directives = _directives(csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    # the search pages: the same, and WebAssembly (Pagefind)
    [csp] = search_csp
    assert _directives(csp) == {**directives, "script-src": "'self' 'wasm-unsafe-eval'"}
    # the CMS: only what Decap CMS needs, only under /admin/
    [csp] = admin_csp
    directives = _directives(csp)
    assert directives["default-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["connect-src"] == f"'self' blob: {policy.GIT_HOST_API}"
    assert policy.headers_for("admin/index.html").security["Content-Security-Policy"] == csp
    # images, SVG first: their own inline styles and data: images, nothing else, sandboxed
    [csp] = image_csp
    assert _directives(csp) == {"default-src": "'none'", "style-src": "'unsafe-inline'",
                                "img-src": "data:", "frame-ancestors": "'none'"}
    assert csp.endswith("; sandbox")
    svg = next(site.output.rglob("*.svg")).relative_to(site.output).as_posix()
    assert policy.headers_for(svg).security["Content-Security-Policy"] == csp


def test_the_home_pages_have_their_policy_at_every_address(site):
    rules = (site.output / "_headers").read_text()
    for home in ("/", "/en/"):
        for url in (home, home + "index.html"):
            headers = _covering(rules, url)
            assert headers["Content-Security-Policy"] == policy.CONTENT_SECURITY_POLICY, url
            assert "must-revalidate" in headers["Cache-Control"], url


def _rule(rules: str, path: str) -> dict:
    for block in rules.split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0] == path:
            return dict(line.strip().split(": ", 1) for line in lines[1:])
    raise AssertionError(f"no rule for {path}")


def _covering(rules: str, path: str) -> dict:
    """Headers the host gives `path`: every rule that matches it, merged."""
    merged = {}
    for block in rules.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        pattern = lines[0]
        if pattern == path or (pattern.endswith("/*") and path.startswith(pattern[:-1])):
            for line in lines[1:]:
                name, value = line.strip().split(": ", 1)
                assert name not in merged, f"{path}: two rules set {name}"
                merged[name] = value
    return merged


def test_headers_file_caches_hashed_assets_forever_and_documents_briefly(site):
    rules = (site.output / "_headers").read_text()
    stylesheet = site.local(site.html("/").find("link", rel="stylesheet")["href"])
    assert _covering(rules, stylesheet)["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/a-propos/", "/actualites/", "/en/news/atom.xml", "/sitemap.xml"):
        assert "must-revalidate" in _covering(rules, path)["Cache-Control"], path
    home = _rule(rules, "/")
    assert "must-revalidate" in home["Cache-Control"] and "immutable" not in home["Cache-Control"]
    # Cloudflare Pages reads at most 100 rules
    assert rules.count("\n/") <= 100
    feed = _covering(rules, "/actualites/atom.xml")
    assert feed["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "must-revalidate" in feed["Cache-Control"]
    # precompressed variants are not listed: the host negotiates compression
    assert ".gz\n" not in rules and ".br\n" not in rules


def test_a_new_languages_search_page_runs_webassembly_with_no_other_change(tmp_path):
    """Adding a language is one LANGUAGES entry: its search page gets the search pages' policy."""
    settings = tmp_path / "settings.py"
    settings.write_text(inherit_site_settings() + (
        "LANGUAGES = {**LANGUAGES, 'nl': {'name': 'Nederlands', 'locale': 'nl_NL', 'prefix': 'nl/',"
        " 'sections': {**LANGUAGES['en']['sections'], 'search': 'zoeken'}}}\n"))
    assert policy.search_pages(settings) == (*policy.SEARCH_PAGES, "nl/zoeken/index.html")


def test_hashed_assets_are_recognised_by_name_not_by_list():
    assert policy.headers_for("images/startups/logo-320.0a1b2c3d4e.webp").cache_control == \
        policy.IMMUTABLE
    assert policy.headers_for("theme/fonts/marianne.abcdef0123.woff2").content_type == "font/woff2"
    assert policy.headers_for("images/frise-0f6a94d255-800.webp").cache_control == \
        policy.IMMUTABLE
    assert policy.headers_for("images/social/fr-accueil-4648826382-1200.png").cache_control == \
        policy.IMMUTABLE
    assert policy.headers_for("images/logo.png").cache_control == policy.SHORT
    assert policy.headers_for("rapport-2024031512-v2.pdf").cache_control == policy.SHORT
    assert policy.headers_for("docs/rapport.2023.pdf").cache_control == policy.SHORT
    for key, expected in [
        ("agenda/calendar.ics", "text/calendar; charset=utf-8"),
        ("en/news/atom.xml", "application/atom+xml; charset=utf-8"),
        ("feeds/all.atom", "application/atom+xml; charset=utf-8"),
        ("en/news/rss.xml", "application/rss+xml; charset=utf-8"),
        ("site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
    ]:
        headers = policy.headers_for(key)
        assert headers.content_type == expected, key
        assert "must-revalidate" in headers.cache_control, key
    variant = policy.headers_for("a-propos/index.html.br")
    assert (variant.content_type, variant.content_encoding) == ("text/html; charset=utf-8", "br")
    assert policy.headers_for("theme/css/site.0a1b2c3d4e.css.gz").cache_control == policy.IMMUTABLE


def _named_after_bytes(key: str) -> bool:
    """What the producers of hashed names write: llv.assets (theme/), llv.images
    (images/), llv.cms (its scripts and style), Pagefind (its index files)."""
    return (key.startswith(("theme/", "images/")) or bool(re.fullmatch(r"admin/[^/]+\.(js|css)", key))
            or (key.startswith("pagefind/") and ".pf_" in key))


def test_files_named_after_their_bytes_are_cached_for_a_year_and_no_other(site):
    keys = [path.relative_to(site.output).as_posix() for path in _files(site)]
    hashed = {k for k in keys if _named_after_bytes(policy.split_encoding(k)[0])}
    assert {k.split("/")[0] for k in hashed} == {"theme", "images", "admin", "pagefind"}
    for key in keys:
        assert (policy.headers_for(key).cache_control == policy.IMMUTABLE) == (key in hashed), key


def test_every_image_name_the_pipeline_writes_is_cached_for_a_year(tmp_path):
    from PIL import Image

    from llv.images.pipeline import ImageConfig, ImagePipeline

    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    Image.new("RGB", (1000, 600), (11, 93, 122)).save(images / "photo.jpg")
    Image.new("RGBA", (400, 200), (0, 0, 0, 0)).save(images / "logo.png")
    (images / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" '
                                     'height="20"><rect width="40" height="20"/></svg>')
    pipeline = ImagePipeline(ImageConfig(content_dir=tmp_path / "content",
                                         cache_dir=tmp_path / "cache"))
    for reference, role in (("images/photo.jpg", "photo"), ("images/logo.png", "logo"),
                            ("images/logo.svg", "logo"), ("images/logo.svg", "photo")):
        pipeline.plan(reference, role)
    pipeline.social_card(site_name="LLV", tagline="Pôle", kind="Page", title="À propos",
                         domain="example.org", alt="Page : À propos", lang="fr")
    paths = [path for outputs in pipeline.outputs.values() for _, path in outputs]
    assert any(path.endswith("-vector.svg") for path in paths) and len(paths) > 10
    for path in paths:
        assert policy.headers_for(path).cache_control == policy.IMMUTABLE, path


def test_headers_file_groups_only_folders_of_hashed_assets():
    rules = headers_file(["theme/css/site.0a1b2c3d4e.css", "images/a.0a1b2c3d4e.webp",
                          "images/logo.png", "index.html", "a/index.html", "a/b/index.html",
                          "a/atom.xml", "agenda/calendar.ics"])
    assert _rule(rules, "/theme/*")["Cache-Control"] == policy.IMMUTABLE
    assert "Cache-Control" not in _rule(rules, "/images/*")  # only its security headers
    assert _covering(rules, "/images/a.0a1b2c3d4e.webp")["Cache-Control"] == policy.IMMUTABLE
    assert _covering(rules, "/images/logo.png")["Cache-Control"] == policy.SHORT
    # folders of documents share one rule; types a host may get wrong are spelled out
    assert _rule(rules, "/a/*")["Cache-Control"] == policy.REVALIDATE
    assert "/a/b/" not in rules
    assert _covering(rules, "/a/atom.xml") == {
        "Cache-Control": policy.REVALIDATE, "Content-Type": "application/atom+xml; charset=utf-8",
        "Content-Security-Policy": policy.CONTENT_SECURITY_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin"}
    assert _covering(rules, "/agenda/calendar.ics")["Content-Type"] == "text/calendar; charset=utf-8"
    assert _covering(rules, "/")["Cache-Control"] == policy.REVALIDATE


def test_text_files_are_precompressed_where_that_saves_bytes(site):
    variants = 0
    for path in _files(site):
        if path.suffix in (".gz", ".br"):
            original = path.with_suffix("").read_bytes()
            unpack = gzip.decompress if path.suffix == ".gz" else brotli.decompress
            assert unpack(path.read_bytes()) == original, path
            assert path.stat().st_size < len(original), path
            variants += 1
        elif policy.is_compressible(path.name) and path.stat().st_size > 2000:
            assert path.with_name(path.name + ".gz").is_file(), path
            assert path.with_name(path.name + ".br").is_file(), path
    assert variants > 40
    home = site.output / "index.html"
    assert (home.with_name("index.html.br").stat().st_size
            < home.with_name("index.html.gz").stat().st_size < home.stat().st_size / 2)


def test_publish_build_is_reproducible(tmp_path):
    """(With the search index cache they share, as successive builds do.)"""
    settings = f"PRECOMPRESS = True\nSEARCH_INDEX_CACHE_DIR = {str(tmp_path / 'index')!r}\n"
    first = build_fixture_site(tmp_path / "a", HOME, settings)
    second = build_fixture_site(tmp_path / "b", HOME, settings)
    assert first.returncode == 0, first.log
    def files(site):
        return {p.relative_to(site.output).as_posix(): p.read_bytes() for p in _files(site)}

    assert files(first) == files(second)


def redirects(*pairs) -> str:
    return "redirects:\n" + "".join(f"  - old: {old}\n    new: {new}\n" for old, new in pairs)


def test_redirects_declared_once_become_the_redirects_file(tmp_path):
    site = build_fixture_site(tmp_path, {
        **HOME, "redirects.yaml": redirects(("/qui-sommes-nous/", "/a-propos/"), ("/en/old/", "/en/"))})
    assert site.returncode == 0, site.log
    lines = (site.output / "_redirects").read_text().splitlines()
    assert "/qui-sommes-nous/ /a-propos/ 301" in lines and "/en/old/ /en/ 301" in lines


@pytest.mark.parametrize("redirects, message", [
    (redirects(("/ancien/", "/nulle-part/")),
     "redirects.yaml:3: redirects[0].new: the new address '/nulle-part/' is not a page"),
    (redirects(("/ok/", "/a-propos/"), ("/a-propos/", "/")),
     "redirects.yaml:4: redirects[1].old: '/a-propos/' is still a page"),
    ("redirects: [oops\n", "content/redirects.yaml:1: this is not valid YAML"),
    ("- /ancien/\n", "redirects.yaml:1: expected `field: value` lines, found a list"),
])
def test_a_wrong_redirect_fails_the_build_naming_file_and_line(tmp_path, redirects, message):
    failed = build_fixture_site(tmp_path, {**HOME, "redirects.yaml": redirects})
    assert failed.returncode != 0
    assert message in failed.log, failed.log
    assert "Traceback" not in failed.log and "left untouched" in failed.log
    assert not failed.output.exists()


def test_compression_is_cached_by_content_hash(tmp_path):
    from tools.publishing.finish import cached_compress

    data = b"<p>" + b"Louvre Lens Vall\xc3\xa9e " * 200 + b"</p>"
    first = cached_compress(data, tmp_path)
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".br", ".gz"]
    # a second call reads the cache instead of compressing again
    for path in tmp_path.rglob("*.br"):
        path.write_bytes(b"from-cache")
    assert cached_compress(data, tmp_path)[".br"] == b"from-cache"
    assert gzip.decompress(first[".gz"]) == data and brotli.decompress(first[".br"]) == data


@pytest.fixture(scope="module")
def clockless_site(tmp_path_factory):
    """A built site whose "now" comes from SOURCE_DATE_EPOCH (no BUILD_NOW)."""
    folder = tmp_path_factory.mktemp("clockless")
    site = build_fixture_site(folder, HOME, "BUILD_NOW = None\n",
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1764806400"})
    assert site.returncode == 0, site.log
    return folder, site


@pytest.mark.parametrize("epoch", ["abc", "1e9", "-5", " 1764806400", "１７６４８０６４００",
                                   "99999999999999"])
def test_a_source_date_epoch_that_is_no_moment_is_one_clear_line(clockless_site, epoch):
    folder, site = clockless_site
    before = {p: p.read_bytes() for p in _files(site)}
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    commands = {
        "make html": [sys.executable, "-m", "tools.build", "--settings",
                      str(folder / "testconf.py"), "--output", str(site.output)],
        "make check": [sys.executable, "-m", "tools.check", "--settings",
                       str(folder / "testconf.py")],
    }
    for name, command in commands.items():
        if name == "make check" and epoch not in ("abc", "99999999999999"):
            continue  # the same function decides; two variants are enough here
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                                timeout=300)
        said = result.stdout + result.stderr
        assert result.returncode == 1, f"{name}: {said}"
        assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC" in said
        assert "Traceback" not in said and "ValueError" not in said, said
    assert {p: p.read_bytes() for p in _files(site)} == before
