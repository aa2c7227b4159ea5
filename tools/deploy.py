"""Deploy the built site to an S3-compatible bucket: only what changed, in a safe order.

    python -m tools.deploy [--dry-run] [--preview N] output
    python -m tools.deploy --remove-preview N

Configuration comes from the environment only (CI secret store, never a file
in the repository):

    LLV_S3_BUCKET          bucket name (required)
    LLV_S3_REGION          the bucket's region (required: no default, the data
                           stays where the privacy notice says)
    LLV_S3_ENDPOINT        endpoint URL of a non-AWS provider, e.g. https://s3.gra.io.cloud.ovh.net
                           (no credentials in it: they would end up in messages)
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   credentials (boto3's usual chain)
    LLV_CDN_PURGE_COMMAND  optional command, run with the changed URL paths as arguments
    LLV_KEEP_OLD_ASSETS    seconds a replaced hashed asset stays in the bucket (default 86400)

What the bucket holds is compared with the site: an object is uploaded when
it is missing, when its content hash (ETag, the MD5 of a single-part upload)
differs, or when its headers changed (recorded in a small manifest object).
Uploads go in three phases (assets, then pages and redirects, then feeds,
calendars and sitemap), new objects of a phase before the changed ones, so
that at every moment (and after a failure mid-way) each page the bucket
serves finds what it references. Objects the site no longer has are deleted
only after every upload succeeded; replaced hashed assets are kept for a
grace period, for pages still cached by browsers and CDNs. The build read
is pinned (tools.build.pinned): builds meanwhile do not remove it.

A pull request's preview (`--preview N`) is the same deploy under the prefix
`previews/pr-N/` of the bucket, of a site built for that address
(`make publish SITEURL=…/previews/pr-N`); the site's own deploy never lists,
changes nor deletes anything under `previews/`, a preview nothing outside its
prefix, and `--remove-preview N` deletes that prefix only.

Nothing secret is printed: credentials in LLV_S3_ENDPOINT are refused without
being shown, and every message is redacted (`redact`) of the values of
secret-looking variables, URL credentials, tokens and authorisation headers.
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

from llv.common.outputs import HEADERS_FILE, PREVIEWS_FOLDER, REDIRECTS_FILE
from llv.links.redirects import key_for
from llv.model.registry import DATA_FILES
from llv.model.schema import MISSING_FACT_ATTRIBUTE
from tools.build import pinned
from tools.publishing import policy
from tools.publishing.finish import GENERATED, site_files, url_of
from tools.publishing.redirects import parse_redirects_file, redirect_page

MANIFEST_KEY = ".llv-deploy/manifest.json"
PREVIEWS = f"{PREVIEWS_FOLDER}/"  # reserved for no content (llv.links.reserved)
DEFAULT_KEEP_OLD_ASSETS = 86400
WORKERS = 8
PURGE_TIMEOUT = 300


class DeployError(Exception):
    """A problem the person deploying can fix; printed without a traceback."""


@dataclass(frozen=True)
class Target:
    """Where a site goes: the bucket's root (the site) or a preview's prefix."""

    bucket: str
    prefix: str = ""

    @classmethod
    def preview(cls, bucket: str, number: int) -> Target:
        return cls(bucket, f"{PREVIEWS}pr-{number}/")

    def key(self, site_key: str) -> str:
        return self.prefix + site_key

    def owns(self, bucket_key: str) -> bool:
        if self.prefix:
            return bucket_key.startswith(self.prefix)
        return not bucket_key.startswith(PREVIEWS)

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


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


def _put_args(key: str, redirect: str | None = None, preview: bool = False) -> dict:
    headers = policy.headers_for(key)
    args = {"ContentType": headers.content_type, "CacheControl": headers.cache_control}
    if headers.content_encoding:
        args["ContentEncoding"] = headers.content_encoding
    metadata = {name.lower(): value for name, value in headers.security.items()}
    if preview:
        metadata["x-robots-tag"] = "noindex"  # a draft: never in search engines
    if metadata:
        # Plain S3 cannot send arbitrary response headers: they travel as
        # x-amz-meta-* for the CDN to map (see README); `_headers` sets them too.
        args["Metadata"] = metadata
    if redirect:
        args["WebsiteRedirectLocation"] = redirect
    return args


def local_objects(site: Path, target: Target = Target("")) -> dict[str, LocalObject]:
    """The objects the bucket must hold: the site's files and its redirects."""
    preview = bool(target.prefix)
    objects = {}
    for key in site_files(site):
        if key in GENERATED:
            continue
        path = site / key
        data = path.read_bytes()
        objects[key] = LocalObject(key, hashlib.md5(data).hexdigest(),
                                   _put_args(key, preview=preview), path=path)
    redirects_path = site / REDIRECTS_FILE
    if redirects_path.is_file():
        for old, new in parse_redirects_file(redirects_path.read_text(encoding="utf-8")).items():
            key = key_for(old)
            if key in objects:
                raise DeployError(f"{REDIRECTS_FILE}: {old} is both a page and a redirect")
            if new.startswith("/"):  # a site path: the preview's own page
                new = "/" + target.key(new[1:])
            data = redirect_page(new)
            objects[key] = LocalObject(key, hashlib.md5(data).hexdigest(),
                                       _put_args(key, redirect=new, preview=preview), data=data)
    return objects


@dataclass
class RemoteState:
    etags: dict[str, str]
    manifest: dict


def _listing(client, target: Target):
    """(key in the bucket, ETag) of every object `target` owns."""
    for listing in client.get_paginator("list_objects_v2").paginate(
            Bucket=target.bucket, Prefix=target.prefix):
        for item in listing.get("Contents", []):
            if target.owns(item["Key"]):
                yield item["Key"], item["ETag"].strip('"')


def remote_state(client, target: Target) -> RemoteState:
    etags = {key[len(target.prefix):]: etag for key, etag in _listing(client, target)}
    manifest = {"objects": {}, "retired": {}}
    if MANIFEST_KEY in etags:
        body = client.get_object(Bucket=target.bucket,
                                 Key=target.key(MANIFEST_KEY))["Body"].read()
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

    def changed_paths(self, target: Target) -> list[str]:
        """URL paths a CDN may hold a stale copy of (hashed assets never are)."""
        keys = [obj.key for items in self.uploads.values() for obj, _ in items] + self.deletions
        paths = {url_of(target.key(key)) for key in keys
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


def execute(client, target: Target, plan: Plan, log=print) -> None:
    """Phases in order, each one complete before the next, its new objects
    before its changed ones (nothing already served links to a new page until
    a changed one does); deletions last."""
    def upload(obj: LocalObject):
        client.put_object(Bucket=target.bucket, Key=target.key(obj.key), Body=obj.body(),
                          **obj.put_args)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for phase_name in policy.PHASES:
            items = plan.uploads[phase_name]
            list(pool.map(upload, [obj for obj, reason in items if reason == "new"]))
            list(pool.map(upload, [obj for obj, reason in items if reason != "new"]))
            if items:  # map re-raised the first failure before this line
                log(f"  {phase_name}: {len(items)} uploaded")
    _delete(client, target, plan.deletions)
    if plan.deletions:
        log(f"  deleted: {len(plan.deletions)}")
    if plan.manifest_changed:
        client.put_object(Bucket=target.bucket, Key=target.key(MANIFEST_KEY),
                          Body=json.dumps(plan.manifest, indent=1, sort_keys=True).encode(),
                          ContentType="application/json", CacheControl="no-store")


def _delete(client, target: Target, site_keys: list[str]) -> None:
    for start in range(0, len(site_keys), 1000):
        batch = [{"Key": target.key(key)} for key in site_keys[start:start + 1000]]
        result = client.delete_objects(Bucket=target.bucket,
                                       Delete={"Objects": batch, "Quiet": True})
        if result.get("Errors"):
            failed = ", ".join(f"{e['Key']} ({e.get('Code')})" for e in result["Errors"][:5])
            raise DeployError(f"could not delete: {failed}")


def remove(client, target: Target, log=print) -> int:
    """Delete every object under a preview's prefix; how many there were."""
    if not target.prefix.startswith(PREVIEWS):
        raise DeployError("only a preview is ever removed")
    keys = [key[len(target.prefix):] for key, _ in _listing(client, target)]
    _delete(client, target, keys)
    log(f"Removed {target}: {len(keys)} object(s) deleted.")
    return len(keys)


def purge(command: str, paths: list[str], log=print) -> None:
    """Run the CDN purge command with `paths`; on failure, the program's name and
    the end of what it printed (redacted when shown), never its arguments."""
    if not command or not paths:
        return
    argv = shlex.split(command)
    program = Path(argv[0]).name
    log(f"  purging {len(paths)} path(s) with LLV_CDN_PURGE_COMMAND ({program})")
    failed = "the site is deployed, but the CDN purge failed:"
    try:
        result = subprocess.run([*argv, *paths], capture_output=True, text=True,
                                errors="replace", timeout=PURGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise DeployError(f"{failed} {program} did not finish within {PURGE_TIMEOUT} s") from None
    except OSError as error:
        raise DeployError(f"{failed} cannot run {program} ({error.strerror})") from None
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-5:]
        raise DeployError(f"{failed} {program} exited with status {result.returncode}"
                          + "".join(f"\n  {line}" for line in said))


# Secrets in a message: the values of variables named like one, credentials in
# a URL, tokens in a query, authorisation headers and options.
SECRET_NAME = re.compile(r"SECRET|TOKEN|PASSW|CREDENTIAL|AUTH|KEY|SIGNATURE|COOKIE|SESSION", re.I)
SECRET_WORD = r"[\w.-]*(?:token|key|secret|passw(?:or)?d|auth\w*|signature|sig|credential)[\w.-]*"
SECRET_PATTERNS = [
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@'\"]+@"), r"\1***@"),
    (re.compile(rf"(?i)([?&;]{SECRET_WORD}=)[^&#\s'\"]*"), r"\1***"),
    (re.compile(r"(?i)\b(authorization|proxy-authorization|cookie|x-[\w-]*(?:key|token|auth)[\w-]*)"
                r"(\s*:\s*)[^'\"\n]+"), r"\1\2***"),
    (re.compile(r"(?i)\b(bearer|basic)(\s+)[\w.~+/=-]+"), r"\1\2***"),
    (re.compile(rf"(?i)(?<![\w.-])(--?{SECRET_WORD}|--user|-u)(=|\s+)(?!\*\*\*)[^\s'\"]+"),
     r"\1\2***"),
]


def redact(text: str, environ=os.environ) -> str:
    """`text` without the secrets it may hold."""
    for name, value in environ.items():
        if SECRET_NAME.search(name) and len(value) >= 8:
            text = text.replace(value, "***")
    for pattern, replacement in SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


EXAMPLE_ENDPOINT = "https://s3.gra.io.cloud.ovh.net"


def endpoint_problem(value: str) -> str | None:
    """What is wrong with LLV_S3_ENDPOINT (empty: AWS), or None; never the value
    itself, which may hold a secret."""
    if not value:
        return None
    parts = urlsplit(value)
    if "@" in parts.netloc:
        return ("LLV_S3_ENDPOINT holds credentials (user:password@): remove them (the value is "
                "not shown here) and give the key in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return ("LLV_S3_ENDPOINT has a ?query or #fragment (the value is not shown here): give "
                f"the address of the S3 service alone, like {EXAMPLE_ENDPOINT}")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or any(c.isspace() or not c.isprintable() for c in value)):
        return (f"LLV_S3_ENDPOINT must be the address of the S3 service, like {EXAMPLE_ENDPOINT}:"
                " https:// then a host name (and a port), nothing else")
    return None


def configuration_problem(environ) -> str | None:
    """What is missing or wrong in the deploy's environment, or None."""
    if not environ.get("LLV_S3_BUCKET"):
        return ("set LLV_S3_BUCKET, LLV_S3_REGION (and LLV_S3_ENDPOINT, AWS_ACCESS_KEY_ID, "
                "AWS_SECRET_ACCESS_KEY) in the environment")
    if not environ.get("LLV_S3_REGION", "").strip():
        return ("set LLV_S3_REGION to the bucket's region (gra for OVHcloud Gravelines, fr-par "
                "for Scaleway Paris, eu-west-3 for AWS Paris…): there is no default, so that "
                "the site's files stay in the region the privacy notice names")
    try:
        float(environ.get("LLV_KEEP_OLD_ASSETS", DEFAULT_KEEP_OLD_ASSETS))
    except ValueError:
        return "LLV_KEEP_OLD_ASSETS must be a number of seconds"
    try:
        shlex.split(environ.get("LLV_CDN_PURGE_COMMAND", ""))
    except ValueError:
        return "LLV_CDN_PURGE_COMMAND cannot be read as a command; check its quotes"
    return endpoint_problem(environ.get("LLV_S3_ENDPOINT", ""))


def client_from_environment(environ=os.environ):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=environ.get("LLV_S3_ENDPOINT") or None,
        region_name=environ["LLV_S3_REGION"].strip(),
        config=Config(retries={"max_attempts": 5, "mode": "standard"},
                      max_pool_connections=WORKERS * 2),
    )


CANONICAL = re.compile(rb'<link rel="canonical" href="(https://[^"]*)"')
# A legal fact still "à compléter" in a built page (plugins/llv/legal).
MISSING_FACT = re.compile(rb'%s="([a-z_.]+)"' % MISSING_FACT_ATTRIBUTE.encode())
LEGAL_FACTS_FILE = f"content/{DATA_FILES['legal'].path}"


def missing_facts(site: Path) -> dict[str, list[str]]:
    """Each legal fact the built pages show as "à compléter", with the pages showing it."""
    found: dict[str, list[str]] = {}
    for relative in site_files(site):
        if relative.endswith(".html"):
            for name in dict.fromkeys(MISSING_FACT.findall((site / relative).read_bytes())):
                found.setdefault(name.decode(), []).append(relative)
    return found


def check_site(site: Path, target: Target, log=print) -> None:
    """A production build for the site, a build for its own address for a
    preview; the site only with every legal fact filled in."""
    index = site / "index.html"
    if not index.is_file():
        raise DeployError(f"{site}/ holds no built site: run `make publish` first")
    canonical = CANONICAL.search(index.read_bytes())
    if not canonical:
        raise DeployError(f"{site}/ is a development build (relative URLs): "
                          "run `make publish` before `make deploy`")
    if not (site / HEADERS_FILE).is_file():
        raise DeployError(f"{site}/{HEADERS_FILE} is missing: rebuild with `make publish`")
    address = canonical[1].decode("utf-8", "replace")
    if target.prefix and not address.endswith("/" + target.prefix):
        raise DeployError(f"{site}/ was built for {address}, not for this preview: build it "
                          f"with `make publish SITEURL=<address>/{target.prefix.rstrip('/')}`")
    if not target.prefix and f"/{PREVIEWS}" in address:
        raise DeployError(f"{site}/ is a preview's build ({address}): build the site with "
                          "`make publish` before `make deploy`")
    if not target.prefix and any(key.startswith(PREVIEWS) for key in site_files(site)):
        raise DeployError(f"{site}/ has files under /{PREVIEWS}, where the bucket keeps the "
                          "pull requests' previews: rename that page")
    missing = missing_facts(site)
    if missing and target.prefix:
        log(f"Note: {len(missing)} legal fact(s) are still \"à compléter\"; a preview is "
            "sent anyway, the site will not be.")
    elif missing:
        lines = "\n".join(f"  {name}  (shown on {', '.join(pages[:3])}"
                          f"{' …' if len(pages) > 3 else ''})"
                          for name, pages in sorted(missing.items()))
        raise DeployError(
            f"{len(missing)} legal fact(s) are still \"à compléter\": fill them in "
            f"{LEGAL_FACTS_FILE}, run `make publish`, then deploy again. Nothing was sent.\n"
            + lines)


def deploy(output: Path, client, target: Target | str, *, dry_run: bool = False,
           purge_command: str = "", keep_old_assets: float = DEFAULT_KEEP_OLD_ASSETS,
           now: float | None = None, log=print) -> Plan:
    """Deploy the build `output` points at to `target` (a bucket name: the site)."""
    if isinstance(target, str):
        target = Target(target)
    with pinned(output) as site:  # that build stays whole until the upload ends
        check_site(site, target, log)
        local = local_objects(site, target)
        plan = make_plan(local, remote_state(client, target),
                         time.time() if now is None else now, keep_old_assets)
        log(describe(plan, str(target)))
        if dry_run:
            log("Dry run: nothing was sent.")
            return plan
        started = time.perf_counter()
        execute(client, target, plan, log)
    log(f"Deployed in {time.perf_counter() - started:.1f} s: {plan.upload_count} uploaded, "
        f"{len(plan.deletions)} deleted, {len(local) - plan.upload_count} unchanged.")
    purge(purge_command, plan.changed_paths(target), log)
    return plan


def pull_request_number(value: str) -> int:
    if not (value.isascii() and value.isdigit() and 0 < int(value) < 10**9):
        raise argparse.ArgumentTypeError("expected the pull request's number, like 42")
    return int(value)


def main(argv=None, environ=os.environ) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("output"))
    parser.add_argument("--dry-run", action="store_true", help="print the plan, send nothing")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--preview", type=pull_request_number, metavar="N",
                       help=f"deploy the site built for pull request N under {PREVIEWS}pr-N/")
    which.add_argument("--remove-preview", type=pull_request_number, metavar="N",
                       help=f"delete pull request N's preview ({PREVIEWS}pr-N/)")
    args = parser.parse_args(argv)

    def fail(message: str) -> int:
        print(redact(message, environ), file=sys.stderr)
        return 1

    problem = configuration_problem(environ)
    if problem:
        return fail(f"deploy: {problem}")
    bucket = environ["LLV_S3_BUCKET"]
    preview = args.preview or args.remove_preview
    target = Target.preview(bucket, preview) if preview else Target(bucket)
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        client = client_from_environment(environ)
        if args.remove_preview:
            remove(client, target)
        else:
            deploy(args.site, client, target, dry_run=args.dry_run,
                   purge_command=environ.get("LLV_CDN_PURGE_COMMAND", ""),
                   keep_old_assets=float(environ.get("LLV_KEEP_OLD_ASSETS",
                                                     DEFAULT_KEEP_OLD_ASSETS)))
    except DeployError as error:
        return fail(f"deploy: {error}")
    except (BotoCoreError, ClientError) as error:
        return fail(f"deploy failed: {error}")
    except OSError as error:
        return fail(f"deploy failed: cannot read {error.filename or args.site} "
                    f"({error.strerror}); rebuild with `make publish`")
    except KeyboardInterrupt:
        print("deploy interrupted: the bucket holds part of the new site, whose pages all "
              "find what they reference; run `make deploy` again to finish", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
