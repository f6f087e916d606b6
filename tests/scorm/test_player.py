"""The player page: who may open it, which attempt and SCO it opens, and what
it hands back to the runtime so a learner resumes where they were."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorm.models import ScormAttempt
from scorm.runtime import resume_values
from tests.accounts.factories import MemberFactory
from tests.scorm.builders import package_12, package_2004
from tests.scorm.test_attempts import cmi_12, commit, setup

pytestmark = pytest.mark.django_db


def player_url(module, package, sco: str = "") -> str:
    return f"/scorm/play/{module.pk}/{package.pk}/" + (f"?sco={sco}" if sco else "")


def player_config(response) -> dict:
    html = response.content.decode()
    start = html.index('<script id="scorm-player-config" type="application/json">') + len(
        '<script id="scorm-player-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_a_first_launch_starts_from_the_beginning_with_the_learners_id_and_name(client, settings):
    settings.SCORM_CONTENT_ORIGIN = "http://content.example.test"
    member, module, package = setup(package_12())
    client.force_login(member)

    response = client.get(player_url(module, package))

    assert response.status_code == 200
    config = player_config(response)
    attempt = ScormAttempt.objects.get(member=member, module=module)
    assert config["resume"] == {
        "cmi.core.student_id": str(member.pk),
        "cmi.core.student_name": member.full_name,
        "cmi.core.entry": "ab-initio",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.total_time": "0000:00:00",
    }  # no lesson_status: handed back, "not attempted" would count as the SCO's own and block LMSFinish's
    assert config["sco"] == "i1"
    assert config["runtimeUrl"] == f"http://content.example.test/scorm-runtime/{package.folder}/?launch=index.html"
    assert config["contentOrigin"] == "http://content.example.test"
    assert attempt.number == 1
    assert 'sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads"' in (
        response.content.decode()
    )


def test_after_a_suspended_session_the_runtime_is_told_to_resume_with_the_saved_place(client):
    member, module, package = setup(package_12())
    client.force_login(member)
    attempt = ScormAttempt.objects.create(member=member, module=module, package=package)
    cmi = cmi_12("incomplete", location="page-7", raw="40", session_time="00:10:00")
    cmi["core"]["exit"] = "suspend"
    commit(attempt, module, 5, "i1", cmi, session="first")

    config = player_config(client.get(player_url(module, package)))

    assert config["sequence"] > 5  # a page opened later outnumbers every commit of the pages before it
    resume = config["resume"]
    assert resume["cmi.core.entry"] == "resume"
    assert resume["cmi.core.lesson_location"] == "page-7"
    assert resume["cmi.suspend_data"] == "x" * 4000
    assert resume["cmi.core.lesson_status"] == "incomplete"
    assert resume["cmi.core.score.raw"] == "40"
    assert resume["cmi.core.total_time"] == "0000:10:00"


def test_a_2004_package_gets_its_own_names_and_opens_the_first_sco_not_yet_done(client):
    member, module, package = setup(package_2004(), mastery_score=Decimal("80"))
    client.force_login(member)
    attempt = ScormAttempt.objects.create(member=member, module=module, package=package)
    commit(attempt, module, 1, "a", {"completion_status": "completed", "location": "end", "exit": "normal"})

    config = player_config(client.get(player_url(module, package)))
    assert config["sco"] == "b"  # "a" is done
    assert config["resume"]["cmi.learner_name"] == member.full_name
    assert config["resume"]["cmi.entry"] == "ab-initio"
    assert config["resume"]["cmi.scaled_passing_score"] == "0.8"

    chosen = player_config(client.get(player_url(module, package, sco="a")))
    assert chosen["sco"] == "a"
    assert chosen["resume"]["cmi.entry"] == ""  # returning after a normal exit is neither new nor a resume
    assert chosen["resume"]["cmi.location"] == "end"
    assert chosen["resume"]["cmi.completion_status"] == "completed"


def test_the_contents_and_previous_next_links_follow_the_manifest(client):
    member, module, package = setup(package_2004())
    client.force_login(member)
    client.get(player_url(module, package))
    attempt = ScormAttempt.objects.get(member=member)
    commit(attempt, module, 1, "c", {"completion_status": "completed"})

    html = client.get(player_url(module, package, sco="b")).content.decode()

    assert '<nav class="scorm-contents" aria-label="Contents of Arrest and court">' in html
    assert '<a href="?sco=b" aria-current="page"><strong>Court</strong></a>' in html
    assert 'rel="prev" href="?sco=a">Previous: Arrest</a>' in html
    assert 'rel="next" href="?sco=c">Next: Prison</a>' in html
    assert '<a href="?sco=c">Prison</a> <span class="scorm-done">(done)</span>' in html
    assert '<a href="?sco=a">Arrest</a></li>' in html  # not done yet


def test_a_member_not_enrolled_is_sent_back_to_the_module_and_nothing_is_created(client):
    _, module, package = setup(package_12())
    client.force_login(MemberFactory())

    response = client.get(player_url(module, package), follow=True)

    assert response.redirect_chain[0][0] == module.url  # (which sends them on to the course page to enrol)
    assert "Enrol on this course to take its packages." in response.content.decode()
    assert not ScormAttempt.objects.exists()


def test_a_package_not_placed_in_the_module_is_not_found(client):
    member, module, _ = setup(package_12())
    _, _, other = setup(package_2004())
    client.force_login(member)
    assert client.get(player_url(module, other)).status_code == 404


def test_opening_the_player_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    member, module, package = setup(package_2004())
    client.force_login(member)
    client.get(player_url(module, package))  # the attempt exists from here on
    with CaptureQueriesContext(connection) as first:
        client.get(player_url(module, package))
    attempt = ScormAttempt.objects.get(member=member)
    for number, sco in enumerate(["a", "b", "c"], start=1):
        commit(attempt, module, number, sco, {"completion_status": "incomplete", "location": "x" * 50})
    with CaptureQueriesContext(connection) as later:
        client.get(player_url(module, package))
    assert len(later) == len(first)
    assert len(first) == 8  # session, user, module, enrolment, package, attempts, menu, footer


@pytest.mark.parametrize(
    "version, stored, entry",
    [
        ("1.2", {}, "ab-initio"),
        ("1.2", {"core": {"exit": "suspend"}}, "resume"),
        ("1.2", {"core": {"exit": "logout"}}, ""),
        ("2004 3rd Edition", {}, "ab-initio"),
        ("2004 3rd Edition", {"exit": "suspend"}, "resume"),
        ("2004 3rd Edition", {"exit": "normal"}, ""),
    ],
)
def test_the_entry_follows_how_the_last_session_ended(version, stored, entry):
    values = resume_values(
        version=version, stored=stored, learner_id="7", learner_name="Sam", total_seconds=0, mastery_score=None
    )
    key = "cmi.core.entry" if version == "1.2" else "cmi.entry"
    assert values[key] == entry
