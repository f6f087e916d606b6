"""The SCORM block on a module page."""

import pytest

from tests.scorm.builders import package_12
from tests.scorm.test_attempts import setup


@pytest.mark.django_db
def test_the_block_shows_the_package_title_escaped_on_the_module_page(client):
    member, module, _ = setup(package_12(title="&lt;script&gt;alert(1)&lt;/script&gt; Court"))
    client.force_login(member)

    response = client.get(module.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Court" in html
    assert "<script>alert(1)</script>" not in html
    assert "You need to complete it to finish this module." in html
