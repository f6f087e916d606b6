"""What trainers and administrators meet in the CMS."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.choices import Role
from courses.blocks import ModuleBodyBlock, video_embed_url
from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer, make_course

pytestmark = pytest.mark.django_db


def test_a_course_with_learner_records_cannot_be_deleted_and_the_admin_says_why(client):
    course = make_course(modules=2)
    started = course.get_children().first().specific
    enrolment = Enrolment.objects.create(member=MemberFactory(), course=course)
    ModuleProgress.objects.create(enrolment=enrolment, module=started)
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))

    for page in (course, started):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)
        assert "cannot be deleted because learners have" in response.content.decode()
        assert "Unpublish it instead" in response.content.decode()
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert ModulePage.objects.count() == 2


def test_pages_without_learner_records_can_be_deleted(client):
    course = make_course(modules=2)
    unstarted = course.get_children().last().specific
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))

    client.post(reverse("wagtailadmin_pages:delete", args=[unstarted.pk]))
    assert ModulePage.objects.count() == 1

    client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert not CoursePage.objects.filter(pk=course.pk).exists()


def test_a_trainer_cannot_publish_but_can_submit_for_approval(client):
    course = make_course(modules=1)
    module = course.get_children().first().specific
    client.force_login(course_trainer(course))

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()

    assert "Submit to Moderators approval" in edit_page
    assert 'name="action-publish"' not in edit_page


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
    ],
)
def test_videos_from_allow_listed_providers_are_embedded_from_their_player_origin(url):
    assert video_embed_url(url).startswith(("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/"))


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=<script>",
        "https://vimeo.com/not-a-number",
        "javascript:alert(1)",
    ],
)
def test_other_video_addresses_are_refused_in_the_body(url):
    body = ModuleBodyBlock()
    value = body.to_python([{"type": "video", "value": {"url": url, "title": "A film", "transcript": ""}}])

    with pytest.raises(ValidationError):
        body.clean(value)


def test_empty_or_incomplete_blocks_are_refused():
    body = ModuleBodyBlock()
    empty_fact = body.to_python([{"type": "key_fact", "value": {"figure": "65%", "statement": "", "source": ""}}])
    empty_quote = body.to_python([{"type": "quote", "value": {"text": "", "attribution": "", "speaker": "child"}}])

    for value in (empty_fact, empty_quote):
        with pytest.raises(ValidationError):
            body.clean(value)


def test_the_admin_refuses_a_module_with_a_bad_block_with_a_clear_message(client):
    course = make_course(modules=0)
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    data = {
        "title": "Arrest",
        "slug": "arrest",
        "stage": "arrest",
        "estimated_minutes": "10",
        "summary": "What happens at arrest",
        "required": "on",
        "body-count": "1",
        "body-0-type": "video",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "8c3ea9a4-9d5c-4d3d-9b7a-6f0e6f8c7a11",
        "body-0-value-url": "https://evil.example/video",
        "body-0-value-title": "Film",
        "body-0-value-transcript": "",
        "action-publish": "action-publish",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Only YouTube and Vimeo videos can be embedded." in response.content.decode()
    assert not ModulePage.objects.exists()


def test_previewing_a_draft_module_shows_it_in_its_place_without_a_finish_button(client):
    course = make_course(modules=2)
    draft = course.get_children().last().specific
    draft.live = False
    draft.save()
    client.force_login(course_trainer(course))

    page = client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk])).content.decode()

    assert "Module 2 of 2" in page
    assert "This is a preview." in page
    assert "I have finished this module" not in page.replace("“I have finished this module”", "")


def test_a_trainer_acts_only_on_the_courses_they_run(client):
    theirs = make_course(title="Theirs", modules=1)
    other = make_course(title="Someone else's", modules=1)
    trainer = course_trainer(theirs)
    client.force_login(trainer)
    other_module = other.get_children().first()

    for name in ("edit", "delete", "copy", "history", "usage", "move", "unpublish", "revisions_index"):
        for page in (other, other_module):
            url = reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
            assert client.get(url).status_code in {302, 403, 404}, url
    assert client.post(reverse("wagtailadmin_pages:delete", args=[other_module.pk])).status_code in {302, 403}
    assert ModulePage.objects.filter(pk=other_module.pk).exists()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.get_children().first().pk])).status_code == 200

    listing = client.get(reverse("wagtailadmin_explore", args=[theirs.get_parent().pk])).content.decode()
    assert "Theirs" in listing and "Someone else" not in listing
