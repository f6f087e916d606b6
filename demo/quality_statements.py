"""Demo content for the eight i-HOP Quality Statements, and its loader.

The statements' names and the toolkit's shape (statements, checklists for
services, a self-assessment and work plan) come from the i-HOP materials in
the project's seeds; every sentence here is our own wording. Modules are named
by slug (demo/course_content.py) and resources by title
(demo/library_content.py); the loader skips any that are not there.
"""

from typing import Any

from django.db import transaction

from cms.models import Resource
from courses.models import ModulePage
from quality.models import (
    QualityStatement,
    StatementChecklistItem,
    StatementModuleLink,
    StatementResourceLink,
)

DEVELOPING_PRACTICE = "developing-practice"

STATEMENTS: list[dict[str, Any]] = [
    {
        "number": 1,
        "slug": "awareness",
        "title": "Awareness",
        "summary": (
            "Everyone in the service understands how a family member's arrest or imprisonment can affect a child, "
            "and knows what to do about it."
        ),
        "description": (
            "<p>Children who see a parent go to prison are often a hidden group: nobody is told, and the child may "
            "carry the worry alone. A service that is aware of them knows the likely effects on a child's health, "
            "schooling and friendships, and treats the subject as part of ordinary practice rather than a rare "
            "exception.</p><p>Awareness is the foundation for the other seven statements: without it, nobody asks, "
            "nobody notices and nobody offers help.</p>"
        ),
        "levels": [
            "The subject is not part of induction or training, and staff would not know where to look for help.",
            "A few staff have had training or use the i-HOP materials, but it depends on individual interest.",
            "All front-line staff have had basic training, and the service's guidance mentions these children.",
            "Awareness is refreshed regularly, new staff learn it from their first weeks, and managers check it "
            "makes a difference to how families are treated.",
        ],
        "checklist": [
            ("Front-line staff have completed introductory training on children affected by imprisonment.", ""),
            ("New starters hear about these children during induction.", "Add the subject to the induction programme."),
            ("Staff know where to find the i-HOP resources and helpline.", "Tell every team where to find i-HOP."),
            ("A named person keeps the team's knowledge up to date.", "Name a lead for this work in the team."),
        ],
        "modules": ["facts-and-figures", DEVELOPING_PRACTICE],
        "resources": ["i-HOP information hub and helpline for professionals", "i-HOP free workshops for professionals"],
    },
    {
        "number": 2,
        "slug": "identification",
        "title": "Identification",
        "summary": (
            "The service has a respectful, consent-based way of learning which children have a family member in "
            "the criminal justice system, so that help can be offered early."
        ),
        "description": (
            "<p>In England and Wales nobody routinely records which children have a parent in prison, so a service "
            "may never find out unless it asks. Scotland has gone further and expects people entering prison to be "
            "asked about children who depend on them.</p><p>Identification here means giving families safe, "
            "sensitive chances to tell you, recording it with consent, and making sure it leads to an offer of "
            "support rather than to a label.</p>"
        ),
        "levels": [
            "The service has no way of knowing which children are affected unless a family happens to say.",
            "Some staff ask sensitively, but nothing is recorded consistently or shared with consent.",
            "Assessment and referral forms include a question, and staff know how to ask it and what to do next.",
            "Identification is routine and agreed with partner agencies, and the service uses the figures to plan "
            "its support.",
        ],
        "checklist": [
            ("Intake or assessment forms give families a chance to say a family member is in the justice system.", ""),
            ("Staff are confident asking the question and responding to the answer.", ""),
            (
                "What is recorded, and who may see it, is agreed with the family.",
                "Write down how consent is asked for and recorded.",
            ),
            (
                "The service knows roughly how many of the children it sees are affected.",
                "Count affected children for a term.",
            ),
        ],
        "modules": ["schools-and-universal-services", DEVELOPING_PRACTICE],
        "resources": ["National directory of services for prisoners' families"],
    },
    {
        "number": 3,
        "slug": "childrens-voice-and-rights",
        "title": "Children's voice and rights",
        "summary": (
            "Children are listened to, given honest information that suits their age, and helped to keep in "
            "touch with their parent where that is in their interests."
        ),
        "description": (
            "<p>The toolkit was shaped by talking with young people who had lived through a loved one's "
            "involvement with the justice system. Their message is that adults too often decide for them, or "
            "tell them nothing.</p><p>A service that respects children's voice and rights explains what is "
            "happening in words a child can follow, asks what they want, and treats contact with a parent in "
            "prison as the child's right where it is safe and wanted, not as a privilege for the parent.</p>"
        ),
        "levels": [
            "Decisions about the child are made without asking them, and they are rarely told what is happening.",
            "Some staff talk with children about the imprisonment, but there is no shared approach.",
            "Children are routinely asked for their views, and the service has age-appropriate materials to share.",
            "Children's views visibly shape the service, and young people help review how it works.",
        ],
        "checklist": [
            ("Staff have age-appropriate books and leaflets to help explain prison to a child.", ""),
            ("Children's own views are recorded in their plans.", ""),
            ("The service helps children keep in touch with a parent in prison when they want to and it is safe.", ""),
            (
                "Young people have been asked how the service could do better.",
                "Ask a group of young people for feedback.",
            ),
        ],
        "modules": ["prison-visits-and-keeping-in-touch"],
        "resources": [
            "Story books: Finding Dad, Danny's Mum and Tommy's Dad",
            "My Mum's/Dad's in Prison leaflets and Visiting My Dad/Visiting My Mum",
        ],
    },
    {
        "number": 4,
        "slug": "multi-agency-working",
        "title": "Multi-agency working",
        "summary": (
            "Schools, health, social care, police, prisons, probation and the voluntary sector share information "
            "appropriately and plan support together."
        ),
        "description": (
            "<p>A family may meet a police officer, a court, a prison, a probation officer, a teacher and a health "
            "visitor in the space of a few months, each seeing only part of the picture. Nobody has the whole "
            "story unless the agencies talk.</p><p>Good multi-agency working means knowing who the partners are, "
            "having agreed ways to share information with consent, and joint training or networks so staff know "
            "each other before a crisis.</p>"
        ),
        "levels": [
            "The service works alone and does not know who else supports these families locally.",
            "Staff know some contacts in other agencies, but links depend on individuals.",
            "There are agreed routes for referral and information sharing with the main partners.",
            "The service takes part in a local network or joint training, and partners plan support for families "
            "together.",
        ],
        "checklist": [
            ("The service has a list of local and national partners who support prisoners' families.", ""),
            ("There is an agreed, consent-based way of sharing information with partners.", ""),
            (
                "Staff have trained alongside colleagues from other agencies.",
                "Book a place on a multi-agency workshop.",
            ),
            ("The service belongs to a local network on offenders' families.", "Find or start a local network."),
        ],
        "modules": [DEVELOPING_PRACTICE],
        "resources": ["i-HOP free workshops for professionals", "POPS family link workers"],
    },
    {
        "number": 5,
        "slug": "stages-of-the-criminal-justice-system",
        "title": "Stages of the criminal justice system",
        "summary": (
            "Support is thought through for each stage a family passes through: arrest, court, prison and "
            "release, not just one of them."
        ),
        "description": (
            "<p>Each stage brings its own worries for a child: a sudden arrest at home, weeks of waiting for a "
            "court date, the first prison visit, and a parent coming home who may have changed. Services often "
            "focus on one stage and lose touch with the family at the next.</p><p>A service meeting this "
            "statement understands the whole path, knows what help exists at each point, and prepares families "
            "for what comes next.</p>"
        ),
        "levels": [
            "The service does not consider where a family is in the justice process.",
            "Staff know about one stage, usually prison visits, but little about the others.",
            "The service can describe what families face at arrest, court, prison and release, and signposts help "
            "at each.",
            "Support follows the family through every stage, including planning for release with partners.",
        ],
        "checklist": [
            ("Staff know what happens to a family at arrest, court, prison and release.", ""),
            ("The service has information to give families at each stage.", ""),
            ("Release is planned with the family and partner agencies before it happens.", ""),
        ],
        "modules": ["arrest", "court", "prison-visits-and-keeping-in-touch", "release"],
        "resources": [
            "Pamphlets for families: telling the children, separation, keeping in touch, release",
            "PACT court support service (Plymouth and Bodmin)",
        ],
    },
    {
        "number": 6,
        "slug": "support-and-services",
        "title": "Support and services",
        "summary": (
            "Families can reach practical and emotional help that fits their needs, and staff know where to send them."
        ),
        "description": (
            "<p>Families of prisoners may face sudden money problems, a move of home, a long journey to visit and "
            "the strain of caring alone, as well as the child's own distress. Help exists, from helplines and "
            "visitors' centres to family support workers, but families seldom know about it.</p><p>This "
            "statement asks whether the service offers or arranges help that meets the family's actual needs, and "
            "whether staff can point them to the right specialist service quickly.</p>"
        ),
        "levels": [
            "Staff would not know where to refer a prisoner's family.",
            "Staff signpost to a helpline or one local service when asked.",
            "The service offers support itself or has clear referral routes, and follows up that families got help.",
            "Support is shaped around what families say they need, and gaps are raised with commissioners.",
        ],
        "checklist": [
            ("Staff can give families the number of a prisoners' families helpline.", ""),
            ("The service has up-to-date details of local family support services.", ""),
            ("The service checks that a family referred elsewhere was actually helped.", ""),
        ],
        "modules": ["prison-visits-and-keeping-in-touch", "release"],
        "resources": ["National prisoners' families helpline", "POPS visitors' centres and family days"],
    },
    {
        "number": 7,
        "slug": "challenging-stigma",
        "title": "Challenging stigma",
        "summary": (
            "The service tackles the shame, isolation and bullying that children of prisoners can face, and "
            "never treats them as future offenders."
        ),
        "description": (
            "<p>Stigma is one reason families keep quiet: they fear judgement from neighbours, school and "
            "professionals alike, and children may be bullied if others find out. Keeping the secret can leave a "
            "child isolated.</p><p>A service that challenges stigma uses respectful language, handles what it "
            "knows discreetly, helps children decide who to tell, and speaks up when others label the child by "
            "their parent's offence.</p>"
        ),
        "levels": [
            "The service has not thought about how stigma affects these families.",
            "Staff are sensitive case by case, but the service does nothing deliberate about stigma.",
            "The service's language and practice avoid labelling, and staff respond to bullying linked to a "
            "parent's imprisonment.",
            "The service actively raises awareness in its community and helps others change how they respond.",
        ],
        "checklist": [
            ("Written materials and records avoid labelling the child by their parent's offence.", ""),
            ("Staff help children decide who they want to tell, and how.", ""),
            ("Bullying linked to a family member's imprisonment is recorded and dealt with.", ""),
        ],
        "modules": ["schools-and-universal-services", "court"],
        "resources": ["Teenagers with a parent in prison; Prison without bars"],
    },
    {
        "number": 8,
        "slug": "building-the-evidence",
        "title": "Building the evidence",
        "summary": (
            "The service records what it does for these families, checks whether it helps, and shares what it learns."
        ),
        "description": (
            "<p>The statements themselves grew out of a database of research, policy and practice examples from "
            "across the UK. That evidence only grows if services record what they try and what happens.</p><p>"
            "This statement asks whether the service gathers simple information about the families it supports, "
            "looks at outcomes and feedback, and shares examples of its practice so others can learn.</p>"
        ),
        "levels": [
            "Nothing is recorded about work with these families.",
            "Some numbers are kept, but nobody looks at whether the work helps.",
            "The service records its work, gathers feedback from families and reviews it at least once a year.",
            "The service evaluates its work, shares practice examples with i-HOP or partners, and uses findings to "
            "improve.",
        ],
        "checklist": [
            ("The service records how many affected families it supports.", ""),
            ("Families are asked for feedback on the help they received.", ""),
            (
                "The service has shared an example of its practice with others.",
                "Write up one practice example to share.",
            ),
        ],
        "modules": [DEVELOPING_PRACTICE],
        "resources": [
            "i-HOP Quality Statements and Toolkit",
            "Time for Families: positive outcomes for children and families of offenders",
        ],
    },
]


@transaction.atomic
def demo_quality_statements_seed() -> list[QualityStatement]:
    """Create whichever of the eight statements is missing (found by slug); one
    already there, perhaps edited in the CMS, is left as it is."""
    statements = []
    modules = {page.slug: page for page in ModulePage.objects.all()}
    resources = {resource.title: resource for resource in Resource.objects.all()}
    for data in STATEMENTS:
        statement = QualityStatement.objects.filter(slug=data["slug"]).first()
        if statement is None:
            levels = data["levels"]
            statement = QualityStatement.objects.create(
                number=data["number"],
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                level_not_started=levels[0],
                level_developing=levels[1],
                level_established=levels[2],
                level_embedded=levels[3],
            )
            for order, (text, action) in enumerate(data["checklist"]):
                StatementChecklistItem.objects.create(
                    statement=statement, sort_order=order, text=text, suggested_action=action
                )
            for order, slug in enumerate(data["modules"]):
                if slug in modules:
                    StatementModuleLink.objects.create(statement=statement, sort_order=order, page=modules[slug])
            for order, title in enumerate(data["resources"]):
                if title in resources:
                    StatementResourceLink.objects.create(
                        statement=statement, sort_order=order, resource=resources[title]
                    )
        statements.append(statement)
    return statements
