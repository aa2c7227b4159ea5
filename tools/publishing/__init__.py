"""Publishing: the header policy, precompression and redirects of a built site.

`tools.build` runs `redirects.write_redirects()` and `finish_site()` inside the new
folder of the site, so `output/` only ever receives a finished site;
`tools.deploy` uploads it with the same header policy as object metadata.
"""

from .finish import finish_site

__all__ = ["finish_site"]
