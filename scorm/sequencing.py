"""SCORM 2004 sequencing read from the manifest: a pure function over the parsed XML.

The result is the `sequencing` setting of scorm-again's Scorm2004API (its
`SequencingSettings`: an activity tree whose root is the organization), so the
browser hands it to the engine as stored and the engine, not this module,
decides what is delivered. This module only reads and checks: every token,
boolean and number the IMS Simple Sequencing and ADL schemas allow is
translated, and anything else is refused with a message naming the item,
because an engine fed a rule it cannot read silently ignores it (the learner
would then open a test before its lesson).

`imsss:sequencingCollection` entries are resolved here (the item's own
elements win over the referenced collection's, element by element, as the
CAM says), so the stored tree needs nothing else to be read.
"""

import copy
import re
from typing import Any
from xml.etree.ElementTree import Element

NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"

RULE_CONDITIONS = {
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "objectiveMeasureGreaterThan",
    "objectiveMeasureLessThan",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
    "always",
}
PRE_ACTIONS = {"skip", "disabled", "hiddenFromChoice", "stopForwardTraversal"}
EXIT_ACTIONS = {"exit"}
POST_ACTIONS = {"exitParent", "exitAll", "retry", "retryAll", "continue", "previous"}
ROLLUP_CONDITIONS = {
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
}
# scorm-again names one rollup condition differently from the schema.
ROLLUP_CONDITION_NAMES = {"activityProgressKnown": "progressKnown"}
ROLLUP_ACTIONS = {"satisfied", "notSatisfied", "completed", "incomplete"}
CHILD_ACTIVITY_SETS = {"all", "any", "none", "atLeastCount", "atLeastPercent"}
ROLLUP_REQUIREMENTS = {"always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"}
TIMINGS = {"never", "once", "onEachNewAttempt"}
HIDE_LMS_UI = {"continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"}
_DURATION = re.compile(r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$")


class SequencingError(ValueError):
    """The manifest's sequencing cannot be read; the message names the item."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next(iter(_children(element, name)), None)


class _Reader:
    """Reads one activity's sequencing; every refusal names the activity."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, problem: str) -> SequencingError:
        return SequencingError(f"The sequencing of {self.where} is malformed: {problem}.")

    def boolean(self, element: Element, name: str, into: dict[str, Any], key: str | None = None) -> None:
        value = element.get(name)
        if value is None:
            return
        value = value.strip()
        if value not in {"true", "false", "1", "0"}:
            raise self.fail(f"{_local(element.tag)} {name}=“{value}” is not true or false")
        into[key or name] = value in {"true", "1"}

    def number(self, text: str, what: str, *, low: float, high: float) -> float:
        try:
            number = float(text)
        except ValueError:
            raise self.fail(f"{what} “{text}” is not a number") from None
        if not low <= number <= high:
            raise self.fail(f"{what} {text} is outside {low:g} to {high:g}")
        return number

    def token(self, value: str | None, allowed: set[str], what: str, default: str | None = None) -> str:
        value = (value or "").strip() or default
        if value is None or value not in allowed:
            raise self.fail(f"{what} “{value or ''}” is not one of {', '.join(sorted(allowed))}")
        return value

    def duration(self, value: str, what: str) -> str:
        if not _DURATION.match(value.strip()):
            raise self.fail(f"{what} “{value}” is not a duration such as PT1H30M")
        return value.strip()

    # --- the parts of <imsss:sequencing> --------------------------------------

    def controls(self, element: Element) -> dict[str, Any]:
        controls: dict[str, Any] = {}
        for name in ("choice", "choiceExit", "flow", "forwardOnly"):
            self.boolean(element, name, controls)
        for name in ("useCurrentAttemptObjectiveInfo", "useCurrentAttemptProgressInfo"):
            self.boolean(element, name, controls)
        return controls

    def rules(self, element: Element, kind: str, actions: set[str]) -> list[dict[str, Any]]:
        rules = []
        for rule in _children(element, kind):
            conditions_element = _child(rule, "ruleConditions")
            action_element = _child(rule, "ruleAction")
            if conditions_element is None or action_element is None:
                raise self.fail(f"a {kind} needs ruleConditions and a ruleAction")
            action = self.token(action_element.get("action"), actions, f"the {kind} action")
            combination = self.token(
                conditions_element.get("conditionCombination"), {"all", "any"}, "conditionCombination", "all"
            )
            conditions = []
            for condition in _children(conditions_element, "ruleCondition"):
                settings: dict[str, Any] = {
                    "condition": self.token(condition.get("condition"), RULE_CONDITIONS, "the rule condition")
                }
                operator = self.token(condition.get("operator"), {"not", "noOp"}, "the operator", "noOp")
                if operator == "not":
                    settings["operator"] = "not"
                if objective := (condition.get("referencedObjective") or "").strip():
                    settings["referencedObjective"] = objective
                threshold = condition.get("measureThreshold")
                if threshold is not None:
                    settings["parameters"] = {"threshold": self.number(threshold, "measureThreshold", low=-1, high=1)}
                conditions.append(settings)
            if not conditions:
                raise self.fail(f"a {kind} has no ruleCondition")
            rules.append({"action": action, "conditionCombination": combination, "conditions": conditions})
        return rules

    def limits(self, element: Element, into: dict[str, Any]) -> None:
        limit = element.get("attemptLimit")
        if limit is not None:
            if not limit.strip().isdigit():
                raise self.fail(f"attemptLimit “{limit}” is not a whole number")
            into["attemptLimit"] = int(limit)
        duration = element.get("attemptAbsoluteDurationLimit")
        if duration is not None:
            into["attemptAbsoluteDurationLimit"] = self.duration(duration, "attemptAbsoluteDurationLimit")

    def rollup_rules(self, element: Element, controls: dict[str, Any]) -> list[dict[str, Any]]:
        self.boolean(element, "rollupObjectiveSatisfied", controls)
        self.boolean(element, "rollupProgressCompletion", controls)
        weight = element.get("objectiveMeasureWeight")
        if weight is not None:
            controls["objectiveMeasureWeight"] = self.number(weight, "objectiveMeasureWeight", low=0, high=1)
        rules = []
        for rule in _children(element, "rollupRule"):
            conditions_element = _child(rule, "rollupConditions")
            action_element = _child(rule, "rollupAction")
            if conditions_element is None or action_element is None:
                raise self.fail("a rollupRule needs rollupConditions and a rollupAction")
            settings: dict[str, Any] = {
                "action": self.token(action_element.get("action"), ROLLUP_ACTIONS, "the rollup action"),
                "consideration": self.token(
                    rule.get("childActivitySet"), CHILD_ACTIVITY_SETS, "childActivitySet", "all"
                ),
                "conditionCombination": self.token(
                    conditions_element.get("conditionCombination"), {"all", "any"}, "conditionCombination", "any"
                ),
                "conditions": [],
            }
            count = rule.get("minimumCount")
            if count is not None:
                if not count.strip().isdigit():
                    raise self.fail(f"minimumCount “{count}” is not a whole number")
                settings["minimumCount"] = int(count)
            percent = rule.get("minimumPercent")
            if percent is not None:
                settings["minimumPercent"] = self.number(percent, "minimumPercent", low=0, high=1)
            for condition in _children(conditions_element, "rollupCondition"):
                name = self.token(condition.get("condition"), ROLLUP_CONDITIONS, "the rollup condition")
                entry: dict[str, Any] = {"condition": ROLLUP_CONDITION_NAMES.get(name, name)}
                if self.token(condition.get("operator"), {"not", "noOp"}, "the operator", "noOp") == "not":
                    entry["operator"] = "not"
                settings["conditions"].append(entry)
            if not settings["conditions"]:
                raise self.fail("a rollupRule has no rollupCondition")
            rules.append(settings)
        return rules

    def objective(self, element: Element, *, primary: bool) -> dict[str, Any]:
        identifier = (element.get("objectiveID") or "").strip()
        if not identifier and not primary:
            raise self.fail("an objective has no objectiveID")
        objective: dict[str, Any] = {"objectiveID": identifier or "PRIMARY", "isPrimary": primary}
        self.boolean(element, "satisfiedByMeasure", objective)
        measure = _child(element, "minNormalizedMeasure")
        if measure is not None:
            objective["minNormalizedMeasure"] = self.number(
                (measure.text or "").strip() or "1.0", "minNormalizedMeasure", low=-1, high=1
            )
        maps = []
        for info in _children(element, "mapInfo"):
            target = (info.get("targetObjectiveID") or "").strip()
            if not target:
                raise self.fail(f"the mapInfo of objective “{identifier}” has no targetObjectiveID")
            entry: dict[str, Any] = {"targetObjectiveID": target}
            for name in (
                "readSatisfiedStatus",
                "readNormalizedMeasure",
                "writeSatisfiedStatus",
                "writeNormalizedMeasure",
            ):
                self.boolean(info, name, entry)
            maps.append(entry)
        if maps:
            objective["mapInfo"] = maps
        return objective

    def extended_maps(self, element: Element, objectives: list[dict[str, Any]]) -> None:
        """adlseq:objectives: the 4th Edition's extra reads and writes (raw score,
        completion, progress) of objectives declared in imsss:objectives, the
        primary objective among them."""
        by_id = {objective["objectiveID"]: objective for objective in objectives}
        for objective_element in _children(element, "objective"):
            identifier = (objective_element.get("objectiveID") or "").strip()
            objective = by_id.get(identifier)
            if objective is None:
                raise self.fail(f"adlseq:objectives names “{identifier}”, which imsss:objectives does not declare")
            for info in _children(objective_element, "mapInfo"):
                target = (info.get("targetObjectiveID") or "").strip()
                if not target:
                    raise self.fail(f"the adlseq:mapInfo of objective “{identifier}” has no targetObjectiveID")
                entry: dict[str, Any] = {"targetObjectiveID": target}
                for name in (
                    "readRawScore",
                    "readMinScore",
                    "readMaxScore",
                    "readCompletionStatus",
                    "readProgressMeasure",
                    "writeRawScore",
                    "writeMinScore",
                    "writeMaxScore",
                    "writeCompletionStatus",
                    "writeProgressMeasure",
                ):
                    self.boolean(info, name, entry)
                maps = objective.setdefault("mapInfo", [])
                same = next((existing for existing in maps if existing["targetObjectiveID"] == target), None)
                if same is None:
                    maps.append(entry)
                else:
                    same.update(entry)

    def sequencing(self, element: Element) -> dict[str, Any]:
        """One <imsss:sequencing> as scorm-again's activity settings (no id, title or children)."""
        settings: dict[str, Any] = {}
        controls: dict[str, Any] = {}
        if (control_mode := _child(element, "controlMode")) is not None:
            controls.update(self.controls(control_mode))
        if (rules_element := _child(element, "sequencingRules")) is not None:
            rules = {
                "preConditionRules": self.rules(rules_element, "preConditionRule", PRE_ACTIONS),
                "exitConditionRules": self.rules(rules_element, "exitConditionRule", EXIT_ACTIONS),
                "postConditionRules": self.rules(rules_element, "postConditionRule", POST_ACTIONS),
            }
            settings["sequencingRules"] = {key: value for key, value in rules.items() if value}
        if (limits := _child(element, "limitConditions")) is not None:
            self.limits(limits, settings)
        if (rollup := _child(element, "rollupRules")) is not None:
            settings["rollupRules"] = {"rules": self.rollup_rules(rollup, controls)}
        imsss_objectives = next((child for child in element if child.tag == f"{{{NS_IMSSS}}}objectives"), None)
        if (objectives_element := imsss_objectives) is not None:
            primaries = _children(objectives_element, "primaryObjective")
            if len(primaries) != 1:
                raise self.fail("objectives must have exactly one primaryObjective")
            settings["primaryObjective"] = self.objective(primaries[0], primary=True)
            others = [self.objective(other, primary=False) for other in _children(objectives_element, "objective")]
            ids = [settings["primaryObjective"]["objectiveID"], *(other["objectiveID"] for other in others)]
            if len(set(ids)) != len(ids):
                raise self.fail("two objectives have the same objectiveID")
            settings["objectives"] = others
        if (randomization := _child(element, "randomizationControls")) is not None:
            controls["randomizationTiming"] = self.token(
                randomization.get("randomizationTiming"), TIMINGS, "randomizationTiming", "never"
            )
            controls["selectionTiming"] = self.token(
                randomization.get("selectionTiming"), TIMINGS, "selectionTiming", "never"
            )
            self.boolean(randomization, "reorderChildren", controls, "randomizeChildren")
            count = randomization.get("selectCount")
            if count is not None:
                if not count.strip().isdigit():
                    raise self.fail(f"selectCount “{count}” is not a whole number")
                controls["selectCount"] = int(count)
        if (delivery := _child(element, "deliveryControls")) is not None:
            delivery_settings: dict[str, Any] = {}
            for name in ("tracked", "completionSetByContent", "objectiveSetByContent"):
                self.boolean(delivery, name, delivery_settings)
            settings["deliveryControls"] = delivery_settings
        if (considerations := _child(element, "rollupConsiderations")) is not None:
            consideration_settings: dict[str, Any] = {}
            for name in (
                "requiredForSatisfied",
                "requiredForNotSatisfied",
                "requiredForCompleted",
                "requiredForIncomplete",
            ):
                value = considerations.get(name)
                if value is not None:
                    consideration_settings[name] = self.token(value, ROLLUP_REQUIREMENTS, name)
            self.boolean(considerations, "measureSatisfactionIfActive", consideration_settings)
            settings["rollupConsiderations"] = consideration_settings
        # adlseq:objectives sits beside imsss:objectives with the same local name.
        for extended in _children(element, "objectives"):
            if extended.tag == f"{{{NS_ADLSEQ}}}objectives":
                declared = (
                    [settings["primaryObjective"], *settings["objectives"]] if "primaryObjective" in settings else []
                )
                self.extended_maps(extended, declared)
        # adlseq:constrainedChoiceConsiderations
        if (constrained := _child(element, "constrainedChoiceConsiderations")) is not None:
            self.boolean(constrained, "preventActivation", controls)
            self.boolean(constrained, "constrainChoice", controls)
        if controls:
            settings["sequencingControls"] = controls
        return settings

    def check_referenced_objectives(self, settings: dict[str, Any]) -> None:
        known = {settings["primaryObjective"]["objectiveID"]} if "primaryObjective" in settings else set()
        known.update(objective["objectiveID"] for objective in settings.get("objectives", []))
        for rules in settings.get("sequencingRules", {}).values():
            for rule in rules:
                for condition in rule["conditions"]:
                    referenced = condition.get("referencedObjective")
                    if referenced and referenced not in known:
                        raise self.fail(
                            f"a rule refers to the objective “{referenced}”, which the item does not declare"
                        )


def _imsss_sequencing(element: Element) -> Element | None:
    return next((child for child in element if child.tag == f"{{{NS_IMSSS}}}sequencing"), None)


def _presentation(item: Element, reader: _Reader) -> list[str]:
    presentation = _child(item, "presentation")
    interface = _child(presentation, "navigationInterface") if presentation is not None else None
    if interface is None:
        return []
    hidden = []
    for hide in _children(interface, "hideLMSUI"):
        value = reader.token(hide.text, HIDE_LMS_UI, "adlnav:hideLMSUI")
        if value not in hidden:
            hidden.append(value)
    return hidden


def _shared_data(item: Element, reader: _Reader) -> list[dict[str, Any]]:
    data = next((child for child in item if child.tag == f"{{{NS_ADLCP}}}data"), None)
    if data is None:
        return []
    maps = []
    for mapping in _children(data, "map"):
        target = (mapping.get("targetID") or "").strip()
        if not target:
            raise reader.fail("an adlcp:map has no targetID")
        entry: dict[str, Any] = {"targetID": target, "readSharedData": True, "writeSharedData": True}
        reader.boolean(mapping, "readSharedData", entry)
        reader.boolean(mapping, "writeSharedData", entry)
        maps.append(entry)
    return maps


def sequencing_read(root: Element, organization: Element, title_of: Any) -> dict[str, Any]:
    """scorm-again's `sequencing` settings for `organization` of the manifest `root`,
    or {} when the manifest declares nothing that navigates or rolls up (no
    sequencing beyond objectives that map to no global objective, no
    presentation, no shared data): such a package plays as before, every part a
    link of the contents and Previous/Next in order, where the standard's
    defaults would drop the buttons (flow is false by default).

    `title_of(item)` gives an item's title. Raises SequencingError naming the
    item whose sequencing is malformed (or the collection entry).
    """
    collections: dict[str, dict[str, Any]] = {}
    collection = next((child for child in root if child.tag == f"{{{NS_IMSSS}}}sequencingCollection"), None)
    if collection is not None:
        for entry in _children(collection, "sequencing"):
            identifier = (entry.get("ID") or "").strip()
            reader = _Reader(f"the sequencing collection entry “{identifier or '(no ID)'}”")
            if not identifier:
                raise reader.fail("it has no ID")
            if identifier in collections:
                raise reader.fail("two entries have this ID")
            collections[identifier] = reader.sequencing(entry)

    def activity(element: Element, children: list[dict[str, Any]]) -> dict[str, Any]:
        identifier = element.get("identifier", "")
        title = title_of(element)
        reader = _Reader(f"the item “{title}” ({identifier})")
        settings: dict[str, Any] = {}
        sequencing = _imsss_sequencing(element)
        if sequencing is not None:
            reference = (sequencing.get("IDRef") or "").strip()
            if reference:
                if reference not in collections:
                    raise reader.fail(f"IDRef “{reference}” names no entry of the sequencingCollection")
                settings.update(copy.deepcopy(collections[reference]))
            settings.update(reader.sequencing(sequencing))
        reader.check_referenced_objectives(settings)
        if hidden := _presentation(element, reader):
            settings["hideLmsUi"] = hidden
        if maps := _shared_data(element, reader):
            settings["sharedDataMaps"] = maps
        if element.get("isvisible", "true").strip() == "false":
            settings["isVisible"] = False
        result: dict[str, Any] = {"id": identifier, "title": title, **settings}
        if children:
            result["children"] = children
        return result

    def walk(element: Element) -> dict[str, Any]:
        return activity(element, [walk(child) for child in _children(element, "item")])

    activity_tree = walk(organization)
    if not collections and not _declares_anything(activity_tree):
        return {}
    result: dict[str, Any] = {"activityTree": activity_tree}
    # The 4th Edition's scope of global objectives (default: the whole system, so shared with
    # other packages); read by the server, not by the engine, which only sees one package.
    scope = (organization.get(f"{{{NS_ADLSEQ}}}objectivesGlobalToSystem") or "true").strip()
    if scope not in {"true", "false", "1", "0"}:
        raise _Reader(f"the organization “{title_of(organization)}”").fail(
            f"objectivesGlobalToSystem=“{scope}” is not true or false"
        )
    if scope in {"false", "0"}:
        result["objectivesGlobalToSystem"] = False
    return result


# What an activity may declare without changing how the package is navigated or
# rolled up: its objectives feed cmi.scaled_passing_score and cmi.objectives (see
# scorm/packages.py) and delivery controls only say who sets the statuses.
_NAVIGATION_NEUTRAL = {"id", "title", "children", "primaryObjective", "objectives", "deliveryControls"}


def _declares_anything(activity: dict[str, Any]) -> bool:
    """Whether the tree declares anything the engine would navigate or roll up by:
    any rule, control, limit, presentation or shared data, or an objective mapped
    to a global objective."""
    if set(activity) - _NAVIGATION_NEUTRAL:
        return True
    objectives = [activity.get("primaryObjective") or {}, *activity.get("objectives", [])]
    if any(objective.get("mapInfo") for objective in objectives):
        return True
    return any(_declares_anything(child) for child in activity.get("children", []))


# What each write flag of a mapInfo (imsss, and adlseq's 4th Edition extras) writes into
# scorm-again's entry of a global objective; every write flag defaults to false.
_WRITTEN_FIELDS = {
    "writeSatisfiedStatus": "satisfiedStatus",
    "writeNormalizedMeasure": "normalizedMeasure",
    "writeRawScore": "rawScore",
    "writeMinScore": "minScore",
    "writeMaxScore": "maxScore",
    "writeCompletionStatus": "completionStatus",
    "writeProgressMeasure": "progressMeasure",
}


def global_objectives_mapped(sequencing: dict[str, Any]) -> dict[str, set[str]]:
    """Every global objective (targetObjectiveID) the stored tree `sequencing` maps, with
    the fields of scorm-again's entry the package writes to it (empty: it only reads).
    Empty when the package keeps its global objectives to itself
    (`objectivesGlobalToSystem="false"`: the engine's own state holds them)."""
    mapped: dict[str, set[str]] = {}
    if sequencing.get("objectivesGlobalToSystem") is False:
        return mapped
    stack = [sequencing.get("activityTree") or {}]
    while stack:
        activity = stack.pop()
        stack.extend(activity.get("children", []))
        for objective in [activity.get("primaryObjective") or {}, *activity.get("objectives", [])]:
            for info in objective.get("mapInfo", []):
                fields = mapped.setdefault(info["targetObjectiveID"], set())
                fields.update(field for flag, field in _WRITTEN_FIELDS.items() if info.get(flag) is True)
    return mapped
