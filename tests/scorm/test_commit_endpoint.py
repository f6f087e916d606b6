"""The commit endpoint: a sendBeacon-style text/plain POST, authenticated by the
signed attempt token, the session and Origin; bad or foreign commits change nothing."""

import json
from typing import Any

import pytest
from django.test import Client

from scorm.models import ScormAttempt
from scorm.selectors import scorm_placements
from scorm.services import attempt_current
from scorm.tokens import commit_token
from tests.accounts.factories import MemberFactory
from tests.scorm.builders import package_12
from tests.scorm.test_attempts import cmi_12, setup

ORIGIN = "http://testserver"


def started() -> tuple[Any, ScormAttempt, str]:
    member, module, _ = setup(package_12())
    placement = scorm_placements(module)[0]
    attempt = attempt_current(member=member, module=module, placement=placement)
    token = commit_token(attempt_id=attempt.pk, member_id=member.pk, block_id=placement.block_id)
    return member, attempt, token


def beacon(client: Client, body: Any, origin: str | None = ORIGIN) -> Any:
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/scorm/commit/", data=data, content_type="text/plain;charset=UTF-8", **headers)


def payload(token: str, sequence: int = 1, **cmi: Any) -> dict[str, Any]:
    return {"token": token, "sequence": sequence, "sco": "i1", "session": "s1", "cmi": cmi or cmi_12("incomplete")}


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)  # as a browser's beacon: no CSRF token


@pytest.mark.django_db
def test_a_beacon_commit_from_the_platform_page_is_stored(csrf_client):
    member, attempt, token = started()
    csrf_client.force_login(member)

    response = beacon(csrf_client, payload(token, **cmi_12("passed", raw="75", location="p9")))

    assert response.status_code == 200 and response.json()["stored"] is True
    attempt.refresh_from_db()
    assert (attempt.location, attempt.success_status, attempt.score_raw) == ("p9", "passed", 75)
    assert attempt.completed_at is not None


@pytest.mark.django_db
def test_a_repeated_commit_is_accepted_but_ignored(csrf_client):
    member, attempt, token = started()
    csrf_client.force_login(member)
    beacon(csrf_client, payload(token, 2, **cmi_12("incomplete", location="second")))

    response = beacon(csrf_client, payload(token, 1, **cmi_12("incomplete", location="first, late")))

    assert response.status_code == 200 and response.json()["stored"] is False
    attempt.refresh_from_db()
    assert attempt.location == "second"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "origin", [None, "http://127.0.0.1:8000", "null", "http://testserver.evil.example", "https://testserver"]
)
def test_a_commit_from_any_other_origin_is_refused(csrf_client, origin):
    member, attempt, token = started()
    csrf_client.force_login(member)

    response = beacon(csrf_client, payload(token, **cmi_12("passed")), origin=origin)

    assert response.status_code == 403
    attempt.refresh_from_db()
    assert attempt.sequence == 0 and attempt.completed_at is None


@pytest.mark.django_db
def test_another_learners_token_or_a_forged_one_writes_nothing(csrf_client):
    _, attempt, token = started()
    intruder = MemberFactory()
    csrf_client.force_login(intruder)

    stolen = beacon(csrf_client, payload(token, **cmi_12("passed")))
    # Even a genuinely signed token naming the intruder (as a server bug might issue) meets the owner check.
    block_id = scorm_placements(attempt.module)[0].block_id
    forged = beacon(
        csrf_client,
        payload(commit_token(attempt_id=attempt.pk, member_id=intruder.pk, block_id=block_id), **cmi_12("passed")),
    )
    tampered = beacon(csrf_client, payload(token[:-2] + "xx", **cmi_12("passed")))

    assert [stolen.status_code, forged.status_code, tampered.status_code] == [403, 403, 403]
    attempt.refresh_from_db()
    assert attempt.sequence == 0 and attempt.completed_at is None


@pytest.mark.django_db
def test_unreadable_bodies_are_refused_with_a_reason(csrf_client):
    member, attempt, token = started()
    csrf_client.force_login(member)
    assert beacon(csrf_client, "not json").status_code == 400
    for sequence in ("1", True, -1, 0, 2**64):
        assert beacon(csrf_client, {"token": token, "sequence": sequence, "sco": "i1", "cmi": {}}).status_code == 400
    for activity_attempt in ("1", True, -1, 2**31, 1.5):
        assert beacon(csrf_client, {**payload(token), "activity_attempt": activity_attempt}).status_code == 400
    attempt.refresh_from_db()
    assert attempt.sequence == 0


@pytest.mark.django_db
def test_suspend_data_over_the_limit_is_dropped_and_the_rest_of_the_commit_is_stored(csrf_client, settings):
    member, attempt, token = started()
    csrf_client.force_login(member)
    first = cmi_12("incomplete", location="p1")
    first["suspend_data"] = "kept"
    assert beacon(csrf_client, payload(token, 1, **first)).json()["refused"] == []

    settings.SCORM_SUSPEND_DATA_LIMIT = 4096
    too_long = cmi_12("passed", raw="90", location="p2")
    too_long["suspend_data"] = "x" * 5000
    response = beacon(csrf_client, payload(token, 2, **too_long))

    assert response.status_code == 200
    assert response.json() == {"result": "true", "errorCode": 0, "stored": True, "refused": ["cmi.suspend_data"]}
    attempt.refresh_from_db()
    # The completion in the same commit is not lost; the SCO keeps its earlier suspend data.
    assert (attempt.completion_status, attempt.success_status, attempt.location) == ("completed", "passed", "p2")
    assert attempt.completed_at is not None
    assert attempt.cmi["i1"]["cmi"]["suspend_data"] == "kept"

    settings.SCORM_SUSPEND_DATA_LIMIT = 64000  # the default: 64,000 for 1.2 as for 2004
    assert beacon(csrf_client, payload(token, 3, **too_long)).json()["refused"] == []
    attempt.refresh_from_db()
    assert attempt.cmi["i1"]["cmi"]["suspend_data"] == "x" * 5000


@pytest.mark.django_db
def test_anonymous_commits_are_not_stored(csrf_client):
    _, attempt, token = started()
    response = beacon(csrf_client, payload(token, **cmi_12("passed")))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.sequence == 0


@pytest.mark.django_db
def test_a_commit_with_4kb_suspend_data_and_30_interactions_takes_a_fixed_number_of_queries(
    csrf_client, django_assert_num_queries
):
    member, _, token = started()
    csrf_client.force_login(member)
    cmi = cmi_12("incomplete")
    cmi["suspend_data"] = "s" * 4000
    cmi["interactions"] = {str(n): {"id": f"q{n}", "result": "correct"} for n in range(30)}
    beacon(csrf_client, payload(token, 1, **cmi))
    # session (with its user), then savepoint, lock, update, release: the token carries the block's settings
    with django_assert_num_queries(5):
        assert beacon(csrf_client, payload(token, 2, **cmi)).json()["stored"] is True
    with django_assert_num_queries(5):
        assert beacon(csrf_client, payload(token, 3, **cmi)).json()["stored"] is True


@pytest.mark.django_db
def test_a_commit_for_a_sco_the_package_does_not_have_is_refused(csrf_client):
    member, attempt, token = started()
    csrf_client.force_login(member)
    body = payload(token, **cmi_12("passed"))
    body["sco"] = "invented"

    assert beacon(csrf_client, body).status_code == 403
    attempt.refresh_from_db()
    assert attempt.cmi == {} and attempt.sequence == 0
