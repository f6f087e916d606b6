"""Reading SCORM 2004 sequencing from the manifest into scorm-again's activity tree."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import ModuleProgress
from courses.services import enrolment_create
from scorm.models import ScormGlobalObjective, ScormPackage
from scorm.packages import PackageError, package_inspect
from scorm.runtime import global_objectives_written
from scorm.selectors import package_report, scorm_placements
from scorm.sequencing import global_objectives_mapped
from scorm.services import attempt_commit, attempt_current, package_create, package_process, player_launch
from tests.accounts.factories import MemberFactory
from tests.courses.factories import course_trainer
from tests.scorm.builders import make_zip, package_12, package_2004
from tests.scorm.test_attempts import setup

NAMESPACES = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
    'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
    'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"'
)


def sequenced_package(
    items: dict[str, str], *, organization: str = "", collection: str = "", attributes: str = ""
) -> bytes:
    """A 4th Edition package whose organization (with `attributes`) holds one item per entry of
    `items` (identifier → the XML inside the item after its title), each launching `<identifier>.html`."""
    body = "".join(
        f'<item identifier="{identifier}" identifierref="r-{identifier}"><title>Title {identifier}</title>{xml}</item>'
        for identifier, xml in items.items()
    )
    resources = "".join(
        f'<resource identifier="r-{identifier}" type="webcontent" adlcp:scormType="sco" href="{identifier}.html"/>'
        for identifier in items
    )
    manifest = (
        f'<?xml version="1.0"?><manifest identifier="m" version="1" {NAMESPACES}>'
        "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
        f'<organizations default="o"><organization identifier="o"{attributes}><title>Course</title>{body}{organization}'
        f"</organization></organizations><resources>{resources}</resources>"
        f"{collection}</manifest>"
    )
    return make_zip({"imsmanifest.xml": manifest, **{f"{identifier}.html": "x" for identifier in items}})


def tree(data: bytes) -> dict:
    return package_inspect(io.BytesIO(data)).sequencing["activityTree"]


def refused(data: bytes) -> str:
    with pytest.raises(PackageError) as caught:
        package_inspect(io.BytesIO(data))
    return str(caught.value)


FORCED_SEQUENTIAL = """<imsss:sequencing>
  <imsss:controlMode choice="false" flow="true" forwardOnly="true" choiceExit="false"/>
  <imsss:rollupRules rollupObjectiveSatisfied="true" objectiveMeasureWeight="0.5">
    <imsss:rollupRule childActivitySet="atLeastPercent" minimumPercent="0.75">
      <imsss:rollupConditions><imsss:rollupCondition condition="satisfied"/></imsss:rollupConditions>
      <imsss:rollupAction action="satisfied"/>
    </imsss:rollupRule>
    <imsss:rollupRule childActivitySet="any">
      <imsss:rollupConditions conditionCombination="all">
        <imsss:rollupCondition operator="not" condition="activityProgressKnown"/></imsss:rollupConditions>
      <imsss:rollupAction action="incomplete"/>
    </imsss:rollupRule>
  </imsss:rollupRules>
</imsss:sequencing>"""


def test_the_organization_is_the_root_activity_with_its_control_modes_and_rollup_rules():
    root = tree(sequenced_package({"a": "", "b": ""}, organization=FORCED_SEQUENTIAL))

    assert (root["id"], root["title"]) == ("o", "Course")
    assert [(child["id"], child["title"]) for child in root["children"]] == [("a", "Title a"), ("b", "Title b")]
    assert root["sequencingControls"] == {
        "choice": False,
        "choiceExit": False,
        "flow": True,
        "forwardOnly": True,
        "rollupObjectiveSatisfied": True,
        "objectiveMeasureWeight": 0.5,
    }
    assert root["rollupRules"]["rules"] == [
        {
            "action": "satisfied",
            "consideration": "atLeastPercent",
            "conditionCombination": "any",
            "minimumPercent": 0.75,
            "conditions": [{"condition": "satisfied"}],
        },
        {
            "action": "incomplete",
            "consideration": "any",
            "conditionCombination": "all",
            "conditions": [{"condition": "progressKnown", "operator": "not"}],
        },
    ]


REMEDIATION_TEST = """<imsss:sequencing>
  <imsss:sequencingRules>
    <imsss:preConditionRule>
      <imsss:ruleConditions conditionCombination="any">
        <imsss:ruleCondition referencedObjective="lesson-met" condition="satisfied"/>
        <imsss:ruleCondition operator="not" condition="attempted"/>
      </imsss:ruleConditions>
      <imsss:ruleAction action="disabled"/>
    </imsss:preConditionRule>
    <imsss:exitConditionRule>
      <imsss:ruleConditions><imsss:ruleCondition condition="completed"/></imsss:ruleConditions>
      <imsss:ruleAction action="exit"/>
    </imsss:exitConditionRule>
    <imsss:postConditionRule>
      <imsss:ruleConditions><imsss:ruleCondition condition="objectiveMeasureLessThan" measureThreshold="0.6"/>
      </imsss:ruleConditions>
      <imsss:ruleAction action="retry"/>
    </imsss:postConditionRule>
  </imsss:sequencingRules>
  <imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H30M"/>
  <imsss:objectives>
    <imsss:primaryObjective objectiveID="test-passed" satisfiedByMeasure="true">
      <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
      <imsss:mapInfo targetObjectiveID="g-course" writeSatisfiedStatus="true" readSatisfiedStatus="false"/>
    </imsss:primaryObjective>
    <imsss:objective objectiveID="lesson-met">
      <imsss:mapInfo targetObjectiveID="g-lesson" readSatisfiedStatus="true"/>
    </imsss:objective>
  </imsss:objectives>
  <imsss:randomizationControls selectCount="2" selectionTiming="onEachNewAttempt" reorderChildren="true"
      randomizationTiming="once"/>
  <imsss:deliveryControls tracked="true" completionSetByContent="true" objectiveSetByContent="false"/>
  <adlseq:constrainedChoiceConsiderations preventActivation="true" constrainChoice="false"/>
  <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" measureSatisfactionIfActive="false"/>
  <adlseq:objectives>
    <adlseq:objective objectiveID="lesson-met">
      <adlseq:mapInfo targetObjectiveID="g-lesson" readRawScore="true" writeCompletionStatus="true"/>
    </adlseq:objective>
  </adlseq:objectives>
</imsss:sequencing>
<adlnav:presentation><adlnav:navigationInterface>
  <adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
</adlnav:navigationInterface></adlnav:presentation>
<adlcp:data><adlcp:map targetID="notes" readSharedData="true" writeSharedData="false"/></adlcp:data>"""


def test_an_item_keeps_every_part_of_its_sequencing():
    (test,) = tree(sequenced_package({"test": REMEDIATION_TEST}))["children"]

    assert test["sequencingRules"] == {
        "preConditionRules": [
            {
                "action": "disabled",
                "conditionCombination": "any",
                "conditions": [
                    {"condition": "satisfied", "referencedObjective": "lesson-met"},
                    {"condition": "attempted", "operator": "not"},
                ],
            }
        ],
        "exitConditionRules": [
            {"action": "exit", "conditionCombination": "all", "conditions": [{"condition": "completed"}]}
        ],
        "postConditionRules": [
            {
                "action": "retry",
                "conditionCombination": "all",
                "conditions": [{"condition": "objectiveMeasureLessThan", "parameters": {"threshold": 0.6}}],
            }
        ],
    }
    assert (test["attemptLimit"], test["attemptAbsoluteDurationLimit"]) == (3, "PT1H30M")
    assert test["primaryObjective"] == {
        "objectiveID": "test-passed",
        "isPrimary": True,
        "satisfiedByMeasure": True,
        "minNormalizedMeasure": 0.8,
        "mapInfo": [{"targetObjectiveID": "g-course", "writeSatisfiedStatus": True, "readSatisfiedStatus": False}],
    }
    assert test["objectives"] == [
        {
            "objectiveID": "lesson-met",
            "isPrimary": False,
            "mapInfo": [
                {
                    "targetObjectiveID": "g-lesson",
                    "readSatisfiedStatus": True,
                    "readRawScore": True,
                    "writeCompletionStatus": True,
                }
            ],
        }
    ]
    assert test["sequencingControls"] == {
        "randomizationTiming": "once",
        "selectionTiming": "onEachNewAttempt",
        "randomizeChildren": True,
        "selectCount": 2,
        "preventActivation": True,
        "constrainChoice": False,
    }
    assert test["deliveryControls"] == {"tracked": True, "completionSetByContent": True, "objectiveSetByContent": False}
    assert test["rollupConsiderations"] == {"requiredForSatisfied": "ifAttempted", "measureSatisfactionIfActive": False}
    assert test["hideLmsUi"] == ["continue", "previous"]
    assert test["sharedDataMaps"] == [{"targetID": "notes", "readSharedData": True, "writeSharedData": False}]


def test_the_4th_editions_completion_maps_onto_the_primary_objective_as_onto_any_other():
    # As Rustici's "Post Test Rollup 4th Edition" sample does: each lesson's completion is
    # written to a global objective through its primary objective.
    lesson = """<imsss:sequencing>
  <imsss:objectives><imsss:primaryObjective objectiveID="playing-completed"/></imsss:objectives>
  <adlseq:objectives><adlseq:objective objectiveID="playing-completed">
    <adlseq:mapInfo targetObjectiveID="g-playing" readCompletionStatus="true" writeCompletionStatus="true"/>
  </adlseq:objective></adlseq:objectives>
</imsss:sequencing>"""
    (item,) = tree(sequenced_package({"lesson": lesson}))["children"]

    assert item["primaryObjective"]["mapInfo"] == [
        {"targetObjectiveID": "g-playing", "readCompletionStatus": True, "writeCompletionStatus": True}
    ]


def test_adlseq_objectives_naming_an_undeclared_objective_are_refused():
    lesson = """<imsss:sequencing>
  <imsss:objectives><imsss:primaryObjective objectiveID="declared"/></imsss:objectives>
  <adlseq:objectives><adlseq:objective objectiveID="nowhere">
    <adlseq:mapInfo targetObjectiveID="g" readCompletionStatus="true"/>
  </adlseq:objective></adlseq:objectives>
</imsss:sequencing>"""
    assert "adlseq:objectives names “nowhere”, which imsss:objectives does not declare" in refused(
        sequenced_package({"lesson": lesson})
    )


COLLECTION = """<imsss:sequencingCollection>
  <imsss:sequencing ID="seq-lesson">
    <imsss:controlMode choice="false" flow="true"/>
    <imsss:limitConditions attemptLimit="1"/>
  </imsss:sequencing>
</imsss:sequencingCollection>"""


def test_an_idref_takes_the_collection_entry_and_the_item_own_elements_win():
    lesson, other = tree(
        sequenced_package(
            {
                "lesson": '<imsss:sequencing IDRef="seq-lesson"/>',
                "other": '<imsss:sequencing IDRef="seq-lesson"><imsss:limitConditions attemptLimit="4"/>'
                "</imsss:sequencing>",
            },
            collection=COLLECTION,
        )
    )["children"]

    assert (lesson["sequencingControls"], lesson["attemptLimit"]) == ({"choice": False, "flow": True}, 1)
    assert (other["sequencingControls"], other["attemptLimit"]) == ({"choice": False, "flow": True}, 4)


def test_a_package_without_any_sequencing_keeps_none_and_plays_as_before():
    assert package_inspect(io.BytesIO(package_12())).sequencing == {}
    assert package_inspect(io.BytesIO(package_2004())).sequencing == {}
    assert package_inspect(io.BytesIO(sequenced_package({"a": "", "b": ""}))).sequencing == {}
    # Objectives alone give the runtime its passing score; they navigate nothing.
    scored = (
        '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">'
        "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>"
        "</imsss:sequencing>"
    )
    assert package_inspect(io.BytesIO(sequenced_package({"a": scored}))).sequencing == {}
    mapped = scored.replace(
        "</imsss:minNormalizedMeasure>", '</imsss:minNormalizedMeasure><imsss:mapInfo targetObjectiveID="g"/>'
    )
    assert package_inspect(io.BytesIO(sequenced_package({"a": mapped}))).sequencing != {}


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        ('<imsss:sequencing><imsss:controlMode choice="maybe"/></imsss:sequencing>', "controlMode choice=“maybe”"),
        (
            "<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="passed"/></imsss:ruleConditions><imsss:ruleAction action="skip"/>'
            "</imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>",
            "the rule condition “passed” is not one of",
        ),
        (
            "<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="retry"/>'
            "</imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>",
            "the preConditionRule action “retry”",
        ),
        (
            "<imsss:sequencing><imsss:sequencingRules><imsss:postConditionRule>"
            '<imsss:ruleAction action="retry"/></imsss:postConditionRule></imsss:sequencingRules></imsss:sequencing>',
            "a postConditionRule needs ruleConditions and a ruleAction",
        ),
        ('<imsss:sequencing><imsss:limitConditions attemptLimit="-1"/></imsss:sequencing>', "attemptLimit “-1”"),
        (
            '<imsss:sequencing><imsss:limitConditions attemptAbsoluteDurationLimit="90 minutes"/></imsss:sequencing>',
            "is not a duration",
        ),
        (
            "<imsss:sequencing><imsss:objectives><imsss:primaryObjective><imsss:minNormalizedMeasure>1.5"
            "</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing>",
            "minNormalizedMeasure 1.5 is outside -1 to 1",
        ),
        (
            '<imsss:sequencing><imsss:objectives><imsss:objective objectiveID="x"/></imsss:objectives>'
            "</imsss:sequencing>",
            "exactly one primaryObjective",
        ),
        (
            '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p"><imsss:mapInfo/>'
            "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>",
            "no targetObjectiveID",
        ),
        (
            "<imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions>"
            '<imsss:ruleCondition condition="satisfied" referencedObjective="nowhere"/></imsss:ruleConditions>'
            '<imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing>',
            "refers to the objective “nowhere”",
        ),
        ('<imsss:sequencing IDRef="missing"/>', "IDRef “missing” names no entry"),
        (
            "<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>everything</adlnav:hideLMSUI>"
            "</adlnav:navigationInterface></adlnav:presentation>",
            "adlnav:hideLMSUI “everything”",
        ),
    ],
)
def test_malformed_sequencing_is_refused_naming_the_item(xml, problem):
    reason = refused(sequenced_package({"ok": "", "quiz": xml}))

    assert reason.startswith("The sequencing of the item “Title quiz” (quiz) is malformed: ")
    assert problem in reason


def test_a_malformed_collection_entry_is_named():
    reason = refused(
        sequenced_package(
            {"a": ""},
            collection='<imsss:sequencingCollection><imsss:sequencing ID="shared"><imsss:controlMode flow="yes"/>'
            "</imsss:sequencing></imsss:sequencingCollection>",
        )
    )

    assert reason == (
        "The sequencing of the sequencing collection entry “shared” is malformed: "
        "controlMode flow=“yes” is not true or false."
    )


@pytest.mark.django_db
def test_the_package_stores_its_activity_tree_and_a_malformed_one_fails_with_the_reason():
    good = package_process(
        package_create(
            upload=ContentFile(sequenced_package({"a": ""}, organization=FORCED_SEQUENTIAL), name="g.zip")
        ).pk
    )
    bad = package_process(
        package_create(
            upload=ContentFile(
                sequenced_package({"a": '<imsss:sequencing><imsss:controlMode flow="often"/></imsss:sequencing>'}),
                name="b.zip",
            )
        ).pk
    )

    good.refresh_from_db()
    assert good.status == ScormPackage.Status.READY
    assert good.sequencing["activityTree"]["sequencingControls"]["forwardOnly"] is True
    assert bad.status == ScormPackage.Status.FAILED
    assert bad.failure_reason == (
        "The sequencing of the item “Title a” (a) is malformed: controlMode flow=“often” is not true or false."
    )


def engine_state(root: dict, *, current: str = "test", suspended: str | None = None) -> str:
    """What scorm-again's serializeSequencingState() gives, reduced to what the server reads."""
    return json.dumps(
        {"sequencing": {"currentActivity": current, "suspendedActivity": suspended, "activityStates": {"o": root}}}
    )


def sequenced_commit(attempt, module, sequence: int, sco: str, state: str, **cmi) -> None:
    (placement,) = scorm_placements(module)
    attempt_commit(
        attempt_id=attempt.pk,
        member=attempt.member,
        sequence=sequence,
        sco=sco,
        session="s1",
        cmi={"completion_status": "completed", "success_status": "passed", **cmi},
        placement=placement,
        sequencing_state=state,
    )


@pytest.mark.django_db
def test_a_sequenced_package_completes_the_module_when_its_root_activity_is_satisfied_not_before():
    member, module, _package = setup(
        sequenced_package({"lesson": "", "test": ""}, organization=FORCED_SEQUENTIAL), completion_rule="passed"
    )
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])

    # Every SCO says passed, but the manifest's rollup has not satisfied the course.
    not_yet = engine_state({"completionStatus": "incomplete", "successStatus": "unknown"})
    sequenced_commit(attempt, module, 1, "lesson", not_yet)
    sequenced_commit(attempt, module, 2, "test", not_yet)
    attempt.refresh_from_db()
    assert (attempt.completion_status, attempt.success_status, attempt.completed_at) == ("incomplete", "unknown", None)
    assert not ModuleProgress.objects.filter(module=module, completed_at__isnull=False).exists()

    satisfied = engine_state(
        {
            "completionStatus": "completed",
            "successStatus": "passed",
            "objectiveMeasureStatus": True,
            "objectiveNormalizedMeasure": 0.9,
        }
    )
    sequenced_commit(attempt, module, 3, "test", satisfied)
    attempt.refresh_from_db()
    assert (attempt.completion_status, attempt.success_status, attempt.score_scaled) == (
        "completed",
        "passed",
        Decimal("0.9"),
    )
    assert attempt.completed_at is not None
    assert ModuleProgress.objects.get(module=module, enrolment__member=member).completed_at is not None
    assert attempt.sequencing_state == satisfied


@pytest.mark.django_db
def test_the_player_opens_on_the_activity_the_engine_suspended_and_a_stale_state_is_not_kept():
    member, module, _package = setup(sequenced_package({"a": "", "b": "", "c": ""}, organization=FORCED_SEQUENTIAL))
    placement = scorm_placements(module)[0]
    attempt = attempt_current(member=member, module=module, placement=placement)
    suspended = engine_state({"completionStatus": "incomplete"}, current="", suspended="b")
    sequenced_commit(attempt, module, 5, "b", suspended)
    sequenced_commit(attempt, module, 4, "a", engine_state({}, current="a"))  # older: another SCO's late commit

    attempt.refresh_from_db()
    assert attempt.sequencing_state == suspended
    launch = player_launch(member=member, module=module, placement=placement)
    assert launch.sco["identifier"] == "b"


@pytest.mark.django_db
def test_the_report_shows_each_attempts_activity_tree_with_status_attempts_and_objectives(client):
    member, module, package = setup(sequenced_package({"lesson": "", "test": ""}, organization=FORCED_SEQUENTIAL))
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    state = json.dumps(
        {
            "sequencing": {
                "currentActivity": "test",
                "activityStates": {
                    "o": {"completionStatus": "incomplete", "successStatus": "unknown", "attemptCount": 1},
                    "lesson": {"completionStatus": "completed", "successStatus": "unknown", "attemptCount": 2},
                    "test": {
                        "completionStatus": "completed",
                        "successStatus": "failed",
                        "attemptCount": 3,
                        "objectives": {
                            "objectives": [
                                {
                                    "id": "passed",
                                    "satisfiedStatus": False,
                                    "measureStatus": True,
                                    "normalizedMeasure": 0.5,
                                }
                            ]
                        },
                    },
                },
            }
        }
    )
    sequenced_commit(attempt, module, 1, "test", state)

    (row,) = package_report(package)

    assert [(a.title, a.depth, a.completion, a.success, a.attempts, a.objectives) for a in row.activities] == [
        ("Course", 0, "incomplete", "unknown", 1, []),
        ("Title lesson", 1, "completed", "unknown", 2, []),
        ("Title test", 1, "completed", "failed", 3, ["passed: not satisfied, measure 0.5"]),
    ]
    # The same tree as a CSV, one row per activity, for the trainers of the course only.
    client.force_login(course_trainer(module.get_parent().specific))
    response = client.get(reverse("scorm_admin:report_activities_csv", args=[package.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][3:] == ["Attempt", "Activity", "Depth", "Completion", "Success", "Attempts", "Objectives"]
    assert [row[3:] for row in rows[1:]] == [
        ["1", "Course", "0", "incomplete", "unknown", "1", ""],
        ["1", "Title lesson", "1", "completed", "unknown", "2", ""],
        ["1", "Title test", "1", "completed", "failed", "3", "passed: not satisfied, measure 0.5"],
    ]
    client.force_login(MemberFactory(role="trainer"))  # a trainer who does not run the course
    other = client.get(reverse("scorm_admin:report_activities_csv", args=[package.pk]))
    assert list(csv.reader(io.StringIO(other.content.decode())))[1:] == []


@pytest.mark.django_db
def test_the_upload_form_refuses_malformed_sequencing_naming_the_item_and_saves_nothing(client):
    client.force_login(MemberFactory(role="trainer"))
    data = sequenced_package(
        {"a": "", "quiz": '<imsss:sequencing><imsss:controlMode flow="sometimes"/></imsss:sequencing>'}
    )

    response = client.post(
        reverse("wagtailsnippets_scorm_scormpackage:add"),
        {"upload": SimpleUploadedFile("seq.zip", data, content_type="application/zip")},
    )

    assert response.status_code == 200
    assert (
        "The sequencing of the item “Title quiz” (quiz) is malformed: "
        "controlMode flow=“sometimes” is not true or false." in response.content.decode()
    )
    assert not ScormPackage.objects.exists()


GLOBAL = "urn:ihop:court-basics"


def mapped(flags: str) -> str:
    """An item whose primary objective maps the global objective GLOBAL with `flags`."""
    return (
        '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p">'
        f'<imsss:mapInfo targetObjectiveID="{GLOBAL}" {flags}/></imsss:primaryObjective></imsss:objectives>'
        "</imsss:sequencing>"
    )


def with_globals(globals_: dict) -> str:
    """An engine state whose global objective map is `globals_`."""
    return json.dumps({"sequencing": {"activityStates": {}}, "globalObjectiveMap": globals_})


@pytest.mark.django_db
def test_global_objectives_are_kept_per_learner_from_the_package_that_writes_them_for_every_package_mapping_them():
    member, writer_module, _writer = setup(
        sequenced_package({"test": mapped('writeSatisfiedStatus="true" writeNormalizedMeasure="true"')})
    )
    _, reader_module, _reader = setup(sequenced_package({"recap": mapped("")}))
    enrolment_create(member=member, course=reader_module.get_parent().specific)
    writer_attempt = attempt_current(member=member, module=writer_module, placement=scorm_placements(writer_module)[0])
    passed = {
        "id": GLOBAL,
        "satisfiedStatus": True,
        "satisfiedStatusKnown": True,
        "normalizedMeasure": 0.9,
        "normalizedMeasureKnown": True,
        "completionStatus": "completed",  # not written: the package has no writeCompletionStatus
        "completionStatusKnown": True,
    }
    sequenced_commit(writer_attempt, writer_module, 1, "test", with_globals({GLOBAL: passed}))

    # The other package maps the same objective: its player is handed the writer's values.
    launch = player_launch(member=member, module=reader_module, placement=scorm_placements(reader_module)[0])
    assert launch.global_objectives == {
        GLOBAL: {
            "id": GLOBAL,
            "satisfiedStatus": True,
            "satisfiedStatusKnown": True,
            "normalizedMeasure": 0.9,
            "normalizedMeasureKnown": True,
        }
    }
    # A package that only reads the objective never overwrites it with its own, older copy.
    reader_attempt = launch.attempt
    unknown = {**passed, "satisfiedStatus": False, "satisfiedStatusKnown": False}
    sequenced_commit(reader_attempt, reader_module, 2, "recap", with_globals({GLOBAL: unknown}))
    again = player_launch(member=member, module=writer_module, placement=scorm_placements(writer_module)[0])
    assert again.global_objectives[GLOBAL]["satisfiedStatus"] is True
    # Another learner has none of them.
    other = MemberFactory()
    enrolment_create(member=other, course=reader_module.get_parent().specific)
    assert (
        player_launch(
            member=other, module=reader_module, placement=scorm_placements(reader_module)[0]
        ).global_objectives
        == {}
    )


def test_only_well_formed_fields_the_package_writes_are_taken_from_the_engine_state():
    state = json.dumps(
        {
            "globalObjectiveMap": {
                "w": {
                    "satisfiedStatus": True,
                    "satisfiedStatusKnown": "yes",
                    "normalizedMeasure": float("nan"),
                    "normalizedMeasureKnown": True,
                    "rawScore": "7",
                    "rawScoreKnown": True,
                },
                "r": {"satisfiedStatus": True, "satisfiedStatusKnown": True},
            }
        }
    )
    writes = {"w": {"satisfiedStatus", "normalizedMeasure", "rawScore"}, "r": set()}
    assert global_objectives_written(state=state, writes=writes) == {"w": {"rawScore": "7", "rawScoreKnown": True}}
    assert global_objectives_written(state="not json", writes=writes) == {}


@pytest.mark.django_db
def test_the_player_hands_a_fresh_start_beside_the_stored_cmi_and_the_activity_attempt_it_belongs_to():
    member, module, _package = setup(sequenced_package({"test": "", "wrap": ""}, organization=FORCED_SEQUENTIAL))
    placement = scorm_placements(module)[0]
    attempt = attempt_current(member=member, module=module, placement=placement)
    attempt_commit(
        attempt_id=attempt.pk,
        member=member,
        sequence=1,
        sco="test",
        session="s1",
        cmi={"exit": "suspend", "suspend_data": "answered 0.5", "success_status": "failed"},
        placement=placement,
        sequencing_state=engine_state({}, current="test"),
        activity_attempt=1,
    )

    launch = player_launch(member=member, module=module, placement=placement, sco_identifier="test")
    # The frame resumes with the stored CMI while the engine stays in attempt 1, and starts afresh on a newer one.
    assert launch.resume_attempt == 1
    assert (launch.resume["cmi.entry"], launch.resume["cmi.suspend_data"]) == ("resume", "answered 0.5")
    assert launch.fresh["cmi.entry"] == "ab-initio"
    assert launch.fresh["cmi.success_status"] == "unknown"
    assert "cmi.suspend_data" not in launch.fresh


def test_objectives_kept_to_the_package_are_not_shared_with_other_packages():
    def inspected(scope: str) -> dict:
        data = sequenced_package(
            {"test": mapped('writeSatisfiedStatus="true"')}, attributes=f' adlseq:objectivesGlobalToSystem="{scope}"'
        )
        return package_inspect(io.BytesIO(data)).sequencing

    assert global_objectives_mapped(inspected("true")) == {GLOBAL: {"satisfiedStatus"}}
    assert global_objectives_mapped(inspected("false")) == {}
    with pytest.raises(PackageError, match="objectivesGlobalToSystem=“often” is not true or false"):
        inspected("often")


@pytest.mark.django_db
def test_a_global_objective_id_longer_than_the_server_keeps_stays_within_the_package():
    long_id = "urn:" + "x" * 1000
    item = mapped('writeSatisfiedStatus="true"').replace(GLOBAL, long_id)
    member, module, _package = setup(sequenced_package({"test": item}))
    attempt = attempt_current(member=member, module=module, placement=scorm_placements(module)[0])
    written = {long_id: {"satisfiedStatus": True, "satisfiedStatusKnown": True}}
    sequenced_commit(attempt, module, 1, "test", with_globals(written))

    attempt.refresh_from_db()
    assert attempt.sequencing_state == with_globals(written)  # the commit is stored
    assert not ScormGlobalObjective.objects.exists()
