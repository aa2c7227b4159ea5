"""Rebuild only what a change needs, with the output of a full build.

Active when tools.build runs Pelican (it names the output folder the build
will update, the record of that folder's last build and the digests of the
inputs). Every page render records the context names it looked up; the next
build fingerprints the values of those names and keeps the page's file when
nothing changed (state.py explains what the fingerprint covers). Feeds and
calendars go through `ReusingWriter.produce()` with the values they are made
from. Images already in the output folder are not copied again. Compiled
templates are kept between builds (beside the record). When the read cache
is cold, the articles' and pages' files are read on every core ahead of
Pelican (reading.py).

A plain `pelican` run (no tools.build) renders everything, as Pelican does.
"""

from __future__ import annotations

import os
from functools import partial

from pelican import signals
from pelican.utils import file_suffix

from .parallel import worker_count
from .reading import prefetch
from .rendering import RecordingContext
from .state import ReuseState, reuse_state
from .writer import ReusingWriter

__all__ = ["ReuseState", "ReusingWriter", "register", "reuse_state"]
# Fewer files than this (setting READ_AHEAD_MINIMUM) are read faster than
# processes start.
READ_AHEAD_MINIMUM = 64


def _start(pelican):
    state = ReuseState.from_settings(pelican.settings)
    if state is not None:
        pelican.settings["_LLV_REBUILD"] = state


def _remember_generators(generators):
    state = reuse_state(generators[0].settings) if generators else None
    if state is not None:
        state.generators = list(generators)


def _prepare_environment(generator):
    generator.env.context_class = RecordingContext
    state = reuse_state(generator.settings)
    if state is not None:
        generator.env.bytecode_cache = state.template_bytecode_cache()


def _prefetch_reads(generator):
    """Read the articles' and pages' files on every core when the read cache is
    cold; readers opt in with `PREFETCHABLE = True` (their reads go through it)."""
    state = reuse_state(generator.settings)
    if state is None:
        return
    cache, settings = state.read_cache(), generator.settings
    workers = worker_count(settings)
    if cache.previous or workers < 2:
        return  # a warm cache: the few files that changed are read where they are
    tasks = []
    for kind in ("ARTICLE", "PAGE"):
        for relative in sorted(generator.get_files(settings[f"{kind}_PATHS"],
                                                   exclude=settings[f"{kind}_EXCLUDES"])):
            reader = generator.readers.readers.get(file_suffix(relative))
            if getattr(reader, "PREFETCHABLE", False):
                # the path as Pelican's Readers.read_file gives it to the reader
                path = os.path.abspath(os.path.join(generator.path, relative))
                tasks.append(partial(reader.read, path))
    if len(tasks) >= settings.get("READ_AHEAD_MINIMUM", READ_AHEAD_MINIMUM):
        added = prefetch(cache, tasks, workers)
        print(f"Read ahead on {workers} processes: {added} of {len(tasks)} files.", flush=True)


def register():
    signals.initialized.connect(_start)
    signals.generator_init.connect(_prepare_environment)
    signals.article_generator_init.connect(_prefetch_reads)
    signals.all_generators_finalized.connect(_remember_generators)
