"""Rebuild only what a change needs, with the output of a full build.

Active when tools.build runs Pelican (it names the output folder the build
will update, the record of that folder's last build and the digests of the
inputs). Every page render records the context names it looked up; the next
build fingerprints the values of those names and keeps the page's file when
nothing changed (state.py explains what the fingerprint covers). Feeds and
calendars go through `ReusingWriter.produce()` with the values they are made
from. Images already in the output folder are not copied again. Compiled
templates are kept between builds (beside the record).

A plain `pelican` run (no tools.build) renders everything, as Pelican does.
"""

from __future__ import annotations

from pelican import signals

from .rendering import RecordingContext
from .state import ReuseState, reuse_state
from .writer import ReusingWriter

__all__ = ["ReuseState", "ReusingWriter", "register", "reuse_state"]


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


def register():
    signals.initialized.connect(_start)
    signals.generator_init.connect(_prepare_environment)
    signals.all_generators_finalized.connect(_remember_generators)
