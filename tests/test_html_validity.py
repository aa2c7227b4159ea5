"""The whole built site through the Nu Html Checker, and every reference resolves."""

import json
import re
import subprocess


from tests.browser import VNU_JAR, require_vnu


def test_nu_html_checker_finds_no_error(site):
    java = require_vnu()
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         str(site.output)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split(str(site.output))[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        + (f" — {m['extract'].strip()}" if m.get("extract") else "")
        for m in messages if m.get("type") in ("error", "non-document-error")
    ]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:50])
    assert result.returncode == 0, result.stderr[-2000:]


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def test_image_sources_and_stylesheet_urls_resolve(site):
    """srcset candidates, og:image and url() in stylesheets point at real files."""
    broken = []
    for html_file in site.output.rglob("*.html"):
        html = site.html("/" + html_file.relative_to(site.output).as_posix())
        targets = [meta["content"] for meta in html.find_all("meta", property="og:image")]
        for element in html.find_all(["img", "source"], srcset=True):
            targets += [c.strip().split(" ")[0] for c in element["srcset"].split(",") if c.strip()]
        for target in targets:
            local = site.local(target)
            if not local.startswith(("http:", "https:")) and not site.exists(local):
                broken.append(f"{html_file.relative_to(site.output)} -> {target}")
    for css in site.output.rglob("*.css"):
        for target in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if target.startswith(("data:", "#", "http:", "https:")):
                continue
            if not (css.parent / target.split("?")[0].split("#")[0]).resolve().is_file():
                broken.append(f"{css.relative_to(site.output)} -> {target}")
    assert not broken, "\n".join(broken)
