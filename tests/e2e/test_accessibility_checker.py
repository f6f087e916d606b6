"""The check every browser test runs must be able to fail, for WCAG 2.2's target size too."""

import pytest

from tests.e2e.conftest import AccessiblePage

TINY_TARGETS = """<!doctype html><html lang="en-GB"><head><title>Tiny targets</title></head><body><main>
<button type="button" style="all: unset; display: inline-block; width: 12px; height: 12px">A</button>
<button type="button" style="all: unset; display: inline-block; width: 12px; height: 12px">B</button>
</main></body></html>"""


def test_buttons_smaller_than_24_pixels_fail_the_check(accessible_page: AccessiblePage):
    accessible_page.page.set_content(TINY_TARGETS)

    with pytest.raises(AssertionError, match="target-size"):
        accessible_page.check()
