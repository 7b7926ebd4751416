import pytest


@pytest.fixture
def page_cache(settings, tmp_path):
    """The whole-page cache on (it is off in the test settings), with a stamp file of its own."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_STAMP_FILE = str(tmp_path / "page-cache.stamp")
    return settings
