"""Package files are served only on the content origin, sandboxed, and that host serves nothing else."""

import pytest
from django.core.files.base import ContentFile

from scorm.models import ScormPackage
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.scorm.builders import package_2004

CONTENT_HOST = "content.example.test"


@pytest.fixture
def content_origin(settings):
    settings.SCORM_CONTENT_ORIGIN = f"http://{CONTENT_HOST}"
    return CONTENT_HOST


@pytest.fixture
def package(db) -> ScormPackage:
    return package_process(package_create(upload=ContentFile(package_2004(), name="c.zip")).pk)


def url(package: ScormPackage, path: str) -> str:
    return f"/scorm-content/{package.folder}/{path}"


@pytest.mark.django_db
def test_a_package_file_is_served_on_the_content_host_sandboxed_and_framed_only_by_the_platform(
    client, content_origin, package, settings
):
    settings.SITE_URL = "https://learning.example.org/"
    client.force_login(MemberFactory())

    response = client.get(url(package, "content/court/index.html"), HTTP_HOST=content_origin)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"court"
    assert response["Content-Type"].startswith("text/html")
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    # Same-origin only with the separate content origin (real packages script their own frames);
    # never top navigation, and only the platform may frame it.
    assert directives["sandbox"].split() == [
        "allow-scripts",
        "allow-same-origin",
        "allow-forms",
        "allow-popups",
        "allow-modals",
        "allow-downloads",
    ]
    assert directives["frame-ancestors"] == "'self' https://learning.example.org"
    # By default scripts, styles, fonts, images and media may come from https: CDNs too; what the
    # content requests itself (default-src, so connect-src), frames and forms stay on its origin.
    for kind in ("script-src", "style-src", "font-src", "img-src", "media-src"):
        assert directives[kind].split()[-1] == "https:", kind
    assert "https:" not in directives["default-src"]
    assert "X-Frame-Options" not in response  # the player frames it
    assert not response.cookies  # the content host never sets (or gets) platform cookies


@pytest.mark.django_db
def test_package_files_are_not_served_on_the_platform_host(client, content_origin, package):
    assert client.get(url(package, "content/court/index.html")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/account/login/", "/scorm/commit/", "/cms/", "/dashboard/"])
def test_the_content_host_serves_no_platform_page(client, content_origin, path):
    response = client.get(path, HTTP_HOST=content_origin)
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["../../../etc/passwd", "content/%2e%2e/%2e%2e/%2e%2e/x", "content\\court/index.html", "missing.html"]
)
def test_paths_outside_the_package_or_missing_are_404(client, content_origin, package, path):
    assert client.get(url(package, path), HTTP_HOST=content_origin).status_code == 404


@pytest.mark.django_db
def test_a_package_that_is_not_ready_serves_nothing(client, content_origin, package):
    ScormPackage.objects.filter(pk=package.pk).update(status=ScormPackage.Status.FAILED)
    assert client.get(url(package, "imsmanifest.xml"), HTTP_HOST=content_origin).status_code == 404


@pytest.mark.django_db
def test_the_content_host_accepts_no_posts(client, content_origin, package):
    assert client.post(url(package, "content/prison.html"), HTTP_HOST=content_origin).status_code == 404


def runtime_url(package: ScormPackage, launch: str) -> str:
    return f"/scorm-runtime/{package.folder}/?launch={launch}"


@pytest.mark.django_db
def test_the_runtime_frame_runs_the_real_api_loads_a_launch_of_the_manifest_and_talks_only_to_the_platform(
    client, content_origin, package, settings
):
    settings.SITE_URL = "https://learning.example.org"

    response = client.get(runtime_url(package, "content/prison.html"), HTTP_HOST=content_origin)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-src="/scorm-content/{package.folder}/content/prison.html"' in html
    assert 'data-platform-origin="https://learning.example.org"' in html
    assert 'data-version="2004 4th Edition"' in html
    assert "vendor/scorm-again/scorm2004.min.js" in html  # scorm-again's Scorm2004API itself, beside the content
    csp = response["Content-Security-Policy"]
    assert "script-src https://learning.example.org;" in csp
    assert "frame-ancestors https://learning.example.org;" in csp
    assert "allow-top-navigation" not in csp


@pytest.mark.django_db
@pytest.mark.parametrize(
    "launch", ["content/court/index.html", "javascript:alert(1)", "https://evil.example/x.html", "missing.html", ""]
)
def test_the_runtime_frame_refuses_anything_but_a_launch_of_the_manifest(client, content_origin, package, launch):
    # content/court/index.html is a file of the package, but its launch carries "?lang=en".
    assert client.get(runtime_url(package, launch), HTTP_HOST=content_origin).status_code == 404


@pytest.mark.django_db
def test_the_runtime_frame_is_not_served_on_the_platform_host(client, content_origin, package):
    assert client.get(runtime_url(package, "content/prison.html")).status_code == 404


@pytest.mark.django_db
def test_the_runtime_frame_loads_its_scripts_from_an_absolute_static_url_as_it_is(
    client, content_origin, package, settings
):
    settings.STATIC_URL = "https://static.example.net/assets/"

    response = client.get(runtime_url(package, "content/prison.html"), HTTP_HOST=content_origin)

    assert 'src="https://static.example.net/assets/scorm/runtime-frame.js"' in response.content.decode()
    assert "script-src https://static.example.net;" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_package_set_to_the_strict_policy_loads_only_from_itself(client, content_origin, package):
    ScormPackage.objects.filter(pk=package.pk).update(strict_content_policy=True)

    response = client.get(url(package, "content/court/index.html"), HTTP_HOST=content_origin)

    assert response.status_code == 200
    assert "https:" not in response["Content-Security-Policy"]
    assert "frame-ancestors" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_only_administrators_see_the_content_policy_setting(client, package):
    edit = f"/cms/snippets/scorm/scormpackage/edit/{package.pk}/"
    client.force_login(MemberFactory(role="trainer"))
    assert b"strict_content_policy" not in client.get(edit).content
    client.force_login(MemberFactory(role="administrator"))
    assert b"strict_content_policy" in client.get(edit).content
