"""Deploy the built site to an S3-compatible bucket: only what changed, in a safe order.

    python -m tools.deploy [--dry-run] output

Configuration comes from the environment only (CI secret store, never a file
in the repository):

    LLV_S3_BUCKET          bucket name (required)
    LLV_S3_ENDPOINT        endpoint URL of a non-AWS provider, e.g. https://s3.gra.io.cloud.ovh.net
    LLV_S3_REGION          region (else AWS_DEFAULT_REGION, else us-east-1)
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   credentials (boto3's usual chain)
    LLV_CDN_PURGE_COMMAND  optional command, run with the changed URL paths as arguments
    LLV_KEEP_OLD_ASSETS    seconds a replaced hashed asset stays in the bucket (default 86400)

What the bucket holds is compared with the site: an object is uploaded when
it is missing, when its content hash (ETag, the MD5 of a single-part upload)
differs, or when its headers changed (recorded in a small manifest object).
Uploads go in three phases — assets, then pages (and redirects), then feeds,
calendars and sitemap — so a page never goes live before what it references.
Objects the site no longer has are deleted only after every upload succeeded;
replaced hashed assets are kept for a grace period, for pages still cached
by browsers and CDNs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from llv_content.redirects import key_for
from tools.publishing import policy
from tools.publishing.finish import GENERATED, REDIRECTS_FILE, site_files, url_of
from tools.publishing.redirects import parse_redirects_file, redirect_page

MANIFEST_KEY = ".llv-deploy/manifest.json"
DEFAULT_KEEP_OLD_ASSETS = 86400
WORKERS = 8
PURGE_TIMEOUT = 300


class DeployError(Exception):
    """A problem the person deploying can fix; printed without a traceback."""


@dataclass(frozen=True)
class LocalObject:
    key: str
    md5: str
    put_args: dict  # everything but the body, as passed to put_object
    path: Path | None = None
    data: bytes | None = None

    @property
    def phase(self) -> str:
        return policy.phase(self.key)

    @property
    def fingerprint(self) -> str:
        described = json.dumps({"md5": self.md5, **self.put_args}, sort_keys=True)
        return hashlib.sha256(described.encode()).hexdigest()

    def body(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()


def _put_args(key: str, redirect: str | None = None) -> dict:
    headers = policy.headers_for(key)
    args = {"ContentType": headers.content_type, "CacheControl": headers.cache_control}
    if headers.content_encoding:
        args["ContentEncoding"] = headers.content_encoding
    if headers.security:
        # Plain S3 cannot send arbitrary response headers: they travel as
        # x-amz-meta-* for the CDN to map (see README); `_headers` sets them too.
        args["Metadata"] = {name.lower(): value for name, value in headers.security.items()}
    if redirect:
        args["WebsiteRedirectLocation"] = redirect
    return args


def local_objects(site: Path) -> dict[str, LocalObject]:
    """The objects the bucket must hold: the site's files and its redirects."""
    objects = {}
    for key in site_files(site):
        if key in GENERATED:
            continue
        path = site / key
        data = path.read_bytes()
        objects[key] = LocalObject(key, hashlib.md5(data).hexdigest(), _put_args(key), path=path)
    redirects_path = site / REDIRECTS_FILE
    if redirects_path.is_file():
        for old, new in parse_redirects_file(redirects_path.read_text(encoding="utf-8")).items():
            key = key_for(old)
            if key in objects:
                raise DeployError(f"{REDIRECTS_FILE}: {old} is both a page and a redirect")
            data = redirect_page(new)
            objects[key] = LocalObject(key, hashlib.md5(data).hexdigest(),
                                       _put_args(key, redirect=new), data=data)
    return objects


@dataclass
class RemoteState:
    etags: dict[str, str]
    manifest: dict


def remote_state(client, bucket: str) -> RemoteState:
    etags = {}
    for listing in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in listing.get("Contents", []):
            etags[item["Key"]] = item["ETag"].strip('"')
    manifest = {"objects": {}, "retired": {}}
    if MANIFEST_KEY in etags:
        body = client.get_object(Bucket=bucket, Key=MANIFEST_KEY)["Body"].read()
        try:
            loaded = json.loads(body)
            manifest = {"objects": dict(loaded.get("objects", {})),
                        "retired": dict(loaded.get("retired", {}))}
        except (ValueError, AttributeError):
            pass  # an unreadable manifest only costs a full upload
        del etags[MANIFEST_KEY]
    return RemoteState(etags, manifest)


@dataclass
class Plan:
    uploads: dict[str, list[tuple[LocalObject, str]]] = field(
        default_factory=lambda: {name: [] for name in policy.PHASES})
    deletions: list[str] = field(default_factory=list)
    kept: dict[str, float] = field(default_factory=dict)  # old asset → deletion due at
    manifest: dict = field(default_factory=dict)
    manifest_changed: bool = False

    @property
    def upload_count(self) -> int:
        return sum(len(items) for items in self.uploads.values())

    def changed_paths(self) -> list[str]:
        """URL paths a CDN may hold a stale copy of (hashed assets never are)."""
        keys = [obj.key for items in self.uploads.values() for obj, _ in items] + self.deletions
        paths = {url_of(key) for key in keys
                 if not policy.is_hashed(key) and policy.split_encoding(key)[1] is None}
        return sorted(paths)


def make_plan(local: dict[str, LocalObject], remote: RemoteState, now: float,
              keep_old_assets: float) -> Plan:
    plan = Plan()
    for key in sorted(local):
        obj = local[key]
        if key not in remote.etags:
            reason = "new"
        elif remote.etags[key] != obj.md5:
            reason = "changed"
        elif remote.manifest["objects"].get(key) != obj.fingerprint:
            reason = "headers changed"
        else:
            continue
        plan.uploads[obj.phase].append((obj, reason))
    retired = {}
    for key in sorted(set(remote.etags) - set(local)):
        if policy.is_hashed(key):
            since = float(remote.manifest["retired"].get(key, now))
            if now - since < keep_old_assets:
                retired[key] = since
                plan.kept[key] = since + keep_old_assets
                continue
        plan.deletions.append(key)
    plan.manifest = {
        "objects": {key: obj.fingerprint for key, obj in sorted(local.items())},
        "retired": retired,
    }
    plan.manifest_changed = plan.manifest != remote.manifest
    return plan


def describe(plan: Plan, target: str) -> str:
    lines = [f"Plan for {target}: {plan.upload_count} to upload, {len(plan.deletions)} to delete, "
             f"{len(plan.kept)} old asset(s) kept."]
    for phase_name in policy.PHASES:
        for obj, reason in plan.uploads[phase_name]:
            lines.append(f"  {phase_name:<6}  upload  {obj.key}  ({reason})")
    for key in plan.deletions:
        lines.append(f"  last    delete  {key}")
    for key, due in plan.kept.items():
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(due))
        lines.append(f"  kept            {key}  (old asset, deleted from {stamp})")
    return "\n".join(lines)


def execute(client, bucket: str, plan: Plan, log=print) -> None:
    """Phases in order, each one complete before the next; deletions last."""
    def upload(obj: LocalObject):
        client.put_object(Bucket=bucket, Key=obj.key, Body=obj.body(), **obj.put_args)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for phase_name in policy.PHASES:
            items = [obj for obj, _ in plan.uploads[phase_name]]
            list(pool.map(upload, items))  # re-raises the first failure
            if items:
                log(f"  {phase_name}: {len(items)} uploaded")
    for start in range(0, len(plan.deletions), 1000):
        batch = plan.deletions[start:start + 1000]
        result = client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True})
        if result.get("Errors"):
            failed = ", ".join(f"{e['Key']} ({e.get('Code')})" for e in result["Errors"][:5])
            raise DeployError(f"could not delete: {failed}")
    if plan.deletions:
        log(f"  deleted: {len(plan.deletions)}")
    if plan.manifest_changed:
        client.put_object(Bucket=bucket, Key=MANIFEST_KEY,
                          Body=json.dumps(plan.manifest, indent=1, sort_keys=True).encode(),
                          ContentType="application/json", CacheControl="no-store")


def purge(command: str, paths: list[str], log=print) -> None:
    if not command or not paths:
        return
    log(f"  purging {len(paths)} path(s) with LLV_CDN_PURGE_COMMAND")
    try:
        subprocess.run([*shlex.split(command), *paths], check=True, timeout=PURGE_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as error:
        raise DeployError(f"the site is deployed, but the CDN purge failed: {error}") from None


def endpoint_problem(value: str) -> str | None:
    """What is wrong with LLV_S3_ENDPOINT (empty: AWS), or None."""
    if not value:
        return None
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or any(c.isspace() for c in value)):
        return (f"LLV_S3_ENDPOINT must be the address of the S3 service, like"
                f" https://s3.gra.io.cloud.ovh.net, found {value!r}")
    return None


def client_from_environment(environ=os.environ):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=environ.get("LLV_S3_ENDPOINT") or None,
        region_name=environ.get("LLV_S3_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1",
        config=Config(retries={"max_attempts": 5, "mode": "standard"},
                      max_pool_connections=WORKERS * 2),
    )


CANONICAL = re.compile(rb'<link rel="canonical" href="https://')
# A legal fact still "à compléter" in a built page (plugins/llv_legal).
MISSING_FACT = re.compile(rb'data-missing-fact="([a-z_.]+)"')
LEGAL_FACTS_FILE = "content/data/legal.yaml"  # llv_content.registry.DATA_FILES["legal"]


def missing_facts(site: Path) -> dict[str, list[str]]:
    """Each legal fact the built pages show as "à compléter", with the pages showing it."""
    found: dict[str, list[str]] = {}
    for relative in site_files(site):
        if relative.endswith(".html"):
            for name in dict.fromkeys(MISSING_FACT.findall((site / relative).read_bytes())):
                found.setdefault(name.decode(), []).append(relative)
    return found


def check_site(site: Path) -> None:
    index = site / "index.html"
    if not index.is_file():
        raise DeployError(f"{site}/ holds no built site: run `make publish` first")
    if not CANONICAL.search(index.read_bytes()):
        raise DeployError(f"{site}/ is a development build (relative URLs): "
                          "run `make publish` before `make deploy`")
    if not (site / "_headers").is_file():
        raise DeployError(f"{site}/_headers is missing: rebuild with `make publish`")
    missing = missing_facts(site)
    if missing:
        lines = "\n".join(f"  {name}  (shown on {', '.join(pages[:3])}"
                          f"{' …' if len(pages) > 3 else ''})"
                          for name, pages in sorted(missing.items()))
        raise DeployError(
            f"{len(missing)} legal fact(s) are still \"à compléter\": fill them in "
            f"{LEGAL_FACTS_FILE}, run `make publish`, then deploy again. Nothing was sent.\n"
            + lines)


def deploy(site: Path, client, bucket: str, *, dry_run: bool = False,
           purge_command: str = "", keep_old_assets: float = DEFAULT_KEEP_OLD_ASSETS,
           now: float | None = None, log=print) -> Plan:
    site = Path(os.path.realpath(site))  # one generation of the site, even if a build swaps it
    check_site(site)
    local = local_objects(site)
    plan = make_plan(local, remote_state(client, bucket),
                     time.time() if now is None else now, keep_old_assets)
    log(describe(plan, f"s3://{bucket}"))
    if dry_run:
        log("Dry run: nothing was sent.")
        return plan
    started = time.perf_counter()
    execute(client, bucket, plan, log)
    log(f"Deployed in {time.perf_counter() - started:.1f} s: {plan.upload_count} uploaded, "
        f"{len(plan.deletions)} deleted, {len(local) - plan.upload_count} unchanged.")
    purge(purge_command, plan.changed_paths(), log)
    return plan


def main(argv=None, environ=os.environ) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--dry-run", action="store_true", help="print the plan, send nothing")
    args = parser.parse_args(argv)
    bucket = environ.get("LLV_S3_BUCKET", "")
    if not bucket:
        print("deploy: set LLV_S3_BUCKET (and LLV_S3_ENDPOINT, AWS_ACCESS_KEY_ID, "
              "AWS_SECRET_ACCESS_KEY) in the environment", file=sys.stderr)
        return 2
    try:
        keep = float(environ.get("LLV_KEEP_OLD_ASSETS", DEFAULT_KEEP_OLD_ASSETS))
    except ValueError:
        print("deploy: LLV_KEEP_OLD_ASSETS must be a number of seconds", file=sys.stderr)
        return 2
    problem = endpoint_problem(environ.get("LLV_S3_ENDPOINT", ""))
    try:
        shlex.split(environ.get("LLV_CDN_PURGE_COMMAND", ""))
    except ValueError as error:
        problem = f"LLV_CDN_PURGE_COMMAND cannot be read as a command ({error}); check its quotes"
    if problem:
        print(f"deploy: {problem}", file=sys.stderr)
        return 2
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        deploy(args.site, client_from_environment(environ), bucket, dry_run=args.dry_run,
               purge_command=environ.get("LLV_CDN_PURGE_COMMAND", ""), keep_old_assets=keep)
    except DeployError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 1
    except (BotoCoreError, ClientError) as error:
        print(f"deploy failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"deploy failed: cannot read {error.filename or args.site} ({error.strerror});"
              " rebuild with `make publish`", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("deploy interrupted: the bucket holds part of the new site; run `make deploy`"
              " again to finish", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
