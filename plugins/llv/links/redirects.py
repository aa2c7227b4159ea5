"""Moved URLs (`content/redirects.yaml`, model `Redirects` in llv.model.schema)
checked against the pages of the site.

    redirects:
      - old: /ancienne-adresse/
        new: /nouvelle-adresse/

The model checks each address (a path of this site, or an https address on a
host of the REDIRECT_HOSTS setting). Here, with the other content checks
(`make check`, `make html`), an old address must no longer be a page and a new
path must be one; tools.publishing checks again against the built site and
writes `_redirects`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from llv.model.errors import ContentIssue


# Said of a page that may be one refused for its own mistakes (a follow-on message).
FOLLOW_ON = " (or it is a page refused above for its own mistakes: fix that first)"


def key_for(path: str) -> str:
    """The file that answers a URL path: `/a/` → `a/index.html`."""
    key = path.lstrip("/")
    return key + "index.html" if key == "" or key.endswith("/") else key


def checked_redirects(entry, is_page: Callable[[str], bool],
                      knows: Callable[[str], bool] = lambda key: True,
                      reserved: Callable[[str], object] = lambda key: None,
                      ) -> tuple[dict[str, str], list[ContentIssue]]:
    """The redirects of a read `content/redirects.yaml` (store.DataEntry) as
    {old: new}, and the mistakes against the site: `is_page(key)` says whether
    the site has the file `key` (`a/index.html`), when `knows(key)`; `reserved(key)`
    what the site publishes itself there (reserved.SitePath), if anything."""
    redirects: dict[str, str] = {}
    issues = []
    for index, redirect in enumerate(entry.model.redirects if entry.model else ()):
        old, new = redirect.old, redirect.new
        target = key_for(new.split("#")[0].split("?")[0])
        if old in redirects:
            wrong, problem = "old", f"'{old}' is already redirected above; keep one redirect"
        elif reserved(key_for(old)) is not None:
            wrong, problem = "old", (f"'{old}' is the site's own ({reserved(key_for(old)).what});"
                                     " it cannot be redirected")
        elif is_page(key_for(old)):
            wrong, problem = "old", (f"'{old}' is still a page of the site;"
                                     " remove the redirect or the page")
        elif new.startswith("/") and knows(target) and not is_page(target):
            wrong, problem = "new", (f"the new address '{new}' is not a page of the site;"
                                     " check its spelling")
        else:
            redirects[old] = new
            continue
        issues.append(ContentIssue(entry.path, entry.line_of("redirects", index, wrong),
                                   f"redirects[{index}].{wrong}", problem))
    return redirects, issues


def redirect_issues(store, planned: set[str], reserved, complete: bool = True) -> list[ContentIssue]:
    """The mistakes of content/redirects.yaml; `planned`: the pages the build writes
    (other files, images or PDFs, are checked once the site is built); unless
    `complete`, some content was refused for its own mistakes, and a new address
    that is not planned may be one of its pages: the message says so."""
    issues = checked_redirects(store.data["redirects"], planned.__contains__,
                               lambda key: key.endswith(".html"), reserved)[1]
    if complete:
        return issues
    return [replace(issue, message=issue.message + FOLLOW_ON) if "is not a page" in issue.message
            else issue for issue in issues]
