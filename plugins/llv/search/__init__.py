"""Search in each language: Pagefind's index of the built pages, the search pages
(`/recherche/`, `/en/search/`) and what they list without JavaScript."""
