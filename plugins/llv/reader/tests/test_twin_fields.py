"""A news post's date is written once, in its French file: the translation takes it."""

from pathlib import Path

from llv.common.testing import build_site, page
from llv.reader import reader
from llv.reader.reader import check_markdown_file

# the build's reader cache (tools/build.py): a translation read from it still follows its twin
READER_CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": "reader", "CHECK_MODIFIED_METHOD": "sha256"}


def test_a_translation_without_date_shows_its_french_twins_date_and_follows_it(tmp_path,
                                                                               monkeypatch):
    files = {"news/launch.fr.md": page("Lancement", "lancement", date="2024-03-05",
                                       startups="[atelier]"),
             "news/launch.en.md": page("Launch", "launch"),
             "startups/atelier.yaml": "name: Atelier\nslug: atelier\n"
                                      "pitch: {fr: Phrase., en: Sentence.}\n"}
    site = build_site(tmp_path, files, READER_CACHE)
    assert "5 March 2024" in site.html("/en/news/launch/").text
    # its start-ups too: the English page of the start-up lists it
    assert "Launch" in site.html("/en/start-ups/atelier/").select_one(".startup__news").text
    files["news/launch.fr.md"] = page("Lancement", "lancement", date="2024-04")
    site = build_site(tmp_path, files, READER_CACHE)
    assert "April 2024" in site.html("/en/news/launch/").text
    assert "March" not in site.html("/en/news/").text
    # the translation changed alone: the twin's fields come from the reader cache
    files["news/launch.fr.md"] = page("Lancement", "lancement", date="2024-04",
                                      startups="[atelier]")
    build_site(tmp_path, files, READER_CACHE)
    files["news/launch.en.md"] = page("Launched", "launch")
    checked = []

    def check(settings, path):
        checked.append(Path(path).name)
        return check_markdown_file(settings, path)

    monkeypatch.setattr(reader, "check_markdown_file", check)
    site = build_site(tmp_path, files, READER_CACHE)
    assert checked == ["launch.en.md"]  # the French file is not read again
    assert "April 2024" in site.html("/en/news/launch/").text
    assert "Launched" in site.html("/en/start-ups/atelier/").select_one(".startup__news").text


def test_a_date_left_out_without_a_french_file_to_take_it_from_is_an_error(tmp_path):
    files = {"news/alone.en.md": page("Alone", "alone"),
             "news/undated.fr.md": page("Sans date", "sans-date")}
    site = build_site(tmp_path, files, fails=True)
    assert sorted(site.errors) == [
        "content/news/alone.en.md: date: this required field is missing; a translation "
        "leaves it out only beside `alone.fr.md`, which gives it",
        "content/news/undated.fr.md:2: date: this required field is missing"]
