"""The learner's CPD record: courses completed, workshops attended, CPD from elsewhere; the PDF and CSV."""

import csv
import io
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import member_export_data
from accounts.services import member_erase
from certificates.services import achievement_for_enrolment, certificate_issue
from courses.models import Enrolment
from cpd.models import ExternalCpdEntry
from tests.accounts.factories import MemberFactory
from tests.cpd.builders import attended_workshop, completed_course

pytestmark = pytest.mark.django_db


def a_learner_with_learning():
    member = MemberFactory(full_name="Morgan Price")
    course = completed_course(member, title="Supporting children of prisoners")
    workshop = attended_workshop([member], title="Leeds workshop on visits")
    ExternalCpdEntry.objects.create(
        member=member, title="Safeguarding conference", done_on=date(2025, 11, 3), hours=Decimal("6.0")
    )
    return member, course, workshop


def test_the_record_lists_each_course_workshop_and_entry_with_hours_and_a_total_per_year(client):
    member, course, _workshop = a_learner_with_learning()
    enrolment = Enrolment.objects.get(member=member, course=course)
    certificate = certificate_issue(achievement=achievement_for_enrolment(enrolment_id=enrolment.pk))
    assert certificate is not None
    client.force_login(member)

    page = client.get(reverse("cpd:record")).content.decode()

    this_year = timezone.localdate().year
    assert "Supporting children of prisoners" in page and "1.5 CPD hours" in page
    assert "Leeds workshop on visits" in page and "3.0 CPD hours" in page
    assert "Safeguarding conference" in page
    assert "2025: 6.0 CPD hours" in page
    # The workshop's last session was eight days ago: in this year, unless the year just began.
    workshop_year = (timezone.localdate() - timedelta(days=8)).year
    expected_this_year = Decimal("1.5") + (Decimal("3.0") if workshop_year == this_year else 0)
    assert f"{this_year}: {expected_this_year} CPD hours" in page
    assert certificate.verify_url in page


def test_another_members_record_is_not_shown(client):
    a_learner_with_learning()
    client.force_login(MemberFactory())

    page = client.get(reverse("cpd:record")).content.decode()

    assert "Safeguarding conference" not in page and "Leeds workshop" not in page
    assert "Nothing yet" in page


def test_the_record_takes_the_same_queries_for_ten_and_many_entries(client, django_assert_num_queries):
    member = MemberFactory()
    for _ in range(2):
        completed_course(member)
    ExternalCpdEntry.objects.bulk_create(
        ExternalCpdEntry(member=member, title=f"Course {n}", done_on=date(2024, 1, 1), hours=1) for n in range(10)
    )
    client.force_login(member)
    client.get(reverse("cpd:record"))
    # session, member, then: certificates, completed enrolments, attended bookings (2: the bookings and
    # their last sessions), entries, the member's evaluations
    with django_assert_num_queries(8):
        assert client.get(reverse("cpd:record")).status_code == 200
    ExternalCpdEntry.objects.bulk_create(
        ExternalCpdEntry(member=member, title=f"More {n}", done_on=date(2023, 1, 1), hours=1) for n in range(200)
    )
    for _ in range(3):
        completed_course(member)
    with django_assert_num_queries(8):
        assert client.get(reverse("cpd:record")).status_code == 200


@pytest.mark.parametrize(
    ("hours", "done_on", "message"),
    [
        ("-2", "2025-01-01", "Give the hours as a number above 0"),
        ("1000", "2025-01-01", "One entry can be at most 100 hours"),
        ("1,000", "2025-01-01", "Enter a number."),
        ("2", (date.today() + timedelta(days=3)).isoformat(), "The date is in the future"),
        ("2", "01/13/2025", "Enter a real date, with a 4-digit year, like 3 11 2025."),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, hours, done_on, message):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(reverse("cpd:entry_add"), {"title": "Conference", "done_on": done_on, "hours": hours})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExternalCpdEntry.objects.exists()


def test_the_date_is_typed_as_day_month_and_year(client):
    member = MemberFactory()
    client.force_login(member)

    form = client.get(reverse("cpd:entry_add")).content.decode()
    response = client.post(
        reverse("cpd:entry_add"),
        {"title": "Conference", "done_on_day": "3", "done_on_month": "11", "done_on_year": "2025", "hours": "6"},
    )
    short_year = client.post(
        reverse("cpd:entry_add"),
        {"title": "Conference", "done_on_day": "3", "done_on_month": "11", "done_on_year": "25", "hours": "6"},
    )

    assert '<div class="govuk-date-input" id="id_done_on">' in form and 'type="date"' not in form
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date</legend>' in form
    assert response.status_code == 302
    assert ExternalCpdEntry.objects.get(member=member).done_on == date(2025, 11, 3)
    assert short_year.status_code == 400
    assert "Enter a real date, with a 4-digit year" in short_year.content.decode()
    assert ExternalCpdEntry.objects.count() == 1


def test_a_learner_adds_edits_and_deletes_cpd_from_elsewhere(client):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(
        reverse("cpd:entry_add"),
        {"title": "Attachment training", "done_on": "2025-06-01", "hours": "2.5", "note": "Run by the council"},
    )
    assert response.status_code == 302
    entry = ExternalCpdEntry.objects.get(member=member)
    assert (entry.title, entry.hours, entry.note) == ("Attachment training", Decimal("2.5"), "Run by the council")

    client.post(
        reverse("cpd:entry_edit", args=[entry.pk]), {"title": "Attachment", "done_on": "2025-06-02", "hours": "3"}
    )
    entry.refresh_from_db()
    assert (entry.title, entry.done_on, entry.hours, entry.note) == ("Attachment", date(2025, 6, 2), Decimal("3.0"), "")

    client.post(reverse("cpd:entry_delete", args=[entry.pk]))
    assert not ExternalCpdEntry.objects.exists()


def test_a_learner_cannot_edit_or_delete_another_members_entry(client):
    owner = MemberFactory()
    entry = ExternalCpdEntry.objects.create(member=owner, title="Mine", done_on=date(2025, 1, 1), hours=1)
    client.force_login(MemberFactory())

    assert client.get(reverse("cpd:entry_edit", args=[entry.pk])).status_code == 404
    edit = client.post(
        reverse("cpd:entry_edit", args=[entry.pk]), {"title": "Theirs", "done_on": "2025-01-01", "hours": "9"}
    )
    assert edit.status_code == 404
    assert client.post(reverse("cpd:entry_delete", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert (entry.title, entry.hours) == ("Mine", Decimal("1.0"))


def pdf_text(pdf: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return text, info


def test_the_pdf_lists_each_course_and_workshop_with_its_hours_and_is_tagged(client, tmp_path):
    member, _course, _workshop = a_learner_with_learning()
    client.force_login(member)

    response = client.get(reverse("cpd:record_pdf"))

    assert response["Content-Type"] == "application/pdf"
    text, info = pdf_text(response.content, tmp_path)
    # Read in order, each row is its date, title, kind and hours.
    words = " ".join(text.split())
    assert re.search(r"Supporting children of prisoners Course 1\.5", words)
    assert re.search(r"Leeds workshop on visits Workshop 3\.0", words)
    assert re.search(r"Safeguarding conference Elsewhere 6\.0", words)
    assert "CPD record: Morgan Price" in text
    assert "Tagged:          yes" in info


def test_the_csv_has_a_row_for_each_and_totals(client):
    member, _course, _workshop = a_learner_with_learning()
    client.force_login(member)

    response = client.get(reverse("cpd:record_csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Year", "Date", "Kind", "Title", "CPD hours", "Certificate", "Note"]
    titles = {row[3]: row[4] for row in rows[1:]}
    assert titles["Supporting children of prisoners"] == "1.5"
    assert titles["Leeds workshop on visits"] == "3.0"
    assert titles["Total for 2025"] == "6.0"
    assert titles["Total"] == "10.5"


def test_entries_from_elsewhere_are_in_the_data_download_and_erased_with_the_account():
    member, _course, _workshop = a_learner_with_learning()

    exported = member_export_data(member=member)
    assert exported["cpd_from_elsewhere"] == [
        {"title": "Safeguarding conference", "date": "2025-11-03", "hours": "6.0", "note": ""}
    ]

    member_erase(member=member, actor=member)
    assert not ExternalCpdEntry.objects.exists()


def test_the_dashboard_links_the_record(client):
    member = MemberFactory()
    client.force_login(member)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert reverse("cpd:record") in page
