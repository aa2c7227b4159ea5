"""The sources of a page reach visitors as one folded section at its end."""

from llv.common.testing import build_site, page

FILES = {

    "pages/place.fr.md": page(
        "Le lieu", "le-lieu", "Le bâtiment ouvre en 2016.\n\nUn deuxième paragraphe.",
        sources="\n  - Dossier de presse, 2014\n  - Site de la ville, 2016"),
    "pages/place.en.md": page("The place", "the-place", "The building opens in 2016."),
}


def test_page_sources_are_one_folded_section_at_the_end(tmp_path):
    site = build_site(tmp_path, FILES)
    html = site.html("/le-lieu/")
    sections = html.select("details.sources")
    assert len(sections) == 1
    (section,) = sections
    assert "open" not in section.attrs  # folded: the page reads as a presentation
    assert section.summary.get_text(strip=True) == "Sources"
    items = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert items == ["Dossier de presse, 2014", "Site de la ville, 2016"]
    # after the text, never inside it
    article = html.select_one("article.page")
    assert article.find_all(recursive=False)[-1] is section
    assert "Dossier de presse" not in article.select_one(".prose").get_text()
    # a page without sources has no empty section
    assert not site.html("/en/the-place/").select("details.sources")


def test_a_source_that_is_not_text_names_the_file_and_line(tmp_path):
    files = {**FILES, "pages/place.fr.md": page("Le lieu", "le-lieu", sources="{a: b}")}
    site = build_site(tmp_path, files, fails=True)
    assert any("pages/place.fr.md:" in error and "sources" in error for error in site.errors), \
        site.errors
