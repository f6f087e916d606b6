"""The runtime's rules on the server: what the manifest tells the runtime, the rollup of
an attempt over its SCOs, what resume hands back, and making a course of a package."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from courses.models import CoursePage, ModulePage
from scorm.models import ScormPackage
from scorm.packages import manifest_read
from scorm.runtime import attempt_rollup, resume_values, sco_state
from scorm.services import package_create, package_process
from tests.accounts.factories import MemberFactory
from tests.courses.factories import catalogue
from tests.scorm.builders import make_zip, manifest, package_2004

SEQUENCING = (
    '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="goal" satisfiedByMeasure="true">'
    "<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure></imsss:primaryObjective>"
    '<imsss:objective objectiveID="second-goal"/></imsss:objectives></imsss:sequencing>'
)


def test_the_manifest_gives_each_sco_its_kind_pass_marks_objectives_and_the_whole_tree():
    items_2004 = [
        {"identifier": "a", "parent": "Part one", "item_xml": SEQUENCING},
        {
            "identifier": "b",
            "parent": "Part one",
            "item_xml": '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.6"/>'
            "<adlcp:dataFromLMS>start=2</adlcp:dataFromLMS>",
        },
        {"identifier": "c", "kind": "asset"},
    ]
    files = {"a.html", "b.html", "c.html"}
    _, _, scos, outline = manifest_read(manifest("2004 4th Edition", items_2004).encode(), files)
    a, b, c = scos
    assert (a.scaled_passing_score, a.objectives) == ("0.75", ("goal", "second-goal"))
    assert (b.completion_threshold, b.launch_data) == ("0.6", "start=2")
    assert (a.kind, c.kind) == ("sco", "asset")
    assert [(i.title, i.depth, i.launchable) for i in outline] == [
        ("Part one", 0, False),
        ("a", 1, True),
        ("b", 1, True),
        ("c", 0, True),
    ]
    items_12 = [{"identifier": "a", "item_xml": "<adlcp:masteryscore>80</adlcp:masteryscore>"}]
    (only,) = manifest_read(manifest("1.2", items_12).encode(), {"a.html"})[2]
    assert only.mastery_score == "80"


def test_2004_status_is_judged_from_the_data_model_against_the_manifests_marks():
    sco = {"completion_threshold": "0.6", "scaled_passing_score": "0.75"}
    state = sco_state(
        {"completion_status": "incomplete", "progress_measure": "0.7", "score": {"scaled": "0.7"}}, sco=sco
    )
    assert (state["completion"], state["success"]) == ("completed", "failed")
    state = sco_state({"progress_measure": "0.5", "success_status": "failed", "score": {"scaled": "0.8"}}, sco=sco)
    assert (state["completion"], state["success"]) == ("incomplete", "passed")


SCOS = [{"identifier": "a"}, {"identifier": "b"}]


def rollup(states: dict, rule: str = "completed", **kwargs: object):
    return attempt_rollup(scos=SCOS, states=states, rule=rule, **kwargs)  # type: ignore[arg-type]


def test_the_attempt_rolls_up_every_sco_never_the_last_commit():
    passed = {"completion": "completed", "success": "passed", "score_raw": "90", "score_scaled": "0.9"}
    failed = {"completion": "completed", "success": "failed", "score_raw": "40", "score_scaled": "0.4"}
    assert rollup({}).completion == "not attempted"
    assert rollup({"a": passed}).completion == "incomplete"  # b not yet done
    both = rollup({"a": failed, "b": passed}, "passed")
    assert (both.completion, both.success, both.score_raw, both.met) == ("completed", "failed", Decimal("65"), False)
    assert rollup({"a": failed, "b": passed}, "completed").met  # a failed SCO is still completed
    assert rollup({"a": passed, "b": passed}, "passed").met
    opened = {"completion": "not attempted", "success": "unknown"}
    assert rollup({"a": opened}).completion == "incomplete"  # opened counts as started


def test_passed_by_average_and_the_designated_sco():
    high = {"completion": "completed", "success": "failed", "score_raw": "90", "score_scaled": "0.9"}
    low = {"completion": "completed", "success": "unknown", "score_raw": "50", "score_scaled": "0.5"}
    average = rollup({"a": high, "b": low}, "passed_by_average", mastery_score=Decimal(70))
    assert (average.success, average.score_scaled, average.met) == ("passed", Decimal("0.7"), True)
    assert not rollup({"a": high, "b": low}, "passed_by_average", mastery_score=Decimal(80)).met
    designated = rollup({"b": low}, "designated_sco", designated_sco="b")
    assert (designated.completion, designated.met) == ("completed", True)
    assert not rollup({"a": high}, "designated_sco", designated_sco="a").met  # the designated SCO failed


def test_resume_hands_back_interactions_and_objectives_and_the_manifests_marks():
    stored = {
        "completion_status": "incomplete",
        "exit": "suspend",
        "interactions": {"1": {"id": "q1", "result": "wrong"}, "0": {"id": "q0", "result": "correct", "_count": "2"}},
        "objectives": {"0": {"id": "goal", "success_status": "passed"}},
    }
    values = resume_values(
        version="2004 4th Edition",
        stored=stored,
        learner_id="7",
        learner_name="Sam",
        total_seconds=61,
        mastery_score=None,
        sco={"completion_threshold": "0.6", "scaled_passing_score": "0.75", "launch_data": "start=2"},
    )
    names = [key for key in values if key.startswith("cmi.interactions.")]
    assert names == [
        "cmi.interactions.0.id",
        "cmi.interactions.0.result",
        "cmi.interactions.1.id",
        "cmi.interactions.1.result",
    ]
    assert values["cmi.objectives.0.success_status"] == "passed"
    assert (values["cmi.completion_threshold"], values["cmi.scaled_passing_score"]) == ("0.6", "0.75")
    assert (values["cmi.launch_data"], values["cmi.entry"]) == ("start=2", "resume")
    first = resume_values(
        version="2004 4th Edition",
        stored={},
        learner_id="7",
        learner_name="Sam",
        total_seconds=0,
        mastery_score=Decimal(80),
        sco={"objectives": ["goal"], "scaled_passing_score": "0.75"},
    )
    assert (first["cmi.objectives.0.id"], first["cmi.scaled_passing_score"]) == ("goal", "0.8")  # the block's mark wins


@pytest.mark.django_db
def test_import_scorm_with_course_makes_a_draft_course_holding_the_package(tmp_path, capsys):
    catalogue()
    path = tmp_path / "court.zip"
    path.write_bytes(package_2004())

    call_command("import_scorm", str(path), "--course", "Going to court")

    course = CoursePage.objects.get(title="Going to court")
    (module,) = ModulePage.objects.child_of(course)
    package = ScormPackage.objects.get()
    assert (course.live, module.live) == (False, False)
    assert module.get_latest_revision() is not None  # a draft to review and publish
    assert [(block.block_type, block.value["package"].pk) for block in module.body] == [("scorm", package.pk)]
    assert "Course (draft" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_refused_package_makes_no_course(tmp_path):
    catalogue()
    path = tmp_path / "bad.zip"
    path.write_bytes(make_zip({"index.html": "no manifest"}))
    with pytest.raises(Exception, match=r"imsmanifest\.xml"):
        call_command("import_scorm", str(path), "--course", "Nothing")
    assert not CoursePage.objects.filter(title="Nothing").exists()


@pytest.mark.django_db
def test_a_trainer_makes_a_course_of_an_uploaded_package_in_the_cms(client):
    catalogue()
    package = package_process(package_create(upload=ContentFile(package_2004(), name="c.zip")).pk)
    url = reverse("scorm_admin:course_create", args=[package.pk])
    client.force_login(MemberFactory())
    assert client.get(url).status_code in {302, 403}  # a learner may not
    client.force_login(MemberFactory(role="trainer"))
    assert b"Make a course" in client.get(reverse("wagtailsnippets_scorm_scormpackage:list")).content

    response = client.post(url, {"title": "Arrest and court, from our old LMS"})

    course = CoursePage.objects.get(title="Arrest and court, from our old LMS")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_explore", args=[course.pk])
    (module,) = ModulePage.objects.child_of(course)
    assert module.body[0].value["package"] == package
