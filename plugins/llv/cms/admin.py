"""/admin/ written into the build's folder (what and why: the package's docstring)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Template

from llv.common.hashed_names import hashed_name
from llv.common.outputs import ADMIN_FOLDER
from llv.common.rendering import is_rendered


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
