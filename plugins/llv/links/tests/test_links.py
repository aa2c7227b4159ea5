"""Pelican's warning about a link to no file, which fails the build, is known by its words."""

import logging
import uuid

from pelican.contents import Page
from pelican.settings import DEFAULT_CONFIG

from llv.links.links import is_dead_link_warning


def test_pelicans_own_dead_link_warning_is_recognised(caplog, tmp_path):
    nowhere = f"{uuid.uuid4().hex}.md"  # a new message: Pelican shows each once per process
    context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
    page = Page(f'<a href="{{filename}}/{nowhere}">x</a>', metadata={"title": "x"},
                settings={**DEFAULT_CONFIG, "PATH": str(tmp_path)},
                source_path=str(tmp_path / "x.md"), context=context)
    with caplog.at_level(logging.WARNING):
        assert nowhere in page.content
    assert [record for record in caplog.records
            if is_dead_link_warning(record) and nowhere in record.getMessage()]
