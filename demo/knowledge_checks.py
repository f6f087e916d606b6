"""The demo course's facts-and-figures knowledge check: questions written in our
own words from the figures in the seed documents (see demo/course_content.py),
each naming its source in the feedback, placed in the "Facts and figures"
module as a required quiz. Idempotent: running it again changes nothing."""

import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction

from courses.models import ModulePage
from quizzes.blocks import quiz_placements
from quizzes.models import Answer, FeedbackBand, MatchPair, Question, Quiz, QuizQuestion
from quizzes.services import category_get_or_create_path

MODULE_SLUG = "facts-and-figures"
QUIZ_TITLE = "Facts and figures: knowledge check"
CATEGORY_PATH = ("Demo course", "Facts and figures")

SCIE = "Lewis, Bates and Murray, Children of prisoners: maintaining family ties (SCIE Guide 22), SCIE, 2008"
IHOP_BLOG = "i-HOP team (Barnardo's), Supporting children of offenders: the i-HOP Quality Statements & Toolkit"

# Each question: kind, name, stem, answers as (text, fraction, feedback[, tolerance]) or matching pairs, source.
QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "single_choice",
        "name": "Children affected each year",
        "stem": "Roughly how many children in England and Wales see a parent go to prison each year?",
        "answers": [
            ("About 2,000", 0, "Far too low."),
            ("About 20,000", 0, "Too low by a factor of ten."),
            ("About 200,000", 1, "Right."),
            ("About 2 million", 0, "Too high."),
        ],
        "source": IHOP_BLOG,
    },
    {
        "kind": "numerical",
        "name": "Children in Scotland",
        "stem": (
            "About how many children in Scotland are affected by a parent's imprisonment each year? "
            "(Answer within 1,000.)"
        ),
        "answers": [("16500", 1, "Right: about 16,500.", "1000")],
        "source": IHOP_BLOG,
    },
    {
        "kind": "true_false",
        "name": "Mental health risk",
        "stem": (
            "Children with a parent in prison are about twice as likely as other children to have "
            "mental health problems."
        ),
        "answers": [
            ("true", 1, "Right: about twice as likely."),
            ("false", 0, "It is true: the risk is about double."),
        ],
        "source": (
            "Social Care Institute for Excellence, Guide 22: Children of prisoners - maintaining family ties, 2008"
        ),
    },
    {
        "kind": "single_choice",
        "name": "Antisocial behaviour risk",
        "stem": (
            "Pooling five large studies, how did the risk of antisocial or delinquent behaviour among "
            "children of prisoners compare with their peers?"
        ),
        "answers": [
            ("About the same", 0, ""),
            ("About one and a half times", 0, ""),
            ("About three times", 1, "Right: an average odds ratio of 3.4."),
            ("About ten times", 0, ""),
        ],
        "source": f"Joseph Murray and David Farrington, cited in {SCIE}",
    },
    {
        "kind": "numerical",
        "name": "Cambridge study",
        "stem": (
            "In the Cambridge Study in Delinquent Development, what percentage of boys separated from a"
            " parent by imprisonment were later convicted (ages 19 to 32)?"
        ),
        "answers": [("65", 1, "Right: 65%, against 21% for boys with no such separation.", "2")],
        "source": f"Murray and Farrington, Cambridge Study in Delinquent Development, cited in {SCIE}",
    },
    {
        "kind": "single_choice",
        "name": "Children separated from their mother",
        "stem": "About how many children a year are separated from their mother by imprisonment?",
        "answers": [("About 1,700", 0, ""), ("About 17,700", 1, "Right."), ("About 177,000", 0, "")],
        "source": f"Home Office research, cited in {SCIE}",
    },
    {
        "kind": "short_answer",
        "name": "Staying at home",
        "stem": (
            "What percentage of women prisoners' children stay in their own home once their mother is "
            "sentenced? (A number, with or without %.)"
        ),
        "answers": [("5", 1, "Right: only 5%."), ("5*%", 1, "Right: only 5%."), ("5 per*", 1, "Right: only 5%.")],
        "source": f"Social Exclusion Unit, Reducing re-offending by ex-prisoners, 2002, cited in {SCIE}",
    },
    {
        "kind": "multiple_response",
        "name": "Women in prison",
        "stem": "Which of these are true of women in prison and their children? Choose all that apply.",
        "answers": [
            ("Home Office research found that about two-thirds of women in prison are mothers", 0.5, "Yes: 66%."),
            (
                "12% of children with a mother in prison were in care, fostered or adopted",
                0.5,
                "Yes, against 2% for fathers in prison.",
            ),
            ("Most children stay in their own home when their mother is sentenced", -1, "No: only about 5% do."),
        ],
        "source": SCIE,
    },
    {
        "kind": "single_choice",
        "name": "Safeguarding agreements",
        "stem": (
            "Of the 32 local safeguarding children boards that answered a national survey, how many had"
            " an agreement with police or probation about what happens when a child's parent is "
            "arrested?"
        ),
        "answers": [("None", 0, ""), ("3", 1, "Right: only three."), ("16", 0, ""), ("All 32", 0, "")],
        "source": SCIE,
    },
    {
        "kind": "numerical",
        "name": "Visits and reoffending",
        "stem": (
            "Prisoners who had family visits were how many percent less likely to reoffend than those who had none?"
        ),
        "answers": [("39", 1, "Right: 39% less likely.", "1")],
        "source": "May, Sharma and Stewart, Factors linked to reoffending (Resettlement Surveys 2001), 2008",
    },
    {
        "kind": "true_false",
        "name": "Families and agencies",
        "stem": (
            "In research on imprisoned fathers, most families said they were already linked with "
            "agencies that could support them."
        ),
        "answers": [
            ("true", 0, "No: almost two-thirds (64%) had no links at all."),
            ("false", 1, "Right: 64% had no links with any agency."),
        ],
        "source": f"Boswell and Wedge, Imprisoned fathers and their children, cited in {SCIE}",
    },
    {
        "kind": "matching",
        "name": "Match the figure",
        "stem": "Match each figure to what it counts.",
        "pairs": [
            ("Children in England and Wales with a parent imprisoned each year", "200,000"),
            ("Children in Scotland with a parent imprisoned each year", "16,500"),
            ("Local safeguarding boards (of 32) recording how many children had a parent in prison", "0"),
            ("", "1 million"),
        ],
        "source": f"{IHOP_BLOG}; {SCIE}",
    },
    {
        "kind": "single_choice",
        "name": "Short sentences",
        "stem": "Professionals in Cornwall said an average three-month sentence means about how long actually inside?",
        "answers": [
            ("Six weeks", 1, "Right: rarely long enough for services to be put in place."),
            ("Three months", 0, ""),
            ("Six months", 0, ""),
        ],
        "source": SCIE,
    },
]

BANDS = [
    (Decimal(90), "Excellent: you know the figures well. Use them when colleagues ask why this matters."),
    (Decimal(70), "Well done: you have passed. Look again at any figure you missed."),
    (Decimal(0), "Not yet: read the key facts in this module again, then try once more."),
]


@transaction.atomic
def demo_quiz_seed() -> Quiz | None:
    module = ModulePage.objects.filter(slug=MODULE_SLUG).first()
    if module is None:
        return None
    quiz = Quiz.objects.filter(title=QUIZ_TITLE).first()
    if quiz is None:
        category = category_get_or_create_path(path=CATEGORY_PATH)
        quiz = Quiz.objects.create(
            title=QUIZ_TITLE,
            intro="Twelve-plus quick questions on the figures in this module. Pass with 70%; try as often as you like.",
            pass_mark=Decimal(70),
            shuffle_questions=True,
            review_right_answers_after_submit=True,
        )
        for order, spec in enumerate(QUESTIONS):
            question = Question.objects.create(
                category=category,
                kind=spec["kind"],
                name=spec["name"],
                stem=spec["stem"],
                stem_format=Question.TextFormatChoice.PLAIN,
                source=spec["source"],
                general_feedback=f"Source: {spec['source']}.",
            )
            for position, answer in enumerate(spec.get("answers", [])):
                Answer.objects.create(
                    question=question,
                    order=position,
                    text=answer[0],
                    fraction=Decimal(str(answer[1])),
                    feedback=answer[2],
                    tolerance=Decimal(answer[3]) if len(answer) > 3 else None,
                )
            for position, (left, right) in enumerate(spec.get("pairs", [])):
                MatchPair.objects.create(question=question, order=position, left=left, right=right)
            QuizQuestion.objects.create(quiz=quiz, question=question, order=order)
        for order, (minimum, text) in enumerate(BANDS):
            FeedbackBand.objects.create(quiz=quiz, order=order, min_percent=minimum, text=text)

    if all(placement.quiz_id != quiz.pk for placement in quiz_placements(module)):
        block = {
            "type": "quiz",
            "value": {"quiz": quiz.pk, "required": True},
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{MODULE_SLUG}/quiz")),
        }
        module.body = [*module.body.raw_data, block]
        module.save_revision().publish()
    return quiz
