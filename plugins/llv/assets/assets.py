"""Theme assets under content-hashed names, referenced through `asset()`.

Templates write `{{ SITEURL }}/{{ asset('css/site.css') }}`; the file is
published as `theme/css/site.<hash>.css`, so it can be cached for a year and a
new version never meets an old page. `url()` references inside stylesheets are
rewritten to the hashed names too. No written HTML is re-read: names are known
before any template renders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator

from llv.common.files import walk_files
from llv.common.hashed_names import hashed_name
from llv.common.services import services

CSS_URL = re.compile(r"""url\(\s*(['"]?)(?!data:|https?:|/|#)([^'")]+)\1\s*\)""")


class AssetError(ValueError):
    pass


@dataclass(frozen=True)
class Asset:
    source: Path
    hashed: str  # hashed name, relative to the theme's static folder
    url: str  # hashed name, relative to the site root
    data: bytes


def build_manifest(static_dir: Path, url_prefix: str) -> dict[str, Asset]:
    """Hash every file under `static_dir`; stylesheets last, their url()s rewritten."""
    manifest: dict[str, Asset] = {}
    files = sorted(Path(entry.path) for _, entry in walk_files(static_dir) if entry.is_file())
    for path in sorted(files, key=lambda p: p.suffix == ".css"):
        relative = path.relative_to(static_dir).as_posix()
        data = path.read_bytes()
        if path.suffix == ".css":
            data = _rewrite_css(path, static_dir, data.decode("utf-8"), manifest).encode("utf-8")
        hashed = hashed_name(relative, data)
        manifest[relative] = Asset(path, hashed, url_prefix + hashed, data)
    return manifest


def _rewrite_css(path: Path, static_dir: Path, text: str, manifest) -> str:
    def replace(match):
        target = (path.parent / match[2].split("?")[0].split("#")[0]).resolve()
        try:
            relative = target.relative_to(static_dir.resolve()).as_posix()
        except ValueError:
            raise AssetError(f"{path}: url({match[2]}) points outside the theme") from None
        if relative not in manifest:
            raise AssetError(f"{path}: url({match[2]}): no such file in the theme")
        own_folder = path.parent.relative_to(static_dir).as_posix()
        return f"url({os.path.relpath(manifest[relative].hashed, own_folder)})"

    return CSS_URL.sub(replace, text)


def manifest_for(settings) -> dict[str, Asset]:
    shared = services(settings)
    if shared.assets is None:
        static_dir = Path(settings["THEME"]) / "static"
        prefix = settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"
        shared.assets = build_manifest(static_dir, prefix) if static_dir.is_dir() else {}
    return shared.assets


def install_asset_function(generator):
    manifest = manifest_for(generator.settings)

    def asset(name: str) -> str:
        try:
            return manifest[name].url
        except KeyError:
            raise AssetError(f"asset('{name}'): no such file in theme/static/") from None

    generator.env.globals["asset"] = asset


class AssetsGenerator(Generator):
    """Writes the hashed theme files (Pelican's own unhashed copy is disabled)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for asset in manifest_for(self.settings).values():
            target = Path(self.output_path, asset.url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.data)
