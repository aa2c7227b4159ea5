"""The CMS at /admin/ (Decap CMS, docs/cms.md), published with the site.

When every page is written (Pelican's `finalized` signal, in the build's new
folder), writes:

    admin/index.html            theme/admin/index.html: loads the CMS (noindex)
    admin/config.yml            theme/admin/config.yml, generated from the
                                content model by `make schemas`
    admin/decap-cms.<hash>.js   the pinned release in vendor/decap-cms/
                                (CMS_SCRIPT), named by its content hash so
                                that it is cached for a year
    admin/admin.<hash>.js       theme/admin/admin.js: Decap's French completed,
                                the model's rules across fields before saving
    admin/admin.<hash>.css      theme/admin/admin.css

These pages are written outside Pelican's writer: they are in no sitemap,
feed or listing; robots.txt keeps crawlers out (ROBOTS_DISALLOW, llv_seo)
and tools/publishing/policy.py gives /admin/ its own Content-Security-Policy.
Without the CMS_SCRIPT setting nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Template
from pelican import signals

from llv_common.hashed_names import hashed_name
from llv_common.outputs import ADMIN_FOLDER
from llv_common.rendering import is_rendered


def publish_admin(pelican) -> None:
    settings = pelican.settings
    script = settings.get("CMS_SCRIPT")
    if not script or not is_rendered(settings, f"{ADMIN_FOLDER}/index.html"):
        return
    source = Path(settings["THEME"]) / ADMIN_FOLDER
    folder = Path(pelican.output_path) / ADMIN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)

    def publish(name: str, code: bytes) -> str:
        hashed = hashed_name(name, code)
        (folder / hashed).write_bytes(code)
        return f"/{ADMIN_FOLDER}/{hashed}"

    urls = {"cms_script": publish("decap-cms.js", Path(script).read_bytes()),
            "admin_script": publish("admin.js", (source / "admin.js").read_bytes()),
            "admin_style": publish("admin.css", (source / "admin.css").read_bytes())}
    (folder / "config.yml").write_bytes((source / "config.yml").read_bytes())
    page = Template((source / "index.html").read_text(encoding="utf-8"), autoescape=True)
    (folder / "index.html").write_text(page.render(**urls) + "\n", encoding="utf-8")


NEEDS = ()  # plugins this one needs in a build (before it in PLUGINS)


def register():
    signals.finalized.connect(publish_admin)
