"""The demo course as training: its figures and sources, every page valid, its knowledge checks."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.models import CoursePage, ModulePage
from courses.study_time import cpd_hours_for
from demo.course_content import COURSE
from demo.knowledge_check_content import QUIZZES
from demo.site import HOME_BODY
from quizzes.blocks import quiz_placements
from quizzes.models import Question, Quiz
from quizzes.scoring import short_answer_match

ROOT = Path(settings.BASE_DIR)
SEEDS = ROOT.parent / "shared" / "seeds"
CONTENT_DOC = ROOT / "docs" / "content.md"
SEED_DOCUMENTS = ("SCIE", "i-HOP", "Barnardo's", "Ministry of Justice", "Owen Gill", "Home Office")


def normalised(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def key_facts() -> list[dict[str, str]]:
    facts = [block["value"] for block in HOME_BODY if block["type"] == "fact"]
    for module in COURSE["modules"]:
        facts += [block["value"] for block in module["body"] if block["type"] == "key_fact"]
    return facts


def figure_rows() -> list[tuple[str, str, str]]:
    """(figure, seed file, passage) for each row of docs/content.md's figures table."""
    rows = []
    for line in CONTENT_DOC.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[2].endswith(".txt"):
            rows.append((cells[0], cells[2], cells[3]))
    return rows


def test_every_key_fact_names_a_seed_document_and_is_listed_with_its_passage():
    listed = {figure for figure, _, _ in figure_rows()}
    for fact in key_facts():
        assert any(name in fact["source"] for name in SEED_DOCUMENTS), fact
        assert fact["figure"] in listed, f"{fact['figure']} is not in docs/content.md"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not at {SEEDS}")
def test_every_listed_passage_is_in_its_seed_document():
    rows = figure_rows()
    assert len(rows) >= 30
    missing = [
        (figure, name, passage)
        for figure, name, passage in rows
        if normalised(passage) not in normalised((SEEDS / name).read_text(encoding="utf-8"))
    ]
    assert missing == []


def test_the_two_mental_health_figures_are_both_stated_with_their_sources_and_reconciled():
    facts = {fact["figure"]: fact for fact in key_facts()}
    assert "health professionals" in facts["2x"]["source"] and "SCIE" in facts["2x"]["source"]
    assert "SCIE" in facts["About 3x"]["source"]
    text = " ".join(block["value"] for block in COURSE["modules"][0]["body"] if block["type"] == "rich_text")
    assert "Why the two figures differ" in text and "odds ratio" in text


def test_the_corrections_of_issue_20_hold():
    facts = {fact["figure"]: fact for fact in key_facts()}
    assert "Ministry of Justice" not in next(f["source"] for f in key_facts() if f["figure"] == "200,000")
    assert "23 boys" in facts["65%"]["statement"]
    assert "162,000" in facts and all(share in facts["25%"]["statement"] for share in ("25%", "29%", "12%"))
    every_text = str(COURSE)
    assert "cope better with the truth than with a secret" not in every_text
    assert "entitled to the truth" in every_text


@pytest.mark.django_db
def test_every_page_the_seed_creates_passes_wagtail_validation_and_publishes_again():
    call_command("seed_demo", allow_production=True)
    pages = [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]
    assert len(pages) >= 14

    for page in pages:
        latest = page.get_latest_revision().as_object()
        latest.full_clean()
        for field in latest._meta.get_fields():
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(latest, field.name))
        latest.save_revision().publish()
        page.refresh_from_db()
        assert page.live and not page.has_unpublished_changes, page.title


@pytest.mark.django_db
def test_the_validation_the_page_test_runs_refuses_an_overlong_quote_attribution():
    call_command("seed_demo", allow_production=True)
    module = ModulePage.objects.get(slug="arrest")
    body = module.body.raw_data
    quote = next(block for block in body if block["type"] == "quote")
    quote["value"]["attribution"] = "x" * 121
    module.body = body

    with pytest.raises(ValidationError):
        module._meta.get_field("body").stream_block.clean(module.body)


@pytest.mark.django_db
def test_each_module_has_its_own_check_and_the_checks_test_practice():
    call_command("seed_demo", allow_production=True)
    call_command("seed_demo", allow_production=True)  # idempotent

    course = CoursePage.objects.get(slug=COURSE["slug"])
    modules = list(ModulePage.objects.child_of(course))
    assert len(modules) == len(COURSE["modules"]) == 9
    for module in modules:
        [placement] = quiz_placements(module)
        assert placement.required == (module.slug == "facts-and-figures"), module.slug
    assert Quiz.objects.count() == len(QUIZZES) == 9

    questions = list(Question.objects.prefetch_related("answers"))
    assert len(questions) >= 24
    assert sum(question.name.startswith("Scenario:") for question in questions) >= 12
    for question in questions:
        assert question.source and question.general_feedback == f"Source: {question.source}.", question.name
        for answer in question.answers.all():
            assert len(answer.feedback) >= 20, (question.name, answer.text)


@pytest.mark.django_db
def test_the_five_per_cent_question_accepts_five_per_cent_and_not_fifty():
    call_command("seed_demo", allow_production=True)
    question = Question.objects.get(name="Staying at home")
    keys = list(question.answers.all())

    def mark(given: str) -> Decimal:
        key = short_answer_match(keys, given, case_sensitive=False)
        return key.fraction if key else Decimal(0)

    for right in ("5", "5%", " 5 % ", "5 per cent", "5 percent", "Five"):
        assert mark(right) == 1, right
    for wrong in ("50%", "55%", "500%", "50", "15%", "5.5%"):
        assert mark(wrong) == 0, wrong


@pytest.mark.django_db
def test_study_time_is_shown_per_module_and_sets_the_course_cpd_hours(client):
    call_command("seed_demo", allow_production=True)
    course = CoursePage.objects.get(slug=COURSE["slug"])
    modules = list(ModulePage.objects.child_of(course))

    for module in modules:
        assert module.estimated_minutes == module.study_time.total_minutes, module.slug
    assert course.estimated_minutes == sum(module.estimated_minutes for module in modules)
    assert course.cpd_hours == cpd_hours_for([module.estimated_minutes for module in modules])

    client.login(email="learner@example.org", password="ihop-demo-2026")
    from accounts.models import User
    from courses.services import enrolment_create

    enrolment_create(member=User.objects.get(email="learner@example.org"), course=course)
    module = modules[1]
    html = client.get(module.url).content.decode()
    time = module.study_time
    assert f"About {time.total_minutes} minutes to finish this module." in html
    assert f"{time.words} words to read, about {time.reading_minutes} min;" in html
    course_html = client.get(course.url).content.decode()
    assert f"{course.cpd_hours} CPD hours" in course_html


@pytest.mark.django_db
def test_illustrations_are_the_projects_own_svg_with_alt_text():
    from wagtail.images.models import Image

    call_command("seed_demo", allow_production=True)
    images = list(Image.objects.all())
    assert len(images) == 3 and all(image.is_svg() for image in images)
    for module in ModulePage.objects.all():
        for block in module.body:
            if block.block_type == "image":
                assert len(block.value["alt_text"]) > 40
                assert re.search(r"\.svg$", block.value["image"].file.name)
