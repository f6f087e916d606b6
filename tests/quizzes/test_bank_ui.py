"""Import (upload, preview, import) and export of the question bank, for trainers."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.choices import Role
from quizzes.models import Question, QuestionCategory
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def trainer_client(client):
    client.force_login(MemberFactory(role=Role.TRAINER))
    return client


def upload(client, name: str, content: bytes, **fields):
    return client.post(
        reverse("quizzes:bank_import"), {"file": SimpleUploadedFile(name, content), **fields}, follow=True
    )


def test_a_trainer_previews_then_imports_a_gift_file_into_a_new_category(trainer_client):
    content = (OWN_FIXTURES / "supporting_children.gift").read_bytes()

    preview = upload(trainer_client, "supporting_children.gift", content, new_category="Imported/Module 1")

    page = preview.content.decode()
    assert "Preview:" in page and "Preparing for a visit" in page and "Talking with children" in page
    assert Question.objects.count() == 0 and not QuestionCategory.objects.exists()  # nothing written yet

    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    done = trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload}, follow=True)

    assert "Imported" in done.content.decode()
    assert Question.objects.count() > 10
    assert QuestionCategory.objects.filter(name="Talking with children").exists()
    assert str(Question.objects.get(name="Honesty").category).startswith("Imported / Module 1 / ")


def test_a_moodle_xml_file_imports_into_an_existing_category(trainer_client):
    target = QuestionCategory.objects.create(name="Bank")
    content = (OWN_FIXTURES / "supporting_children.xml").read_bytes()
    page = upload(trainer_client, "bank.xml", content, category=target.pk).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload})
    assert Question.objects.filter(category__parent__isnull=False).exists()
    assert all(str(q.category).startswith("Bank") for q in Question.objects.all())


def test_malformed_input_is_reported_with_its_line_and_nothing_is_imported(trainer_client):
    bad = b"::Fine::A fine question {T}\n\n::Broken::\nWhich one? {\n=right\n~wrong\n"
    page = upload(trainer_client, "broken.gift", bad, new_category="Broken").content.decode()
    assert "broken.gift: line 3" in page and "Nothing was imported" in page
    assert Question.objects.count() == 0 and not QuestionCategory.objects.exists()


def test_a_tampered_preview_imports_nothing(trainer_client):
    page = upload(trainer_client, "a.gift", b"Q? {T}", new_category="X").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload[:-2] + "xx"}, follow=True)
    assert "upload the file again" in response.content.decode()
    assert Question.objects.count() == 0


def test_export_downloads_both_formats_and_reimports_the_same_questions(trainer_client):
    content = (OWN_FIXTURES / "supporting_children.gift").read_bytes()
    page = upload(trainer_client, "s.gift", content, new_category="Source").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload})
    source = QuestionCategory.objects.get(name="Source")
    stems = sorted(Question.objects.values_list("stem", flat=True))

    for file_format, name in (("gift", "back.gift"), ("xml", "back.xml")):
        exported = trainer_client.get(reverse("quizzes:bank_export"), {"category": source.pk, "format": file_format})
        assert exported.status_code == 200
        assert "attachment" in exported["Content-Disposition"]
        page = upload(trainer_client, name, exported.content, new_category=f"Again {file_format}").content.decode()
        payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
        trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload})
        again = QuestionCategory.objects.get(name=f"Again {file_format}")
        below = [again.pk]
        frontier = [again.pk]
        while frontier:
            frontier = list(QuestionCategory.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            below += frontier
        copied = sorted(Question.objects.filter(category_id__in=below).values_list("stem", flat=True))
        assert copied == stems


def test_learners_cannot_import_or_export(client):
    client.force_login(MemberFactory())
    assert client.get(reverse("quizzes:bank_import")).status_code == 404
    assert client.get(reverse("quizzes:bank_export"), {"category": 1, "format": "gift"}).status_code == 404
