"""The question bank: importing GIFT and Moodle XML files into categories,
exporting them back, the import_questions command, and the admin."""

import json
import os
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
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
from quizzes.formats import FormatError, ParsedAnswer, ParsedQuestion, QuestionKind
from quizzes.models import Answer, MatchPair, Question, QuestionCategory
from tests.accounts.factories import MemberFactory

pytestmark = pytest.mark.django_db

OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORACLE_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "gift"
IN_CI = os.environ.get("CI", "").lower() == "true"

SUPPORTING = "Supporting children of prisoners"
TALKING = "Talking with children"
MALFORMED_GIFT = "::Fine::A complete question {T}\n\n::Broken::A question whose answers never close {\n=yes\n~no\n"


def oracle_names() -> list[str]:
    # Without the folder, one placeholder whose test skips (or fails under CI) with the reason.
    if not ORACLE_FIXTURES.is_dir():
        return ["absent"]
    return sorted(path.stem for path in ORACLE_FIXTURES.glob("*.gift"))


def oracle_folder() -> Path:
    if not ORACLE_FIXTURES.is_dir():
        reason = f"../shared/fixtures is absent: the GIFT oracle files are expected in {ORACLE_FIXTURES}"
        if IN_CI:
            pytest.fail(f"{reason}; CI must run these tests, not skip them")
        pytest.skip(reason)
    return ORACLE_FIXTURES


def rows_in_oracle(item: dict[str, Any]) -> int:
    """How many answers (or matching pairs) the PEG.js oracle gives a question."""
    if item["type"] == "TF":
        return 2  # stored as the two choices "true" and "false"
    if item["type"] == "Matching":
        return len(item["matchPairs"])
    choices = item.get("choices")
    if choices is None:
        return 0
    return 1 if isinstance(choices, dict) else len(choices)  # a dict is one bare numerical answer


def rows(question: Question) -> int:
    return question.answers.count() + question.match_pairs.count()


def import_own(name: str, *, into: str = "Bank") -> tuple[QuestionCategory, list[Question], list[ParsedQuestion]]:
    path = OWN_FIXTURES / name
    parsed = questions_parse(data=path.read_bytes(), format="xml" if path.suffix == ".xml" else "gift")
    category = category_get_or_create_path(path=(into,))
    return category, questions_import(parsed=parsed, category=category), parsed


def all_categories() -> set[str]:
    return {str(category) for category in QuestionCategory.objects.all()}


# Importing


@pytest.mark.parametrize("name", oracle_names())
def test_each_oracle_gift_file_imports_its_questions_with_their_answers(name: str) -> None:
    folder = oracle_folder()
    oracle = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    expected_rows = [rows_in_oracle(item) for item in oracle if item["type"] != "Category"]
    parsed = questions_parse(data=(folder / f"{name}.gift").read_bytes(), format="gift")

    questions = questions_import(parsed=parsed, category=category_get_or_create_path(path=("Oracle",)))

    assert Question.objects.count() == len(expected_rows)
    assert [rows(question) for question in questions] == expected_rows


def test_the_gift_fixture_imports_into_nested_categories_below_the_chosen_one() -> None:
    _, questions, _ = import_own("supporting_children.gift")

    by_category = {str(question.category): 0 for question in questions}
    for question in questions:
        by_category[str(question.category)] += 1
    assert by_category == {
        "Bank": 1,
        f"Bank / {SUPPORTING}": 2,
        f"Bank / {SUPPORTING} / {TALKING}": 5,
        f"Bank / {SUPPORTING} / {TALKING} / Words that help": 2,
        "Bank / Reflection": 3,
    }
    feelings = Question.objects.get(name="Feelings")
    assert feelings.kind == Question.Kind.MULTIPLE_RESPONSE
    assert [(answer.text, answer.fraction) for answer in feelings.answers.all()] == [
        ("Shame", Decimal("0.3333333")),
        ("Anger", Decimal("0.3333333")),
        ("Missing their parent", Decimal("0.3333334")),
        ("Relief that nothing has changed", Decimal("-1")),
    ]
    matching = Question.objects.get(name="Matching explanations")
    assert [(pair.left, pair.right) for pair in matching.match_pairs.all()][-1] == ("", "He will be home tomorrow.")
    assert Question.objects.get(name="How many children").answers.get().tolerance == Decimal("20000")


def test_the_xml_fixture_imports_into_nested_categories_with_its_marks() -> None:
    _, questions, _ = import_own("supporting_children.xml", into="Moodle")

    assert [(str(question.category), question.kind) for question in questions] == [
        (f"Moodle / {SUPPORTING}", "description"),
        (f"Moodle / {SUPPORTING}", "numerical"),
        (f"Moodle / {SUPPORTING} / Visits", "single_choice"),
        (f"Moodle / {SUPPORTING} / Visits", "true_false"),
        (f"Moodle / {SUPPORTING} / Visits / After the visit", "multiple_response"),
        (f"Moodle / {SUPPORTING} / {TALKING}", "short_answer"),
        (f"Moodle / {SUPPORTING} / {TALKING}", "matching"),
        ("Moodle / Reflection", "essay"),
    ]
    assert [rows(question) for question in questions] == [0, 3, 3, 2, 4, 2, 4, 0]
    numerical = questions[1]
    assert (numerical.default_mark, numerical.penalty) == (Decimal(2), Decimal("0.3333333"))


def test_importing_twice_reuses_the_categories() -> None:
    import_own("supporting_children.gift")
    categories = QuestionCategory.objects.count()

    import_own("supporting_children.gift")

    assert QuestionCategory.objects.count() == categories
    assert Question.objects.count() == 26


def test_an_answer_outside_minus_one_to_one_is_refused_and_nothing_is_stored() -> None:
    bad = ParsedQuestion(
        kind=QuestionKind.SINGLE_CHOICE,
        name="Too generous",
        stem="Pick one",
        answers=(ParsedAnswer("a", Decimal(2)), ParsedAnswer("b", Decimal(0))),
        category=("New",),
    )
    fine = ParsedQuestion(kind=QuestionKind.ESSAY, name="Fine", stem="Write")
    bank = category_get_or_create_path(path=("Bank",))

    with pytest.raises(ValidationError, match=r"question 2 \(Too generous\): .*less than or equal to 1"):
        questions_import(parsed=[fine, bad], category=bank)

    assert Question.objects.count() == 0
    assert all_categories() == {"Bank"}


def test_gift_that_is_not_utf8_is_a_format_error_with_its_line() -> None:
    with pytest.raises(FormatError, match="line 2: the file is not UTF-8"):
        questions_parse(data="::A::B {T}\n::Caf\u00e9::C {F}".encode("latin-1"), format="gift")


def test_category_paths_refuse_blank_names() -> None:
    with pytest.raises(ValueError, match="blank"):
        category_get_or_create_path(path=("Bank", " "))


# Exporting


@pytest.mark.parametrize(
    ("name", "file_format"), [("supporting_children.gift", "gift"), ("supporting_children.xml", "xml")]
)
def test_export_then_import_gives_the_same_questions(name: str, file_format: str) -> None:
    bank, imported, parsed = import_own(name)
    # Storing loses nothing the file said.
    assert [question_to_parsed(question, root=bank) for question in imported] == parsed

    exported = questions_export(category=bank, format=file_format)
    data = exported.encode() if isinstance(exported, str) else exported
    copy = category_get_or_create_path(path=("Copy",))
    questions_import(parsed=questions_parse(data=data, format=file_format), category=copy)

    originals = [question_to_parsed(question, root=bank) for question in questions_in_category(category=bank)]
    copies = [question_to_parsed(question, root=copy) for question in questions_in_category(category=copy)]
    assert len(copies) == len(parsed)
    assert copies == originals


def test_exporting_a_category_reads_a_fixed_number_of_queries(django_assert_num_queries: Any) -> None:
    bank, _, _ = import_own("supporting_children.gift")

    # categories, questions, answers, pairs
    with django_assert_num_queries(4):
        questions_export(category=bank, format="gift")


# Query counts


def many_questions(count: int) -> list[ParsedQuestion]:
    return [
        ParsedQuestion(
            kind=QuestionKind.SINGLE_CHOICE,
            name=f"Question {number}",
            stem=f"Which is right, {number}?",
            answers=(
                ParsedAnswer("this", Decimal(1), "Yes."),
                ParsedAnswer("that", Decimal(0), "No."),
                ParsedAnswer("neither", Decimal("-0.5")),
            ),
            category=("Same",),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("count", [10, 50])
def test_importing_costs_the_same_queries_for_10_or_50_questions(count: int, django_assert_num_queries: Any) -> None:
    bank = category_get_or_create_path(path=("Bank",))
    parsed = many_questions(count)

    # Creating the category "Same": 11 (savepoints, look-up, insert, re-read, Wagtail's reference
    # index); then one insert of questions and one of answers; the import's savepoint and release.
    # The same however many questions there are.
    with django_assert_num_queries(15):
        questions_import(parsed=parsed, category=bank)

    assert Question.objects.filter(category__name="Same").count() == count
    assert Answer.objects.count() == 3 * count


# The command


def test_the_command_imports_a_gift_file_and_lists_what_it_created() -> None:
    out = StringIO()

    call_command(
        "import_questions",
        str(OWN_FIXTURES / "supporting_children.gift"),
        "--category",
        "Training/Module 1",
        stdout=out,
    )

    lines = out.getvalue().splitlines()
    assert lines[0] == "created description: Welcome"
    assert "created multiple_response: Feelings" in lines
    # The last question has no name: its stem stands in, cut at 60 characters.
    assert lines[-2] == f"created short_answer: {Question.objects.get(name='').stem[:60]}"
    assert lines[-1] == "13 question(s) imported into “Training / Module 1”"
    assert Question.objects.count() == 13
    assert Answer.objects.count() == 23
    assert MatchPair.objects.count() == 4
    assert f"Training / Module 1 / {SUPPORTING}" in all_categories()


def test_the_command_takes_the_format_from_the_option_when_the_extension_says_nothing(tmp_path: Path) -> None:
    renamed = tmp_path / "export.moodle"
    renamed.write_bytes((OWN_FIXTURES / "supporting_children.xml").read_bytes())
    out = StringIO()

    call_command("import_questions", str(renamed), "--category", "Moodle", "--format", "xml", stdout=out)

    assert out.getvalue().splitlines()[-1] == "8 question(s) imported into “Moodle”"


def test_the_command_refuses_an_unknown_extension_without_format(tmp_path: Path) -> None:
    renamed = tmp_path / "questions.doc"
    renamed.write_text("::A::B {T}", encoding="utf-8")

    with pytest.raises(CommandError, match=r"cannot tell the format of questions\.doc.*--format gift or --format xml"):
        call_command("import_questions", str(renamed), "--category", "Bank")

    assert QuestionCategory.objects.count() == 0


def test_a_malformed_file_exits_non_zero_with_the_line_and_writes_nothing(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.gift"
    broken.write_text(MALFORMED_GIFT, encoding="utf-8")

    # call_command, not execute_from_command_line: the latter closes the test's database connection.
    with pytest.raises(CommandError) as failure:
        call_command("import_questions", str(broken), "--category", "New/Sub")

    assert failure.value.returncode != 0, "manage.py exits non-zero on a CommandError"
    error = str(failure.value)
    assert "broken.gift: line 3:" in error
    assert "nothing was imported" in error
    assert (QuestionCategory.objects.count(), Question.objects.count(), Answer.objects.count()) == (0, 0, 0)


def test_a_question_the_bank_refuses_leaves_no_category_behind(tmp_path: Path) -> None:
    long_name = tmp_path / "long.gift"
    long_name.write_text("::Fine::Short {T}\n\n::" + "x" * 300 + "::Too long a name {F}\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"question 2 \(x+\): Ensure this value has at most 255 characters"):
        call_command("import_questions", str(long_name), "--category", "New/Sub")

    assert (QuestionCategory.objects.count(), Question.objects.count()) == (0, 0)


# The admin


def test_trainers_find_the_question_bank_and_edit_answers_inline(client: Any) -> None:
    import_own("supporting_children.gift")
    client.force_login(MemberFactory(role=Role.TRAINER))

    listing = client.get(reverse("wagtailsnippets_quizzes_question:list"))
    assert listing.status_code == 200
    assert "Feelings" in listing.content.decode()

    feelings = Question.objects.get(name="Feelings")
    edit = client.get(reverse("wagtailsnippets_quizzes_question:edit", args=[feelings.pk])).content.decode()
    assert "Relief that nothing has changed" in edit
    assert "Matching pairs" in edit

    categories = client.get(reverse("wagtailsnippets_quizzes_questioncategory:list")).content.decode()
    assert f"Bank / {SUPPORTING} / {TALKING}" in categories


def test_learners_cannot_open_the_question_bank(client: Any) -> None:
    client.force_login(MemberFactory())

    response = client.get(reverse("wagtailsnippets_quizzes_question:list"))

    assert response.status_code in (302, 403)


def test_a_trainer_adds_a_question_with_its_answers_in_the_admin(client: Any) -> None:
    bank = category_get_or_create_path(path=("Bank",))
    client.force_login(MemberFactory(role=Role.TRAINER))
    data = {
        "category": bank.pk,
        "kind": "single_choice",
        "name": "Visiting order",
        "stem": "Who books a prison visit?",
        "stem_format": "moodle",
        "source": "",
        "general_feedback": "",
        "shuffle_answers": "on",
        "default_mark": "1",
        "penalty": "0.3333333",
        "answers-TOTAL_FORMS": "2",
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
        "answers-0-text": "The prisoner sends a visiting order",
        "answers-0-fraction": "1",
        "answers-0-feedback": "Yes.",
        "answers-0-ORDER": "1",
        "answers-1-text": "The school",
        "answers-1-fraction": "-2",
        "answers-1-ORDER": "2",
        "match_pairs-TOTAL_FORMS": "0",
        "match_pairs-INITIAL_FORMS": "0",
        "match_pairs-MIN_NUM_FORMS": "0",
        "match_pairs-MAX_NUM_FORMS": "1000",
    }
    url = reverse("wagtailsnippets_quizzes_question:add")

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Ensure this value is greater than or equal to -1" in refused.content.decode()
    assert Question.objects.count() == 0

    data["answers-1-fraction"] = "0"
    client.post(url, data)

    question = Question.objects.get(name="Visiting order")
    assert [(answer.text, answer.fraction) for answer in question.answers.all()] == [
        ("The prisoner sends a visiting order", Decimal(1)),
        ("The school", Decimal(0)),
    ]


def test_trainers_keep_the_bank_and_only_administrators_delete_from_it() -> None:
    trainer = MemberFactory(role=Role.TRAINER)
    administrator = MemberFactory(role=Role.ADMINISTRATOR)
    actions = ("add", "change", "view", "delete")

    for model in ("question", "questioncategory"):
        assert [trainer.has_perm(f"quizzes.{action}_{model}") for action in actions] == [True, True, True, False]
        assert [administrator.has_perm(f"quizzes.{action}_{model}") for action in actions] == [True] * 4
