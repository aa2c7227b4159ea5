"""JSON-LD for `<script type="application/ld+json">`, serialised in one place.

Inside a <script> element the HTML parser ends the script at `</script`, and
`<!--` followed by `<script` changes how it looks for that end (a title like
`6e Culturathon <!--<script>` would swallow the rest of the page). Every `<`,
`>` and `&` is therefore written as a JSON escape, which JSON readers decode
to the same text; U+2028 and U+2029 too, which older JavaScript parsers take
for line ends.
"""

from __future__ import annotations

import json

from markupsafe import Markup

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}
_TABLE = str.maketrans(_ESCAPES)


def json_ld(data) -> Markup:
    """`data` as JSON text that is safe as the content of a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_TABLE))
