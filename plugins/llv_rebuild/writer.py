"""A Pelican Writer that renders a page only when what it is made from changed."""

from __future__ import annotations

import os
from pelican.writers import Writer

from .rendering import TemplateSources, not_recording, recording_reads
from .state import ReuseState, fingerprint_of_reads, reuse_state


class ReusingWriter(Writer):
    """Pelican's writer, plus: pages whose inputs did not change are kept.

    Everything around the render still happens (pagination, the
    `content_written` signal, the duplicate-path check), so plugins that
    listen (the sitemap) see every page of the site, rendered or kept.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._kept_paths: set[str] = set()
        self._template_sources: dict[int, TemplateSources] = {}
        state = self.reuse
        if state is not None:  # from here on, the output phase may run on every core
            state.start_workers(export=lambda: _export(state), merge=lambda r: _merge(state, r))

    @property
    def reuse(self) -> ReuseState | None:
        return reuse_state(self.settings)

    def write_file(self, name, template, context, *args, **kwargs):
        state = self.reuse
        if state is not None and template is not None and name:
            state.fingerprinter(context)
            environment = template.environment
            sources = self._template_sources.setdefault(id(environment),
                                                        TemplateSources(environment))
            template = _ReusableTemplate(template, sources.digest(template.name), self, state)
        return super().write_file(name, template, context, *args, **kwargs)

    def keep_output(self, relative: str) -> None:
        """`relative` is not written by this process: kept, or another worker's."""
        self._kept_paths.add(os.path.normpath(os.path.join(self.output_path, relative)))

    def _open_w(self, filename, encoding, override=False):
        normalized = os.path.normpath(filename)
        if normalized in self._kept_paths:
            self._kept_paths.discard(normalized)
            self._written_files.add(filename)  # a second write to it is still refused
            return open(os.devnull, "w", encoding=encoding)
        return super()._open_w(filename, encoding, override)

    def produce(self, relative: str, kind: str, named_values, write) -> bool:
        """Write the file `relative` with `write()` unless the last build made it
        from the same `(name, value)` pairs; True when written."""
        state = self.reuse
        if state is None:
            write()
            return True
        if not state.owns(relative):
            return False
        with not_recording():
            fingerprint = state.fingerprint(kind, named_values)
        if state.reusable(relative, lambda _: fingerprint) is not None:
            return False
        write()
        state.produced(relative, fingerprint)
        return True


class PageRenderError(Exception):
    """A template failed while a page was rendered: where, in the template and
    in the output, in one line (tools.build shows it as it is)."""

    shown_as_is = True

    @classmethod
    def of(cls, error: Exception, relative: str, template) -> "PageRenderError":
        place = template.name
        filename = getattr(template, "filename", None)
        traceback = error.__traceback__
        while traceback is not None:  # Jinja maps its frames to template lines
            if filename and traceback.tb_frame.f_code.co_filename == filename:
                place = f"{_shown_path(filename)}:{traceback.tb_lineno}"
            traceback = traceback.tb_next
        return cls(f"{place}: {type(error).__name__}: {error} (while writing {relative})")


def _shown_path(filename: str) -> str:
    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative


class _ReusableTemplate:
    """Stands for a Jinja template in Writer.write_file: renders, or keeps."""

    def __init__(self, template, digest: str, writer: ReusingWriter, state: ReuseState):
        self.template = template
        self.name = template.name
        self.environment = template.environment
        self._digest = digest
        self._writer = writer
        self._state = state

    def render(self, localcontext):
        relative = localcontext["output_file"]
        state = self._state
        if not state.owns(relative):
            self._writer.keep_output(relative)
            return ""
        fingerprint_of = fingerprint_of_reads(state, self._digest, localcontext,
                                              self.template.globals)
        with not_recording():
            entry = state.reusable(relative, fingerprint_of)
        pipeline = self._state.settings.get("_LLV_IMAGES")
        if entry is not None:
            if pipeline is not None:
                pipeline.replay(entry["effects"])
            self._writer.keep_output(relative)
            return ""
        effects: list = []
        if pipeline is not None:
            pipeline.recording = effects
        try:
            with recording_reads() as reads:
                html = self.template.render(localcontext)
        except Exception as error:
            raise PageRenderError.of(error, relative, self.template) from error
        finally:
            if pipeline is not None:
                pipeline.recording = None
        names = sorted(reads)
        with not_recording():
            state.produced(relative, fingerprint_of(names), names, effects)
        return html


def _export(state: ReuseState) -> dict:
    """What a rendering worker sends back: its part of the record, its image plans."""
    pipeline = state.settings.get("_LLV_IMAGES")
    return {"entries": state.entries, "kept": state.kept, "stats": state.stats,
            "images": pipeline.plans() if pipeline is not None else None}


def _merge(state: ReuseState, results: dict) -> None:
    state.entries.update(results["entries"])
    state.kept |= results["kept"]
    state.stats.add(results["stats"])
    pipeline = state.settings.get("_LLV_IMAGES")
    if pipeline is not None and results["images"] is not None:
        pipeline.add_plans(results["images"])
