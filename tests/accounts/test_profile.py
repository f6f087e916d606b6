"""A member's own account: profile, data download, and who reaches the CMS."""

import json

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from tests.accounts.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def profile_data(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Dana Okafor",
        "organisation": "Eastgate Probation Delivery Unit",
        "job_role": "Probation officer",
        "sector": "probation",
        "region": "east",
    }
    data.update(overrides)
    return data


def test_a_member_edits_their_profile_and_sees_it_on_their_dashboard(client):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(PROFILE_URL, profile_data(enews_consent="on"), follow=True)

    page = response.content.decode()
    assert "Your profile has been saved." in page
    assert "Eastgate Probation Delivery Unit" in page
    assert "East of England" in page
    member.refresh_from_db()
    assert member.job_role == "Probation officer"
    assert member.enews_consent_at is not None


def test_e_news_consent_keeps_its_first_time_and_is_cleared_when_withdrawn(client):
    member = MemberFactory()
    client.force_login(member)
    client.post(PROFILE_URL, profile_data(enews_consent="on"))
    member.refresh_from_db()
    first_given = member.enews_consent_at

    client.post(PROFILE_URL, profile_data(enews_consent="on", job_role="Senior probation officer"))
    member.refresh_from_db()
    assert member.enews_consent_at == first_given

    client.post(PROFILE_URL, profile_data())
    member.refresh_from_db()
    assert member.enews_consent_at is None


def test_bad_profile_input_is_explained_and_nothing_is_saved(client):
    member = MemberFactory(full_name="Original Name", organisation="Original Org")
    client.force_login(member)

    response = client.post(
        PROFILE_URL, profile_data(full_name="Line\nBreak", organisation="y" * 201, region="atlantis")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "line breaks and control characters are not allowed" in page
    assert "Ensure this value has at most 200 characters" in page
    assert "Select a valid choice." in page
    member.refresh_from_db()
    assert (member.full_name, member.organisation) == ("Original Name", "Original Org")


def test_a_member_downloads_their_data_as_json(client):
    member = MemberFactory(full_name="Kit Marlowe", job_role="School nurse")
    client.force_login(member)

    response = client.get(reverse("accounts:data_export"))

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "Kit Marlowe"
    assert data["profile"]["job_role"] == "School nurse"
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]


def test_account_pages_need_a_signed_in_member(client):
    for name in ("accounts:dashboard", "accounts:profile", "accounts:data_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("role", "reaches_cms"),
    [(None, False), (Role.LEARNER, False), (Role.TRAINER, True), (Role.ADMINISTRATOR, True)],
)
def test_only_trainers_and_administrators_reach_the_cms(client, role, reaches_cms):
    client.force_login(MemberFactory(role=role))

    response = client.get(reverse("wagtailadmin_home"))

    assert (response.status_code == 200) is reaches_cms


def test_administrators_manage_members_and_trainers_do_not(client):
    client.force_login(MemberFactory(role=Role.ADMINISTRATOR))
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200

    client.force_login(MemberFactory(role=Role.TRAINER))
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302


def test_the_dashboard_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.force_login(MemberFactory(role=Role.TRAINER))
    client.get(reverse("accounts:dashboard"))  # first visit creates the member's CMS profile and site settings

    # member, one query per dashboard panel ("My learning", "My bookings", "My certificates"),
    # two for "Service self-assessments" (the member's assessments, their overdue actions),
    # three for "My CPD" (their evaluations, completed courses and attended workshops, to invite
    # an evaluation of each), the member's permissions (2), groups (role), the CMS user bar's
    # profile (2); session, site, menu and footer come from the cache
    with django_assert_num_queries(14):
        assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_member_erases_their_account_and_learning_records(client):
    from courses.models import Enrolment
    from tests.courses.factories import make_course

    member = MemberFactory()
    Enrolment.objects.create(member=member, course=make_course(modules=1))
    client.force_login(member)

    wrong = client.post(reverse("accounts:erase"), {"password": "not-my-password"})
    assert "That password is not right. Nothing has been deleted." in wrong.content.decode()
    assert User.objects.filter(pk=member.pk).exists()

    response = client.post(reverse("accounts:erase"), {"password": PASSWORD}, follow=True)

    assert "Your account and everything we held about you have been deleted." in response.content.decode()
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Enrolment.objects.exists()
    assert "_auth_user_id" not in client.session
