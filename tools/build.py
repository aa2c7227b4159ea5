"""Build the site without ever leaving a half-written output directory.

Pelican writes into a staging directory; only if the run logged no error are
the results copied into the output directory, file by file, and only the files
whose bytes changed are rewritten (unchanged files keep their mtime, so
deploys see real changes only). Files that the build no longer produces are
removed last.

Before the sync, the staged site is finished (tools.publishing): redirects
checked and written to `_redirects`, text files precompressed (gzip, brotli)
where that saves bytes, and the header policy written to `_headers`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


class ErrorCounter(logging.Handler):
    """Counts errors, and the warnings that mean a broken site (dead links)."""

    FATAL_WARNINGS = ("Unable to find",)

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        if record.levelno >= logging.ERROR or str(record.msg).startswith(self.FATAL_WARNINGS):
            self.count += 1


@dataclass
class SyncStats:
    written: int = 0
    unchanged: int = 0
    deleted: int = 0
    outputs: dict = field(default_factory=dict)  # relative path -> [size, mtime_ns] after


def _walk_files(root: str, topdown: bool = True):
    """(folder, [(relative path, absolute path) of its files]) for each folder under `root`."""
    for directory, _, files in os.walk(root, topdown=topdown):
        prefix = os.path.relpath(directory, root)
        yield directory, [(name if prefix == "." else os.path.join(prefix, name),
                           os.path.join(directory, name)) for name in files]


def sync_tree(source: Path, target: Path, kept: set[str] = frozenset()) -> SyncStats:
    """Make `target` identical to `source` plus the files of `target` named in
    `kept` (relative paths, left as they are), touching only what differs."""
    stats = SyncStats(unchanged=len(kept))
    produced = {os.path.normpath(relative) for relative in kept}
    for _, files in _walk_files(str(source)):
        folder_ready = False  # its counterpart in `target` exists
        for relative, src in files:
            produced.add(relative)
            dst = target / relative
            with open(src, "rb") as handle:
                data = handle.read()
            if dst.is_file() and dst.stat().st_size == len(data) and dst.read_bytes() == data:
                stats.unchanged += 1
                continue
            if not folder_ready:
                dst.parent.mkdir(parents=True, exist_ok=True)
                folder_ready = True
            temporary = dst.with_name(f".{dst.name}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, dst)
            stats.written += 1
    if target.exists():
        for directory, files in _walk_files(str(target), topdown=False):
            for relative, path in files:
                if relative not in produced:
                    os.unlink(path)
                    stats.deleted += 1
                else:
                    stat = os.stat(path)
                    stats.outputs[relative] = [stat.st_size, stat.st_mtime_ns]
            if directory != str(target) and not os.listdir(directory):
                os.rmdir(directory)
    return stats


def build(settings_file: Path, output: Path, overrides: dict | None = None,
          force: bool = False) -> int:
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    from tools import uptodate

    # Plain, unwrapped lines: editors and CI read `path:line: field: message`.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_logging(level=logging.WARNING, handler=handler,
                 logs_dedup_min_level=logging.CRITICAL + 1)

    started = time.perf_counter()
    preview = read_settings(str(settings_file), override=dict(overrides or {}))
    record = None if force else uptodate.load(output)
    fresh, inputs = uptodate.up_to_date(record, preview, settings_file, output, overrides)
    if fresh:
        uptodate.refresh(output, record, inputs)
        print(f"Nothing to build: {output}/ is already what these sources give "
              f"(checked in {time.perf_counter() - started:.2f} s).")
        return 0

    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    staging = Path(tempfile.mkdtemp(prefix=f"llv-{output.name}-", dir=staging_parent(output)))
    rebuild = {
        "_LLV_FINAL_OUTPUT": str(output),
        "_LLV_REBUILD_RECORD": str(rebuild_record_path(output)),
        "_LLV_INPUT_DIGESTS": inputs,
    }
    if force:
        rebuild_record_path(output).unlink(missing_ok=True)
    try:
        built = _build_into(staging, settings_file, output,
                            {**(overrides or {}), **rebuild}, counter)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if built is None:
        return 1
    settings, outputs = built
    uptodate.save(output, settings, settings_file, inputs, overrides, outputs=outputs)
    return 0


def prepare(settings_file: Path, output: Path) -> None:
    """Do ahead what the next build of `output` would start with: import the
    code (Pelican, plugins) and read the rebuild record. For a process that
    waits for a change (tools.devserver); the build checks the record is
    still the file it read."""
    from pelican.plugins._utils import load_plugins
    from pelican.settings import read_settings

    load_plugins(read_settings(str(settings_file)))  # what Pelican(settings) will import
    import pelican.generators  # noqa: F401 - imported now rather than at the save
    import tools.publishing  # noqa: F401
    from tools import uptodate  # noqa: F401

    try:
        from llv_rebuild.state import preload
    except ImportError:  # a site without the rebuild plugin
        return
    preload(rebuild_record_path(output))


def rebuild_record_path(output: Path) -> Path:
    """What each file of `output` was made from (plugins/llv_rebuild)."""
    return output.parent / ".build" / f"{output.name}.rebuild.pickle"


def staging_parent(output: Path) -> Path:
    """Where the site is built before reaching `output`: LLV_STAGING_DIR, else a
    RAM file system when there is one (creating thousands of folders on disk is
    most of a rebuild's time), else `.build/` beside the output."""
    configured = os.environ.get("LLV_STAGING_DIR")
    if configured:
        parent = Path(configured)
    elif os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        parent = Path("/dev/shm")
    else:
        parent = output.parent / ".build"
    parent.mkdir(parents=True, exist_ok=True)
    return parent


def _build_into(staging: Path, settings_file: Path, output: Path, overrides, counter):
    """The build's settings and the output files' stats once `output` is updated;
    None when the build failed."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(settings_file), override={"OUTPUT_PATH": str(staging), **(overrides or {})}
    )
    started = time.perf_counter()
    try:
        Pelican(settings).run()
    except Exception as error:  # reported below; the output stays untouched
        if getattr(error, "shown_as_is", False):  # a message that names its place
            logging.getLogger("pelican").error("%s", error)
        else:
            logging.getLogger("pelican").error("%s: %s", type(error).__name__, error)
    finally:
        logging.getLogger().removeHandler(counter)
    finish = None
    rebuild = settings.get("_LLV_REBUILD")
    kept = set(rebuild.kept) if rebuild is not None else set()
    if not counter.count:
        from tools.publishing import finish_site
        from tools.publishing.redirects import PublishError

        compress_text = settings.get("PRECOMPRESS", True)
        if compress_text:
            keep_compressed_variants(kept, staging, output)
        try:
            cache = settings.get("COMPRESSION_CACHE_DIR")
            finish = finish_site(staging, Path(settings["PATH"]), compress_text=compress_text,
                                 cache_dir=Path(cache) if cache else None,
                                 kept=frozenset(kept),
                                 redirect_hosts=settings.get("REDIRECT_HOSTS", ()))
        except PublishError as error:
            for line in str(error).splitlines():
                print(f"ERROR: {line}", file=sys.stderr)
            counter.count += len(str(error).splitlines())
    if counter.count:
        print(
            f"Build failed with {counter.count} error(s): {output}/ was left untouched.",
            file=sys.stderr,
        )
        return None
    stats = sync_tree(staging, output, kept=kept)
    if rebuild is not None:
        rebuild.save()
        print(rebuild.stats)
    print(
        f"Built {output}/ in {time.perf_counter() - started:.1f} s: "
        f"{stats.written} written, {stats.unchanged} unchanged, {stats.deleted} removed."
    )
    if finish.compressed:
        print(
            f"Precompressed {finish.compressed} text files: {finish.bytes_before} bytes, "
            f"{finish.bytes_gzip} gzip, {finish.bytes_brotli} brotli."
        )
    return settings, stats.outputs


def keep_compressed_variants(kept: set[str], staging: Path, output: Path) -> None:
    """Kept files keep their .gz/.br variants; a kept file without them in the
    output (built before without precompression) is staged to be compressed."""
    from tools.publishing import policy

    for key in sorted(kept):
        if not policy.is_compressible(key):
            continue
        variants = [key + suffix for suffix in (".gz", ".br") if (output / (key + suffix)).is_file()]
        if variants:
            kept.update(variants)
        else:
            kept.discard(key)
            target = staging / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(output / key, target)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", type=Path)
    parser.add_argument("--output", default="output", type=Path)
    parser.add_argument("--force", action="store_true",
                        help="build every file again, even when the sources did not change")
    args = parser.parse_args(argv)
    return build(args.settings.resolve(), args.output.resolve(), force=args.force)


if __name__ == "__main__":
    sys.exit(main())
