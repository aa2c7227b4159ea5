"""The Markdown front-matter reader (`<key>.<lang>.md`), the HTML allowlist of
every conversion, and the files a text may link to or publish."""
