"""The question bank keeps what Moodle's files carry (issue 20, item 6): each
part's own format, essay options and category descriptions survive import,
the admin, and export in both formats; a file with a question type the bank
does not have is refused with its line and leaves nothing behind."""

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.choices import Role
from quizzes.bank import (
    category_get_or_create_path,
    question_to_parsed,
    questions_export,
    questions_import,
    questions_in_category,
    questions_parse,
)
from quizzes.formats import ParsedCategory, ResponseFormat, TextFormat
from quizzes.models import Answer, MatchPair, Question, QuestionCategory
from tests.accounts.factories import MemberFactory
from tests.quizzes.test_gift_as_moodle_reads_it import as_gift_keeps_it

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OWN_FILES = sorted(
    path.name for path in FIXTURES.iterdir() if path.suffix in (".gift", ".xml") and path.name != "unsupported_type.xml"
)
TOP = "Default for i-HOP"


def file_format(name: str) -> str:
    return "xml" if name.endswith(".xml") else "gift"


def import_file(name: str, into: QuestionCategory) -> list[Question]:
    parsed = questions_parse(data=(FIXTURES / name).read_bytes(), format=file_format(name))
    return questions_import(parsed=parsed.questions, categories=parsed.categories, category=into)


def descriptions(root: QuestionCategory) -> dict[str, tuple[str, str]]:
    below = {}
    frontier = [root]
    while frontier:
        children = list(QuestionCategory.objects.filter(parent__in=frontier))
        below.update({" / ".join(child.path[len(root.path) :]): (child.info, child.info_format) for child in children})
        frontier = children
    return below


def test_importing_keeps_category_descriptions_essay_options_and_each_parts_format() -> None:
    bank = category_get_or_create_path(path=("Bank",))

    questions = import_file("categories_and_essays.xml", bank)

    assert descriptions(bank) == {
        TOP: ("<p>The default category for questions shared in the i-HOP course.</p>", "html"),
        f"{TOP} / Reflection": ("Open questions a trainer marks by hand.", "moodle"),
        f"{TOP} / Visits": ("Prison visits: before, during and after.", "plain"),
        f"{TOP} / Still to write": ("Questions on release, to come.", "moodle"),  # a category with no questions
    }
    explain = Question.objects.get(name="Explaining a sentence")
    assert (
        explain.response_format,
        explain.response_required,
        explain.response_field_lines,
        explain.min_word_limit,
        explain.max_word_limit,
        explain.attachments,
        explain.attachments_required,
        explain.grader_info,
        explain.grader_info_format,
        explain.response_template,
        explain.response_template_format,
        explain.general_feedback_format,
    ) == (
        "plain",
        False,
        10,
        50,
        300,
        -1,
        1,
        "<p>Full marks for <b>honest</b>, age-appropriate words.</p>",
        "html",
        "I would say:",
        "plain",
        "moodle",
    )
    prepare = Question.objects.get(name="Preparing a child")
    assert [(item.text_format, item.feedback_format) for item in prepare.answers.all()] == [
        ("", "moodle"),
        ("plain", ""),
    ]
    assert [pair.left_format for pair in MatchPair.objects.filter(question__name="Honest answers")] == [
        "",
        "plain",
        "moodle",
    ]
    assert len(questions) == 5


def test_a_description_from_a_file_fills_an_empty_one_and_never_replaces_a_trainers() -> None:
    bank = category_get_or_create_path(path=("Bank",))
    reflection = category_get_or_create_path(path=(TOP, "Reflection"), root=bank)
    visits = category_get_or_create_path(path=(TOP, "Visits"), root=bank)
    visits.info = "Written by a trainer."
    visits.save()

    import_file("categories_and_essays.xml", bank)

    reflection.refresh_from_db()
    visits.refresh_from_db()
    assert reflection.info == "Open questions a trainer marks by hand."
    assert (visits.info, visits.info_format) == ("Written by a trainer.", "moodle")


@pytest.mark.parametrize("name", OWN_FILES)
@pytest.mark.parametrize("written_as", ["gift", "xml"])
def test_every_fixture_exported_and_imported_again_gives_the_same_questions(name: str, written_as: str) -> None:
    bank = category_get_or_create_path(path=("Bank",))
    imported = import_file(name, bank)
    parsed = questions_parse(data=(FIXTURES / name).read_bytes(), format=file_format(name))
    # Storing loses nothing the file said.
    assert [question_to_parsed(question, root=bank) for question in imported] == list(parsed.questions)

    exported = questions_export(category=bank, format=written_as)
    data = exported.encode() if isinstance(exported, str) else exported
    copy = category_get_or_create_path(path=("Copy",))
    again = questions_parse(data=data, format=written_as)
    questions_import(parsed=again.questions, categories=again.categories, category=copy)

    originals = [question_to_parsed(question, root=bank) for question in questions_in_category(category=bank)]
    copies = [question_to_parsed(question, root=copy) for question in questions_in_category(category=copy)]
    if written_as == "gift":
        # GIFT has no syntax for marks, penalties, shuffling, case or essay options: Moodle's defaults come back.
        originals = [as_gift_keeps_it(question) for question in originals]
    assert copies == originals
    # The whole tree comes back, empty categories too; descriptions only through Moodle XML.
    copied = descriptions(copy)
    assert set(copied) == set(descriptions(bank))
    if written_as == "xml":
        assert copied == descriptions(bank)


def test_exporting_writes_category_descriptions_in_moodle_xml() -> None:
    bank = category_get_or_create_path(path=("Bank",))
    import_file("categories_and_essays.xml", bank)

    exported = questions_export(category=bank, format="xml")

    reread = questions_parse(data=exported if isinstance(exported, bytes) else exported.encode(), format="xml")
    assert ParsedCategory((TOP, "Still to write"), "Questions on release, to come.", TextFormat.MOODLE) in (
        reread.categories
    )
    assert b"<responseformat>plain</responseformat>" in exported  # type: ignore[operator]


def test_exporting_still_reads_a_fixed_number_of_queries(django_assert_num_queries: Any) -> None:
    bank = category_get_or_create_path(path=("Bank",))
    import_file("categories_and_essays.xml", bank)
    import_file("moodle_export.gift", bank)

    # categories, questions, answers, pairs
    with django_assert_num_queries(4):
        questions_export(category=bank, format="xml")


def test_the_command_refuses_a_question_type_the_bank_does_not_have_with_its_line_and_stores_nothing() -> None:
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_questions", str(FIXTURES / "unsupported_type.xml"), "--category", "Mixed", stdout=StringIO()
        )

    assert str(raised.value) == (
        "unsupported_type.xml: line 27: question type 'cloze' is not supported; nothing was imported"
    )
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_the_command_imports_what_moodles_exporter_writes() -> None:
    out = StringIO()

    call_command("import_questions", str(FIXTURES / "moodle_export.gift"), "--category", "Moodle", stdout=out)

    assert "7 question(s) imported" in out.getvalue()
    feedback = Answer.objects.get(text="*", question__name="Visit length")
    assert (feedback.feedback, feedback.fraction) == ("<p>Most visits last about <b>two</b> hours.</p>", 0)


# Through the pages a trainer uses


@pytest.fixture
def trainer_client(client: Any) -> Any:
    client.force_login(MemberFactory(role=Role.TRAINER))
    return client


def upload(client: Any, name: str, **fields: Any) -> str:
    content = (FIXTURES / name).read_bytes()
    response = client.post(
        reverse("quizzes:bank_import"), {"file": SimpleUploadedFile(name, content), **fields}, follow=True
    )
    return response.content.decode()


def test_a_trainer_sees_the_files_categories_with_their_descriptions_before_importing(trainer_client: Any) -> None:
    page = upload(trainer_client, "categories_and_essays.xml", new_category="Imported")

    assert "Categories the file names" in page
    assert "Default for i-HOP/Still to write: Questions on release, to come." in page
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    trainer_client.post(reverse("quizzes:bank_import"), {"payload": payload})

    assert QuestionCategory.objects.get(name="Still to write").info == "Questions on release, to come."
    assert Question.objects.get(name="A plan for afterwards").response_format == ResponseFormat.MONOSPACED


def test_a_trainer_uploading_an_unsupported_type_gets_its_line_and_nothing_is_imported(trainer_client: Any) -> None:
    page = upload(trainer_client, "unsupported_type.xml", new_category="Mixed")

    assert "unsupported_type.xml: line 27: question type &#x27;cloze&#x27; is not supported" in page
    assert "Nothing was imported" in page
    assert not Question.objects.exists() and not QuestionCategory.objects.exists()


def test_a_trainer_edits_essay_options_formats_and_a_category_description_in_the_admin(trainer_client: Any) -> None:
    bank = category_get_or_create_path(path=("Bank",))
    import_file("categories_and_essays.xml", bank)
    essay = Question.objects.get(name="Explaining a sentence")

    question_page = trainer_client.get(reverse("wagtailsnippets_quizzes_question:edit", args=[essay.pk]))
    category = QuestionCategory.objects.get(name="Visits")
    category_page = trainer_client.get(reverse("wagtailsnippets_quizzes_questioncategory:edit", args=[category.pk]))

    assert question_page.status_code == 200
    html = question_page.content.decode()
    assert "Essay options (essay questions only)" in html
    for field in ("response_format", "response_template", "grader_info", "attachments", "general_feedback_format"):
        assert f'name="{field}"' in html
    assert "Full marks for" in html  # the grader information, ready to edit
    assert 'name="answers-0-feedback_format"' not in html  # an essay has no answers
    assert category_page.status_code == 200
    assert "Prison visits: before, during and after." in category_page.content.decode()


@pytest.mark.parametrize(
    ("element", "message"),
    [
        ("<responsefieldlines>99999</responsefieldlines>", "Ensure this value is less than or equal to 32767."),
        ("<maxwordlimit>99999999999</maxwordlimit>", "Ensure this value is less than or equal to 2147483647."),
        ("<attachmentsrequired>40000</attachmentsrequired>", "Ensure this value is less than or equal to 32767."),
    ],
)
def test_essay_options_the_bank_cannot_hold_are_refused_naming_the_question(element: str, message: str) -> None:
    data = (
        "<quiz><question type='essay'><name><text>Too big</text></name>"
        f"<questiontext><text>Why?</text></questiontext>{element}</question></quiz>"
    ).encode()
    bank = category_get_or_create_path(path=("Bank",))
    parsed = questions_parse(data=data, format="xml")

    with pytest.raises(ValidationError) as raised:
        questions_import(parsed=parsed.questions, categories=parsed.categories, category=bank)

    assert raised.value.messages == [f"question 1 (Too big): {message}"]
    assert not Question.objects.exists()


def test_what_the_bank_does_not_keep_is_said_on_the_preview_and_by_the_command(trainer_client: Any) -> None:
    page = upload(trainer_client, "categories_and_essays.xml", new_category="Imported")
    out = StringIO()
    call_command("import_questions", str(FIXTURES / "moodle_export.gift"), "--category", "Moodle", stdout=out)

    assert "What the bank does not keep" in page
    assert "combined feedback: 1 in the file, the first at line 127" in page
    assert "ID numbers: 1 in the file, the first at line 26" in page
    assert "not kept: tags: 2 in the file, the first at line 12" in out.getvalue()
