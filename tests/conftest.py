import sys

import pytest

from tests.sitetools import ROOT, build_real_site

sys.path.insert(0, str(ROOT / "plugins"))


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once per test session with the production settings."""
    built = build_real_site(tmp_path_factory.mktemp("real-site") / "output")
    assert built.returncode == 0, built.log
    return built
