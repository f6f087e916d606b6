"""The learner's answers to an attempt, as a form: built from the attempt's frozen
layout (its questions, their order and their choices), it reads the POST data and
hands the services typed answers (`GivenAnswer` by slot)."""

from collections.abc import Sequence
from typing import Any

from django import forms

from quizzes.attempts import CHOICE_KINDS, MAX_TEXT_ANSWER, TEXT_KINDS, GivenAnswer
from quizzes.models import Question, Response


class OfferedChoicesField(forms.Field):
    """The ids ticked among those offered. Values the layout does not offer (a stale page,
    a forged post) are left out rather than refused: the rest of the answers still count."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, offered: Sequence[int], multiple: bool, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.offered = set(offered)
        self.multiple = multiple

    def to_python(self, value: Any) -> tuple[int, ...]:
        values = value if isinstance(value, list | tuple) else [] if value in (None, "") else [value]
        picked = [int(item) for item in map(str, values) if item.isdigit() and int(item) in self.offered]
        return tuple(picked if self.multiple else picked[:1])


class OfferedOptionField(forms.CharField):
    """One of the right-hand options of a matching question, or nothing."""

    def __init__(self, *, options: Sequence[str], **kwargs: Any) -> None:
        super().__init__(required=False, strip=False, **kwargs)
        self.options = set(options)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return text if text in self.options else ""


class AttemptAnswersForm(forms.Form):
    """One field per answerable question (`q<slot>`), one per matching pair (`q<slot>-<pair id>`),
    as the attempt page names them."""

    def __init__(self, data: Any = None, *, responses: Sequence[Response]) -> None:
        super().__init__(data)
        self.responses = list(responses)
        for response in self.responses:
            name, kind, layout = f"q{response.slot}", response.question.kind, response.layout
            if kind in CHOICE_KINDS:
                self.fields[name] = OfferedChoicesField(
                    offered=[int(answer_id) for answer_id in layout],
                    multiple=kind == Question.Kind.MULTIPLE_RESPONSE,
                )
            elif kind == Question.Kind.MATCHING:
                for pair_id in layout.get("left", []):
                    self.fields[f"{name}-{pair_id}"] = OfferedOptionField(options=layout.get("right", []))
            elif kind in TEXT_KINDS:
                self.fields[name] = forms.CharField(
                    required=False,
                    strip=False,
                    max_length=MAX_TEXT_ANSWER,
                    error_messages={
                        "max_length": f"Keep answers under {MAX_TEXT_ANSWER:,} characters (question {response.slot}).",
                        "null_characters_not_allowed": f"Remove the null characters from question {response.slot}.",
                    },
                )

    def answers(self) -> dict[int, GivenAnswer]:
        """The answers by slot; call after is_valid()."""
        given: dict[int, GivenAnswer] = {}
        for response in self.responses:
            name, kind = f"q{response.slot}", response.question.kind
            if kind in CHOICE_KINDS:
                given[response.slot] = GivenAnswer(picked=self.cleaned_data[name])
            elif kind == Question.Kind.MATCHING:
                matches = {
                    str(pair_id): chosen
                    for pair_id in response.layout.get("left", [])
                    if (chosen := self.cleaned_data[f"{name}-{pair_id}"])
                }
                given[response.slot] = GivenAnswer(matches=matches)
            elif kind in TEXT_KINDS:
                given[response.slot] = GivenAnswer(text=self.cleaned_data[name])
        return given

    def first_error(self) -> str:
        return next((str(error) for errors in self.errors.values() for error in errors), "Check your answers.")
