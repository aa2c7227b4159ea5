"""Pages render on several processes; what goes wrong in any of them still fails
the build with the editor's message, shown once."""

from __future__ import annotations

import re

from plugins.llv_rebuild.parallel import Shard
from tests.sitetools import build_fixture_site, page
from tests.test_images_site import HOME, settings_for

PAGES = [f"logos-{n}" for n in range(6)]
ERROR_COUNT = re.compile(r"Build failed with (\d+) error\(s\)")


def missing_logo_template() -> str:
    call = ('{{ picture("images/logos/missing-" ~ page.slug ~ ".png", "Absent", role="logo", '
            'where="content/startups/" ~ page.slug ~ ".yaml:6: logo") }}')
    return f'{{% extends "page.html" %}}\n{{% block content %}}{call}{{% endblock %}}\n'


def build(tmp, workers: int, templates: dict[str, str]):
    files = {**HOME, **{f"pages/{slug}.fr.md": page("Logos", slug, template="logos")
                        for slug in PAGES}}
    return build_fixture_site(tmp, files, settings_for(tmp, templates)
                              + f"RENDER_WORKERS = {workers}\n")


def error_lines(log: str) -> list[str]:
    return sorted(line for line in log.splitlines() if line.startswith("ERROR: "))


def test_errors_of_pages_rendered_by_workers_fail_the_build_once_each(tmp_path):
    assert any(not Shard(0, 3).owns(f"{slug}/index.html") for slug in PAGES), \
        "every test page fell to the main process: choose other slugs"
    templates = {"logos.html": missing_logo_template()}
    parallel = build(tmp_path / "parallel", 3, templates)
    serial = build(tmp_path / "serial", 1, templates)
    assert parallel.returncode != 0 and serial.returncode != 0
    for slug in PAGES:
        message = (f"content/startups/{slug}.yaml:6: logo: no file "
                   f"content/images/logos/missing-{slug}.png")
        assert parallel.log.count(message) == 1, parallel.log
    assert error_lines(parallel.log) == error_lines(serial.log)
    assert ERROR_COUNT.search(parallel.log).group(1) == ERROR_COUNT.search(serial.log).group(1)
    assert "Traceback" not in parallel.log
    assert not (tmp_path / "parallel" / "output").exists()


def test_a_template_error_in_a_worker_fails_the_build_and_publishes_nothing(tmp_path):
    in_worker = next(slug for slug in PAGES if not Shard(0, 3).owns(f"{slug}/index.html"))
    broken = ('{% extends "page.html" %}{% block content %}'
              f'{{% if page.slug == "{in_worker}" %}}{{{{ nothing.deeper }}}}{{% endif %}}'
              '{% endblock %}')
    site = build(tmp_path, 3, {"logos.html": broken})
    assert site.returncode != 0
    assert (f"theme/templates/logos.html:1: UndefinedError: 'nothing' is undefined "
            f"(while writing {in_worker}/index.html)") in site.log, site.log
    assert "Traceback" not in site.log
    assert not site.output.exists()


READ_AHEAD = re.compile(r"Read ahead on (\d+) processes: (\d+) of (\d+) files\.")


def test_files_read_ahead_on_several_processes_report_a_mistake_once(tmp_path):
    """A first build reads the Markdown files on every core before Pelican does;
    a file with a mistake is left to Pelican's own read, which reports it."""
    files = {**HOME, **{f"pages/page-{n}.fr.md": page(f"Page {n}", f"page-{n}") for n in range(8)},
             "pages/oops.fr.md": page("Oups", "oups", titel="Oups")}
    message = "ERROR: content/pages/oops.fr.md:5: titel: unknown field (did you mean `title`?)"
    sites = {}
    for workers in (3, 1):
        sites[workers] = build_fixture_site(
            tmp_path / str(workers), files, f"RENDER_WORKERS = {workers}\nREAD_AHEAD_MINIMUM = 1\n")
        assert sites[workers].returncode != 0
        assert sites[workers].log.count(message) == 1, sites[workers].log
    processes, added, total = map(int, READ_AHEAD.search(sites[3].log).groups())
    assert (processes, added, total) == (3, len(files) - 1, len(files))
    assert not READ_AHEAD.search(sites[1].log)
    assert error_lines(sites[3].log) == error_lines(sites[1].log)
    assert "Traceback" not in sites[3].log

    del files["pages/oops.fr.md"]
    (tmp_path / "3" / "content" / "pages" / "oops.fr.md").unlink()
    fixed = build_fixture_site(tmp_path / "3", files, "RENDER_WORKERS = 3\nREAD_AHEAD_MINIMUM = 1\n")
    assert fixed.returncode == 0, fixed.log
    assert (fixed.output / "page-7" / "index.html").is_file()
