"""The CMS published with a tiny site: its page, its configuration, its script under
a content-hashed name; nothing without CMS_SCRIPT."""

import hashlib

from llv.common.testing import SITE_SETTINGS, build_site, page

FILES = {"pages/about.fr.md": page("À propos", "a-propos")}


def test_the_admin_page_loads_the_script_by_its_hash_and_the_generated_configuration(tmp_path):
    script = tmp_path / "decap-cms.js"
    script.write_bytes(b"/* the CMS */\n")
    digest = hashlib.sha256(script.read_bytes()).hexdigest()[:10]
    site = build_site(tmp_path, FILES, {"CMS_SCRIPT": str(script)})
    admin = site.html("/admin/")
    assert admin.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    tag, _ = admin.find_all("script")  # Decap's, then admin.js
    assert tag["src"] == f"/admin/decap-cms.{digest}.js"
    assert site.path_for(tag["src"]).read_bytes() == script.read_bytes()
    config = SITE_SETTINGS.parent / "theme" / "admin" / "config.yml"
    assert (site.output / "admin" / "config.yml").read_bytes() == config.read_bytes()


def test_without_a_cms_script_there_is_no_admin(tmp_path):
    site = build_site(tmp_path, FILES)
    assert site.exists("/a-propos/") and not (site.output / "admin").exists()
