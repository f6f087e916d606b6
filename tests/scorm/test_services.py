"""Uploading and extracting packages: the service, the command and the admin."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from scorm.models import ScormPackage
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.scorm.builders import HOSTILE_PACKAGES, package_12, package_2004, with_lying_size

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "scorm"


def stored_files(package: ScormPackage) -> list[str]:
    found = []

    def walk(folder: str) -> None:
        directories, files = default_storage.listdir(folder)
        found.extend(f"{folder}{name}" for name in files)
        for directory in directories:
            walk(f"{folder}{directory}/")

    if default_storage.exists(package.content_prefix.rstrip("/")):
        walk(package.content_prefix)
    return sorted(name.removeprefix(package.content_prefix) for name in found)


@pytest.mark.django_db
def test_a_good_package_ends_ready_with_its_files_in_its_own_folder():
    package = package_create(upload=ContentFile(package_2004(), name="course.zip"))

    package = package_process(package.pk)

    assert package.status == ScormPackage.Status.READY
    assert package.state_summary == "Ready: Arrest and court (SCORM 2004 4th Edition, 3 SCOs)"
    assert stored_files(package) == [
        "content/arrest.html",
        "content/court/index.html",
        "content/prison.html",
        "imsmanifest.xml",
    ]


@pytest.mark.django_db
def test_a_package_that_fails_while_extracting_keeps_nothing_and_says_why():
    package = package_create(upload=ContentFile(with_lying_size(), name="liar.zip"))

    package = package_process(package.pk)

    assert package.status == ScormPackage.Status.FAILED
    assert "big.html" in package.failure_reason or "damaged" in package.failure_reason
    assert stored_files(package) == []


def test_import_scorm_prints_the_state_of_a_good_package(db, tmp_path, capsys):
    path = tmp_path / "court.zip"
    path.write_bytes(package_2004())

    call_command("import_scorm", str(path))

    output = capsys.readouterr().out
    assert "court.zip: Ready: Arrest and court (SCORM 2004 4th Edition, 3 SCOs)" in output
    assert "- Court (content/court/index.html?lang=en)" in output


def test_import_scorm_fails_with_the_reason(db, tmp_path):
    path = tmp_path / "bad.zip"
    path.write_bytes(package_12(href="javascript:alert(1)"))
    before = all_stored_files()

    with pytest.raises(CommandError, match="refused: The launch address “javascript:alert\\(1\\)” is not a file"):
        call_command("import_scorm", str(path))
    assert not ScormPackage.objects.exists()  # a refusal keeps no row and no file
    assert all_stored_files() == before


def all_stored_files(folder: str = "") -> list[str]:
    if folder and not default_storage.exists(folder.rstrip("/")):
        return []
    directories, files = default_storage.listdir(folder)
    found = [f"{folder}{name}" for name in files]
    for directory in directories:
        found += all_stored_files(f"{folder}{directory}/")
    return found


@pytest.mark.parametrize("shape", sorted(HOSTILE_PACKAGES))
def test_import_scorm_refuses_each_hostile_shape_and_keeps_nothing(db, tmp_path, shape):
    build, words = HOSTILE_PACKAGES[shape]
    path = tmp_path / "hostile.zip"
    path.write_bytes(build())
    before = all_stored_files()

    with pytest.raises(CommandError, match=rf"hostile\.zip: refused: .*{re.escape(words)}"):
        call_command("import_scorm", str(path))
    assert not ScormPackage.objects.exists()
    assert all_stored_files() == before


def test_import_scorm_discards_a_package_whose_sizes_lie(db, tmp_path):
    path = tmp_path / "liar.zip"
    path.write_bytes(with_lying_size())
    before = all_stored_files()

    with pytest.raises(CommandError, match=r"liar\.zip: Failed: "):
        call_command("import_scorm", str(path))
    assert not ScormPackage.objects.exists()
    assert all_stored_files() == before


@pytest.mark.parametrize("name", ["RuntimeBasicCalls_SCORM12.zip", "RuntimeBasicCalls_SCORM20043rdEdition.zip"])
def test_import_scorm_takes_the_real_fixture_packages(db, name, capsys):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared fixtures sit beside the repository)")

    call_command("import_scorm", str(path))

    package = ScormPackage.objects.get()
    assert package.status == ScormPackage.Status.READY
    assert "shared/launchpage.html" in stored_files(package)
    assert "Golf Explained - Run-time Basic Calls" in capsys.readouterr().out


@pytest.fixture
def trainer_client(client):
    trainer = MemberFactory(role="trainer")
    client.force_login(trainer)
    return client


@pytest.mark.django_db
def test_a_trainer_uploads_a_package_in_the_admin_and_sees_it_ready(trainer_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("court.zip", package_2004(), content_type="application/zip")

    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(reverse("wagtailsnippets_scorm_scormpackage:add"), {"upload": upload})

    assert response.status_code == 302
    package = ScormPackage.objects.get()
    assert package.status == ScormPackage.Status.READY
    listing = trainer_client.get(reverse("wagtailsnippets_scorm_scormpackage:list")).content.decode()
    assert "Ready: Arrest and court (SCORM 2004 4th Edition, 3 SCOs)" in listing


@pytest.mark.django_db
@pytest.mark.parametrize("shape", sorted(HOSTILE_PACKAGES))
def test_the_form_refuses_each_hostile_shape_with_its_reason_and_saves_nothing(trainer_client, shape):
    build, words = HOSTILE_PACKAGES[shape]
    upload = SimpleUploadedFile("hostile.zip", build(), content_type="application/zip")
    before = all_stored_files()

    response = trainer_client.post(reverse("wagtailsnippets_scorm_scormpackage:add"), {"upload": upload})

    assert response.status_code == 200
    assert words in response.content.decode()
    assert not ScormPackage.objects.exists()
    assert all_stored_files() == before


@pytest.mark.django_db
def test_a_refused_package_is_reported_in_the_form_and_nothing_is_saved(trainer_client):
    upload = SimpleUploadedFile("bad.zip", package_12(**{"../../evil.html": "x"}), content_type="application/zip")

    response = trainer_client.post(reverse("wagtailsnippets_scorm_scormpackage:add"), {"upload": upload})

    assert response.status_code == 200
    assert "points outside the package" in response.content.decode()
    assert not ScormPackage.objects.exists()


@pytest.mark.django_db
def test_a_script_in_a_course_title_is_shown_escaped(trainer_client):
    package = package_create(
        upload=ContentFile(package_12(title="&lt;script&gt;alert(1)&lt;/script&gt;"), name="t.zip")
    )
    package_process(package.pk)

    listing = trainer_client.get(reverse("wagtailsnippets_scorm_scormpackage:list")).content.decode()

    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing


@pytest.mark.django_db
def test_learners_cannot_reach_the_packages(client):
    client.force_login(MemberFactory())
    response = client.get(reverse("wagtailsnippets_scorm_scormpackage:list"))
    # Wagtail sends members without admin access back to its sign-in.
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")
