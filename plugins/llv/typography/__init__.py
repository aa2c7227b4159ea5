"""Typography by language, applied once to everything the build writes.

Every HTML page (content, templates, UI strings, titles) and every Atom/RSS
feed is typeset when Pelican has written it (the `finalized` signal, in the
build's new folder, before `output` points at it): French gets its no-break spaces, apostrophes, digit groups
and ordinals, English its curly quotes (see typography.py). Calendars and
social cards are plain text: llv.agenda and llv.images call `typeset_text`.

Typesetting is linear in a page's size whatever its markup, and bounded in
time like Markdown's conversion (TYPOGRAPHY_TIME_LIMIT seconds a page): a page
over the limit is an error naming the content file it shows.
"""
