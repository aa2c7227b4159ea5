"""Publishing: the header policy, precompression and redirects of a built site.

`tools.build` runs `finish_site()` inside its staging directory, so `output/`
only ever receives a finished site; `tools.deploy` uploads it with the same
header policy as object metadata.
"""

from .finish import finish_site

__all__ = ["finish_site"]
