"""`make cms` answers the admin page only, and reads and writes only content/.

tools.cms runs as `make cms` runs it (a process on 127.0.0.1 over a copy of the
repository), and every request here is a real HTTP request: what another web
page open in the editor's browser, or a name rebound to 127.0.0.1, could send.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser import require
from tests.sitetools import ROOT
from tools.cms import DECAP_SERVER

NEWS = "content/news/culturathon-6-2022.fr.md"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cms(tmp_path_factory):
    """A running tools.cms over a copy of the repository: (port, repository, process)."""
    require(shutil.which("node") is not None and DECAP_SERVER.is_file(),
            "Node.js and decap-server (node_modules/)")
    base = tmp_path_factory.mktemp("cms")
    repository = base / "repo"
    shutil.copytree(ROOT / "content", repository / "content")
    (repository / "tools").mkdir()
    (repository / "tools" / "build.py").write_text("print('the real build')\n")
    (repository / "secret.txt").write_text("not for web pages\n")
    # links an editor's folder could hold, leading out of content/
    (repository / "content" / "news" / "leak.fr.md").symlink_to(repository / "secret.txt")
    (repository / "content" / "tools-link").symlink_to(repository / "tools")
    site = base / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin" / "index.html").write_text("<!doctype html><title>admin</title>\n")
    shutil.copy(ROOT / "theme" / "admin" / "config.yml", site / "admin" / "config.yml")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.cms", "--port", str(port), "--site", str(site),
         "--repository", str(repository)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            if _request(port, "GET", "/admin/")[0] == 200:
                break
        except OSError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, process.stdout.read()
        time.sleep(0.2)
    yield port, repository, process
    process.terminate()
    process.wait(timeout=20)


def _request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body, {"Host": f"127.0.0.1:{port}", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _api(port, action, params=None, **headers):
    """A POST as the admin page sends it, unless `headers` say otherwise."""
    sent = {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json; charset=utf-8",
            **{name.replace("_", "-"): value for name, value in headers.items()}}
    sent = {name: value for name, value in sent.items() if value is not None}
    body = json.dumps({"action": action, "params": {"branch": "main", **(params or {})}})
    status, answer = _request(port, "POST", "/api/v1", body.encode(), sent)
    return status, json.loads(answer) if answer else None


def _persist(path, raw="print('planted')\n", **extra):
    return {"dataFiles": [{"slug": "x", "path": path, "raw": raw}], "assets": [],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft"}, **extra}


def test_the_admin_page_reads_and_writes_content(cms):
    port, repository, _ = cms
    status, entry = _api(port, "getEntry", {"path": NEWS})
    assert status == 200 and entry["data"] == (repository / NEWS).read_text(encoding="utf-8")
    path = "content/news/nouvelle-actualite.fr.md"
    assert _api(port, "persistEntry", _persist(path, "---\ntitle: x\n---\n"))[0] == 200
    assert (repository / path).read_text() == "---\ntitle: x\n---\n"
    status, listing = _api(port, "entriesByFolder",
                           {"folder": "content/news", "extension": "md", "depth": 1})
    assert status == 200 and NEWS in {item["file"]["path"] for item in listing}
    # a link in content/ leading out of it is not listed
    assert "content/news/leak.fr.md" not in {item["file"]["path"] for item in listing}


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "https://evil.example", "Content_Type": "text/plain"}, 403),  # a simple POST
    ({"Origin": "https://evil.example"}, 403),
    ({"Origin": "null"}, 403),  # a sandboxed frame or a file:// page
    ({"Origin": None}, 403),  # no origin at all
    ({"Sec_Fetch_Site": "cross-site"}, 403),
    ({"Content_Type": "text/plain"}, 415),  # the admin's origin, but not JSON
    ({"Content_Type": "application/x-www-form-urlencoded"}, 415),
    ({"Host": "evil.example:80"}, 421),  # DNS rebinding: a name pointed at 127.0.0.1
    ({"Host": "127.0.0.1.nip.io", "Origin": "http://127.0.0.1.nip.io"}, 421),
])
def test_other_pages_cannot_write_or_read(cms, headers, status):
    port, repository, _ = cms
    answer, _ = _api(port, "persistEntry", _persist("content/news/planted.fr.md"), **headers)
    assert answer == status
    assert not (repository / "content" / "news" / "planted.fr.md").exists()
    answer, body = _api(port, "getEntry", {"path": NEWS}, **headers)
    assert answer == status and "data" not in (body or {})


def test_another_host_name_gets_nothing_of_the_site(cms):
    port, _, _ = cms
    status, body = _request(port, "GET", "/admin/config.yml", headers={"Host": "evil.example"})
    assert status == 421 and b"local_backend" not in body


@pytest.mark.parametrize("action, params", [
    ("persistEntry", _persist("tools/x.py")),
    ("persistEntry", _persist("content/../tools/x.py")),
    ("persistEntry", _persist("/tmp/x.py")),
    ("persistEntry", _persist("tools-link/x.py")),
    ("persistEntry", _persist("content/tools-link/x.py")),  # through a link out of content/
    ("persistEntry", _persist("content/news/a.fr.md",
                              assets=[{"path": "tools/x.py", "content": "eA==",
                                       "encoding": "base64"}])),
    ("persistEntry", {**_persist("content/news/a.fr.md"),
                      "dataFiles": [{"slug": "x", "path": "content/news/a.fr.md", "raw": "x",
                                     "newPath": "tools/x.py"}]}),
    ("persistEntry", {**_persist("content/news/a.fr.md"),  # the older form, still accepted
                      "entry": {"slug": "x", "path": "tools/x.py", "raw": "x"}}),
    ("persistMedia", {"asset": {"path": "tools/x.py", "content": "eA==", "encoding": "base64"}}),
    ("getEntry", {"path": "secret.txt"}),
    ("getEntry", {"path": "content/news/leak.fr.md"}),  # a link to secret.txt
    ("getMediaFile", {"path": "content/../secret.txt"}),
    ("entriesByFiles", {"files": [{"path": "secret.txt"}]}),
    ("entriesByFolder", {"folder": ".", "extension": "txt", "depth": 1}),
    ("entriesByFolder", {"folder": "content/tools-link", "extension": "py", "depth": 1}),
    ("getMedia", {"mediaFolder": "tools"}),
    ("deleteFile", {"path": "tools/build.py"}),
    ("deleteFiles", {"paths": ["content/news/x.fr.md", "tools/build.py"]}),
    ("getEntry", {"path": 42}),
])
def test_every_path_stays_in_content(cms, action, params):
    port, repository, _ = cms
    status, body = _api(port, action, params)
    assert status == 403, body
    assert "not for web pages" not in json.dumps(body)
    assert not (repository / "tools" / "x.py").exists()
    assert not Path("/tmp/x.py").exists() or "planted" not in Path("/tmp/x.py").read_text()
    assert (repository / "tools" / "build.py").is_file()


def test_unknown_actions_are_refused(cms):
    port, _, _ = cms
    for action in ("unpublishedEntries", "publishUnpublishedEntry", "exec", None):
        assert _api(port, action)[0] == 422


def _listening_ports(pid: int) -> set[int]:
    """The TCP ports a process listens on (Linux /proc)."""
    inodes = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_the_backend_has_no_port_of_its_own(cms):
    port, _, process = cms
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    [node] = [int(child) for child in children
              if "decap-server" in Path(f"/proc/{child}/cmdline").read_text()]
    assert _listening_ports(node) == set()  # only a Unix socket in a private folder
    assert _listening_ports(process.pid) == {port}
