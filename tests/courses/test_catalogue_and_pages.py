"""The catalogue's filters, and pages that take a fixed number of queries."""

import pytest

from courses.models import Enrolment
from tests.accounts.factories import MemberFactory
from tests.courses.factories import catalogue, make_course

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [course.title for course in response.context["courses"]]


def test_the_catalogue_filters_by_sector_stage_and_length_and_searches(client):
    make_course(title="Police at the door", sectors=["police"], modules=2, minutes=45)  # facts, arrest
    make_course(title="Health visiting and prison", sectors=["health"], modules=4, minutes=120)  # ..., prison
    make_course(
        title="Schools and release", sectors=["education"], modules=5, minutes=240, summary="Homecoming support"
    )
    url = catalogue().url

    assert titles(client.get(url)) == ["Health visiting and prison", "Police at the door", "Schools and release"]
    assert titles(client.get(url, {"sector": "police"})) == ["Police at the door"]
    assert titles(client.get(url, {"stage": "prison"})) == ["Health visiting and prison", "Schools and release"]
    assert titles(client.get(url, {"length": "short"})) == ["Police at the door"]
    assert titles(client.get(url, {"length": "long", "stage": "release"})) == ["Schools and release"]
    assert titles(client.get(url, {"q": "homecoming"})) == ["Schools and release"]
    page = client.get(url, {"sector": "police"}).content.decode()
    assert "2 modules · about 45 minutes" in page


def test_unknown_filter_values_are_ignored_with_a_message(client):
    make_course(title="Only course")

    response = client.get(catalogue().url, {"sector": "astronauts", "length": "<script>"})

    assert response.status_code == 200
    assert titles(response) == ["Only course"]
    assert "not recognised and have been ignored" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_the_catalogue_takes_a_fixed_number_of_queries_with_200_courses(client, django_assert_num_queries):
    for number in range(200):
        make_course(title=f"Course {number:03}", modules=1 if number % 2 else 0)
    url = catalogue().url
    client.get(url)  # warm caches (site settings row, content types)

    # routing (loading the page), the courses with their module counts (one query); which page
    # the address names, the site, menu, footer and the fact that no page is private come from
    # the cache
    with django_assert_num_queries(2):
        response = client.get(url, {"stage": "facts"})
    assert len(response.context["courses"]) == 100
    with django_assert_num_queries(1):  # asked again: only loading the page; the courses come from the cache
        again = client.get(url, {"stage": "facts"})
    assert titles(again) == titles(response)


def test_publishing_or_unpublishing_a_course_shows_in_the_catalogue_at_once(client):
    make_course(title="Arrest")
    url = catalogue().url
    assert titles(client.get(url)) == ["Arrest"]

    court = make_course(title="Court", live=False)
    court.save_revision().publish()  # as the CMS does
    assert titles(client.get(url)) == ["Arrest", "Court"]

    court.refresh_from_db()  # publishing worked on the revision's copy
    court.unpublish()
    assert titles(client.get(url)) == ["Arrest"]


@pytest.mark.parametrize("modules", [5, 50])
def test_the_course_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries, modules):
    member = MemberFactory()
    course = make_course(modules=modules)
    Enrolment.objects.create(member=member, course=course)
    client.force_login(member)
    client.get(course.url)

    # routing (loading the page), member, modules, enrolment, progress, the member's permissions
    # for the CMS link (2); session, which page the address names, site, menu, footer and view
    # restrictions come from the cache
    with django_assert_num_queries(8):
        response = client.get(course.url)
    assert response.context["pathway"].required_total == modules


@pytest.mark.parametrize("modules", [5, 50])
def test_a_module_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries, modules):
    member = MemberFactory()
    course = make_course(modules=modules)
    Enrolment.objects.create(member=member, course=course)
    module = course.get_children().specific()[modules // 2]
    client.force_login(member)
    client.get(module.url)

    # routing (loading the page), member, enrolment, progress (get_or_create: 3 with its
    # savepoint), course, modules, reflections, stage resources, the stage's case studies,
    # permissions (2)
    with django_assert_num_queries(13):
        response = client.get(module.url)
    assert response.context["module_count"] == modules
