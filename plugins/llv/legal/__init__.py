"""Legal facts, declared once in content/data/legal.yaml and shown where pages ask.

A page names a fact with `{fact:host.name}` in its Markdown; the fact is put
in when the Markdown is converted, in the text's language (the reader cache of
tools.build is keyed by content/data/, so filling the file updates every
page). A fact still empty in the file is shown as a visible "[à compléter]"
(`<mark data-missing-fact="host.name">`), listed at the end of the build, and
`make deploy` refuses to upload while a page shows one.
Templates get the facts as `LEGAL` (the footer's address) and `phone_uri()`.
"""
