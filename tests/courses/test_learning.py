"""A learner enrols, works through modules and completes a course."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from courses.models import Enrolment, ModuleProgress, Reflection
from courses.services import module_complete
from tests.accounts.factories import MemberFactory
from tests.courses.factories import add_module, make_course, reflection_block, text_block

pytestmark = pytest.mark.django_db


def enrol(client, course):  # type: ignore[no-untyped-def]
    return client.post(reverse("courses:enrol", args=[course.pk]), follow=True)


def finish(client, module, **extra):  # type: ignore[no-untyped-def]
    return client.post(reverse("courses:complete_module", args=[module.pk]), extra, follow=True)


def test_enrolling_twice_keeps_one_enrolment_and_the_pathway_shows_every_module(client):
    member = MemberFactory()
    course = make_course(modules=3)
    client.force_login(member)

    enrol(client, course)
    page = enrol(client, course).content.decode()

    assert Enrolment.objects.filter(member=member, course=course).count() == 1
    assert "0 of 3 required modules done" in page
    assert page.count(">Not yet started</strong>") == 3, "each module's status is the task list's tag"
    assert "Start the course: Module 1" in page


def test_opening_a_module_records_progress_and_continue_leads_back_to_it(client):
    member = MemberFactory()
    course = make_course(modules=3)
    second = course.get_children().specific()[1]
    client.force_login(member)
    enrol(client, course)

    assert client.get(second.url).status_code == 200

    page = client.get(course.url).content.decode()
    assert "In progress" in page
    assert f"Continue where you left off: {second.title}" not in page  # nothing done yet: "Start"
    assert f": {second.title}</a>" in page, "the last module opened is where the learner continues"


def test_finishing_every_required_module_completes_the_course_once_with_one_completion_email(
    client, django_capture_on_commit_callbacks
):
    member = MemberFactory()
    course = make_course(modules=2)
    optional = add_module(course, title="Further reading", stage="practice", required=False)
    modules = [page.specific for page in course.get_children()]
    client.force_login(member)
    enrol(client, course)

    with django_capture_on_commit_callbacks(execute=True):
        response = finish(client, modules[0], next_module=str(modules[1].pk))
    assert response.redirect_chain[-1][0] == modules[1].url, "the learner moves on to the next module"
    assert Enrolment.objects.get(member=member).completed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        page = finish(client, modules[1]).content.decode()
        finish(client, modules[1])  # again: nothing more happens

    enrolment = Enrolment.objects.get(member=member)
    assert enrolment.completed_at is not None, "the optional module is not needed"
    assert "Completed on" in page
    assert not ModuleProgress.objects.filter(module=optional).exists()
    # The certificates app sends the certificate in a message of its own.
    completion = [message for message in mail.outbox if message.subject.startswith("You have completed")]
    assert [message.subject for message in completion] == [f"You have completed {course.title}"]
    assert member.email in completion[0].to
    assert course.url in completion[0].body


def test_the_dashboard_lists_courses_in_progress_and_completed(client):
    member = MemberFactory()
    in_progress = make_course(title="Visiting a prison with children", modules=2)
    finished = make_course(title="Talking to children about imprisonment", modules=1)
    client.force_login(member)
    enrol(client, in_progress)
    enrol(client, finished)
    finish(client, finished.get_children().first().specific)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Visiting a prison with children" in page
    assert "Continue: Module 1" in page
    assert "Talking to children about imprisonment" in page
    assert "completed " in page


def test_the_dashboards_continue_leads_to_the_module_last_opened_with_a_progress_bar(client):
    course = make_course(title="Visiting a prison with children", modules=3)
    first, _, third = course.get_children().specific()
    client.force_login(MemberFactory())
    enrol(client, course)
    finish(client, first)

    client.get(third.url)
    opened = client.get(reverse("accounts:dashboard")).content.decode()
    finish(client, third)
    after = client.get(reverse("accounts:dashboard")).content.decode()

    assert f"Continue: {third.title}</a>" in opened
    assert '<progress max="100" value="33"' in opened
    assert "Continue: Module 2</a>" in after, "with the last one opened finished, the first not done"
    assert '<progress max="100" value="67"' in after


def test_a_module_is_for_enrolled_members_only(client):
    course = make_course(modules=1)
    module = course.get_children().first().specific

    anonymous = client.get(module.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/account/login/")

    client.force_login(MemberFactory())
    not_enrolled = client.get(module.url, follow=True)
    assert not_enrolled.redirect_chain[-1][0] == course.url
    assert "Enrol on this course to start its modules." in not_enrolled.content.decode()
    assert "Content of Module 1" not in not_enrolled.content.decode()


def test_draft_courses_and_modules_are_not_found(client):
    member = MemberFactory()
    client.force_login(member)
    course = make_course(modules=1)
    draft_module = add_module(course, title="Unfinished draft", live=False)
    draft_course = make_course(title="Draft course", live=False)
    enrol(client, course)

    assert client.get(draft_module.url).status_code == 404
    assert client.get(draft_course.url).status_code == 404
    assert client.post(reverse("courses:enrol", args=[draft_course.pk])).status_code == 404
    assert client.post(reverse("courses:complete_module", args=[draft_module.pk])).status_code == 404
    assert "Unfinished draft" not in client.get(course.url).content.decode()


def test_a_reflection_is_saved_privately(client):
    author, other = MemberFactory(), MemberFactory()
    prompt = reflection_block("How would you explain a prison visit to a five-year-old?")
    course = make_course(modules=0)
    module = add_module(course, body=[text_block(), prompt])
    for member in (author, other):
        client.force_login(member)
        enrol(client, course)
    url = reverse("courses:save_reflection", args=[module.pk, prompt["id"]])

    client.force_login(author)
    client.post(url, {"text": "I would use a picture book about visiting."})
    assert "I would use a picture book about visiting." in client.get(module.url).content.decode()

    client.force_login(other)
    assert "picture book" not in client.get(module.url).content.decode()
    assert Reflection.objects.get().member == author


def test_bad_reflections_are_refused_with_a_message(client):
    member = MemberFactory()
    prompt = reflection_block()
    course = make_course(modules=0)
    module = add_module(course, body=[prompt])
    client.force_login(member)
    enrol(client, course)

    empty = client.post(reverse("courses:save_reflection", args=[module.pk, prompt["id"]]), {"text": "  "}, follow=True)
    unknown = client.post(
        reverse("courses:save_reflection", args=[module.pk, "not-a-block"]), {"text": "x"}, follow=True
    )

    assert "Write something before saving your reflection." in empty.content.decode()
    assert "That reflection question is no longer on this page." in unknown.content.decode()
    assert not Reflection.objects.exists()


def test_completing_a_module_without_enrolling_is_refused(client):
    course = make_course(modules=1)
    client.force_login(MemberFactory())

    page = finish(client, course.get_children().first().specific).content.decode()

    assert "Enrol on this course to record your progress." in page
    assert not ModuleProgress.objects.exists()


def test_the_completion_service_records_completion_once():
    member = MemberFactory()
    course = make_course(modules=1)
    module = course.get_children().first().specific
    Enrolment.objects.create(member=member, course=course)

    first = module_complete(member=member, module=module).completed_at
    second = module_complete(member=member, module=module).completed_at

    assert first is not None
    assert first == second


def test_a_members_data_export_includes_their_learning_and_reflections(client):
    member = MemberFactory()
    prompt = reflection_block()
    course = make_course(title="Courts and families", modules=0)
    module = add_module(course, title="At court", body=[prompt])
    client.force_login(member)
    enrol(client, course)
    client.post(reverse("courses:save_reflection", args=[module.pk, prompt["id"]]), {"text": "My private note"})

    data = client.get(reverse("accounts:data_export")).json()

    assert data["learning"]["enrolments"][0]["course"] == "Courts and families"
    assert data["learning"]["reflections"][0] == {
        "module": "At court",
        "text": "My private note",
        "updated_at": data["learning"]["reflections"][0]["updated_at"],
    }


def test_modules_follow_the_family_journey_whatever_order_they_were_added_in(client):
    member = MemberFactory()
    course = make_course(modules=0)
    release = add_module(course, title="Coming home", stage="release")
    arrest = add_module(course, title="The knock at the door", stage="arrest")
    client.force_login(member)
    enrol(client, course)

    page = client.get(course.url).content.decode()
    module_page = client.get(arrest.url).content.decode()

    assert page.index("The knock at the door") < page.index("Coming home")
    assert "Start the course: The knock at the door" in page
    next_link = re.search(r'<a [^>]*href="([^"]+)" rel="next">(.*?)</a>', module_page, re.S)
    assert next_link, "the module page links on to the next module"
    assert next_link[1] == release.url and "Coming home" in next_link[2]


def test_a_members_only_page_sends_visitors_to_sign_in(client):
    from wagtail.models import PageViewRestriction

    course = make_course(modules=1)
    assert client.get(course.url).status_code == 200  # the "no private pages" shortcut is now cached
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(course.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_module_page_lists_its_sections_as_a_contents_list_and_says_the_time_left(client):
    course = make_course(modules=0)
    why = {"type": "rich_text", "value": "<h2>Why it &amp; matters</h2><p>" + "word " * 250 + "</p>", "id": "why"}
    more = {**text_block("More on why."), "id": "more"}
    say = {"type": "rich_text", "value": "<h2>What to say</h2><p>Be honest.</p>", "id": "say"}
    module = add_module(
        course, title="Talking", body=[text_block("Before we start."), why, more, reflection_block(), say]
    )
    client.force_login(MemberFactory())
    enrol(client, course)

    page = client.get(module.url).content.decode()
    outline = re.search(r'<nav class="module-outline" aria-labelledby="outline-heading">(.*?)</nav>', page, re.S)
    assert outline, "the module's outline is a navigation landmark"
    entries = re.findall(r'<a class="govuk-link" href="#section-([^"]+)">([^<]+)</a>', outline[1])
    assert [title for _, title in entries] == ["Introduction", "Why it &amp; matters", "Reflect", "What to say"]
    for block_id, _ in entries:
        assert f'id="section-{block_id}"' in page, "each entry leads to its section"
    assert entries[1][0] == "why" and "(2 min)" in outline[1], "a section counts the text that follows it"
    assert "Time left" in page and f"About {module.study_time.total_minutes} minutes to finish this module." in page

    finish(client, module)
    done = client.get(module.url).content.decode()
    assert "You have finished this module." in done
    assert "minutes to finish this module" not in done


def test_a_module_of_one_section_has_no_outline(client):
    course = make_course(modules=1)
    module = course.get_children().first().specific
    module.body = [text_block("Only this.")]
    module.save()
    client.force_login(MemberFactory())
    enrol(client, course)

    page = client.get(module.url).content.decode()
    assert "Module outline" not in page
    assert "Time left" in page
