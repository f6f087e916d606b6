"""The demo course's knowledge checks: one short check per module, as plain data.

Written in our own words from the seed documents (see docs/content.md). Most
questions are scenarios: a situation from practice and what to do; the rest
check a figure the course relies on and name its source. Every answer carries
feedback that says why it is right or wrong, so a learner who gets it wrong
learns something. Question names starting "Scenario:" are the scenarios.

Each answer is (text, fraction, feedback) or, for numerical answers,
(number, fraction, feedback, tolerance).
"""

from typing import Any

SCIE = "Lewis, Bates and Murray, Children of prisoners: maintaining family ties (SCIE Guide 22), SCIE, 2008"
IHOP_TOOLKIT = "i-HOP team (Barnardo's), Supporting children of offenders: the i-HOP Quality Statements & Toolkit"
IHOP_PRISONS = "Barnardo's and POPS, i-HOP: Assisting prisons to support children of offenders (leaflet)"
IHOP_HEALTH = "Barnardo's and POPS, i-HOP: Assisting health professionals to support children of offenders (leaflet)"
MAY_2008 = (
    "May, Sharma and Stewart, Factors linked to reoffending: a one-year follow-up of prisoners who took part in "
    "the Resettlement Surveys 2001, 2003 and 2004, Ministry of Justice, 2008"
)

PASS_BANDS = [
    (90, "Excellent. Use what you know when colleagues ask why this matters."),
    (70, "Well done: you have passed. Read the feedback on anything you missed."),
    (0, "Not yet. Read the feedback on each answer, look at the module again, then try once more."),
]

QUIZZES: list[dict[str, Any]] = [
    {
        "module": "facts-and-figures",
        "title": "Facts and figures: knowledge check",
        "required": True,
        "intro": "Six questions on the figures in this module and what they can and cannot tell you. Pass with 70%.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Children affected each year",
                "stem": "Roughly how many children in England and Wales see a parent go to prison each year?",
                "answers": [
                    ("About 2,000", 0, "Far too low: i-HOP's estimate is a hundred times that."),
                    ("About 20,000", 0, "Too low by a factor of ten: i-HOP estimates about 200,000 a year."),
                    ("About 200,000", 1, "Right: about 200,000, i-HOP's estimate. It is not an official count."),
                    ("About 2 million", 0, "Too high: i-HOP estimates about 200,000 a year."),
                ],
                "source": f"{IHOP_PRISONS}; {IHOP_TOOLKIT}",
            },
            {
                "kind": "single_choice",
                "name": "Twice or three times",
                "stem": (
                    "i-HOP's health leaflet says these children are twice as likely to have mental health problems; "
                    "the SCIE guide says about three times the risk of poor outcomes. Why do the figures differ?"
                ),
                "answers": [
                    (
                        "They summarise different measures: SCIE's comes mostly from odds ratios in studies of "
                        "antisocial behaviour; the leaflet's is a headline for mental health",
                        1,
                        "Right. An odds ratio is not 'times as likely', and the guide has only one large long-term "
                        "study of mental health. Both say the risk is markedly higher.",
                    ),
                    (
                        "One of them is simply wrong",
                        0,
                        "Neither is wrong: they measure different things, and both point to a markedly higher risk.",
                    ),
                    (
                        "The risk has grown since 2008",
                        0,
                        "No: the leaflet cites the 2008 SCIE guide itself, so the gap is about the measure, not time.",
                    ),
                ],
                "source": f"{IHOP_HEALTH}; {SCIE}",
            },
            {
                "kind": "short_answer",
                "name": "Staying at home",
                "stem": (
                    "What percentage of women prisoners' children stay in their own home once their mother is "
                    "sentenced? Give a number."
                ),
                "answers": [
                    ("5", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("5%", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("5 %", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("5 per cent", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("5 percent", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("five", 1, "Right: only 5%. Most move to relatives, friends or care."),
                    ("*", 0, "Not quite: only 5% stay in their own home (Social Exclusion Unit, 2002)."),
                ],
                "source": f"Social Exclusion Unit, Reducing re-offending by ex-prisoners, 2002, cited in {SCIE}",
            },
            {
                "kind": "multiple_response",
                "name": "Who cares for the children of women prisoners",
                "stem": "Who was caring for the children of women in prison? Choose all that are true.",
                "answers": [
                    (
                        "About a quarter were cared for by their father or the mother's partner",
                        0.5,
                        "Yes: 25%, the largest group with grandmothers.",
                    ),
                    ("About a quarter were cared for by grandmothers", 0.5, "Yes: 25%, often with no support."),
                    (
                        "Most were in care, fostered or adopted",
                        -1,
                        "No: 12% were, though that is six times the 2% for children of male prisoners.",
                    ),
                ],
                "source": f"HM Inspectorate of Prisons, cited in {SCIE}",
            },
            {
                "kind": "true_false",
                "name": "The 65% figure",
                "stem": (
                    "The finding that 65% of boys separated by a parent's imprisonment were later convicted comes "
                    "from a large national sample, so it predicts what will happen to most children."
                ),
                "answers": [
                    (
                        "true",
                        0,
                        "No: it rests on 23 boys in the Cambridge Study. It is a warning sign, not a forecast.",
                    ),
                    ("false", 1, "Right: 23 boys in one London study. Never tell a child they are likely to offend."),
                ],
                "source": f"Murray and Farrington, Cambridge Study in Delinquent Development, cited in {SCIE}",
            },
            {
                "kind": "single_choice",
                "name": "Scenario: a colleague says they are all known anyway",
                "stem": (
                    "In a staff meeting a colleague says: 'If a child has a parent in prison, social services will "
                    "already know and tell us.' What is the best reply?"
                ),
                "answers": [
                    (
                        "Not so: nobody routinely records these children, and most are unknown to services",
                        1,
                        "Right. SCIE estimated most of the 162,000 children remain unknown; none of 32 safeguarding "
                        "boards kept a count. We may be the only ones who notice.",
                    ),
                    (
                        "Yes: the prison tells the child's school",
                        0,
                        "No: there is no routine identification in England and Wales; schools often find out only "
                        "when a child's behaviour changes.",
                    ),
                    (
                        "Yes, and they only need help if social services are involved",
                        0,
                        "No: most of these children never reach children's services, but many still need adults who "
                        "notice.",
                    ),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "arrest",
        "title": "Arrest: knowledge check",
        "required": False,
        "intro": "Three questions on the first days after an arrest.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: what to say to a child who saw the arrest",
                "stem": (
                    "Mia, six, watched police take her dad last night. This morning she asks you: 'Did I make the "
                    "police come?' What do you say?"
                ),
                "answers": [
                    (
                        "'No, it is not your fault. Grown-ups are sorting it out. Do you want to tell me what "
                        "happened?'",
                        1,
                        "Right: clear, honest, free of blame, and it leaves room to talk. Then let her carer and "
                        "your safeguarding lead know what she said.",
                    ),
                    (
                        "'Let's not talk about that at school.'",
                        0,
                        "This teaches her to keep it secret; children who carry it alone can be harmed over time.",
                    ),
                    (
                        "'Your dad will be home soon, don't worry.'",
                        0,
                        "You cannot know that. A promise that is broken costs her trust; stay with what is true.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: signposting a family after an arrest",
                "stem": (
                    "At the school gate a mother tells you her partner was arrested and she does not know where to "
                    "turn. Which helpline do you give her?"
                ),
                "answers": [
                    (
                        "The national families' helpline (listed in the SCIE guide as 0808 808 2003), and you can "
                        "call i-HOP's line for professionals to find local services",
                        1,
                        "Right: the families' helpline is for her; i-HOP's line (0808 802 2013) is for "
                        "professionals like you. Check numbers are current before passing them on.",
                    ),
                    (
                        "i-HOP's helpline, 0808 802 2013, for her to call",
                        0,
                        "i-HOP's line is for professionals. Give her the families' helpline, and call i-HOP "
                        "yourself for local services.",
                    ),
                    (
                        "None: it is not the school's business",
                        0,
                        "She has told you because she trusts you. Signposting is simple and can make a real "
                        "difference.",
                    ),
                ],
                "source": f"{IHOP_PRISONS}; {SCIE}",
            },
            {
                "kind": "single_choice",
                "name": "Arrest agreements",
                "stem": (
                    "Of the 32 local safeguarding children boards that answered SCIE's survey, how many had an "
                    "agreement with police or probation about what happens when a child's parent is arrested?"
                ),
                "answers": [
                    ("None", 0, "Close, but three did. The point stands: formal arrangements are rare."),
                    ("3", 1, "Right: only three. Much depends on local relationships and good will."),
                    ("16", 0, "No: only three of 32 had one."),
                    ("All 32", 0, "No: only three had one, which is why the first days depend on who notices."),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "court",
        "title": "Court: knowledge check",
        "required": False,
        "intro": "Three questions on the court stage.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: a case in the news",
                "stem": (
                    "A parent's trial is in the local paper. By break time, children are talking about it in front "
                    "of her son, Jay, who is nine. What should the school do first?"
                ),
                "answers": [
                    (
                        "Talk with Jay and his family about what he wants others to know, brief only the staff who "
                        "need to know, and act on teasing under the anti-bullying policy",
                        1,
                        "Right: the child's wishes first, a small circle of staff, and prompt action on bullying.",
                    ),
                    (
                        "Explain the case to Jay's class so they understand",
                        0,
                        "That takes the choice away from Jay and his family and may make the gossip worse.",
                    ),
                    (
                        "Say nothing and hope it blows over",
                        0,
                        "Silence leaves Jay alone with it. Plan with the family and be ready to deal with teasing.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: consent and information sharing",
                "stem": (
                    "At parents' evening a mother tells you her partner is on remand and asks you to tell no one. "
                    "You have no safeguarding concern. What do you do?"
                ),
                "answers": [
                    (
                        "Respect her wish, explain how the school's named lead could help, and ask whether she would "
                        "agree to them knowing",
                        1,
                        "Right: ask, explain and respect the family's choice; share without consent only if the "
                        "child's safety requires it.",
                    ),
                    (
                        "Tell the child's teachers so they can keep an eye on him",
                        0,
                        "Not without her consent: with no safeguarding concern, the family decides who knows.",
                    ),
                    (
                        "Refer the family to children's social care",
                        0,
                        "Not needed: most of these children never need a referral. Ask what would help instead.",
                    ),
                ],
                "source": f"{SCIE}; {IHOP_HEALTH}",
            },
            {
                "kind": "single_choice",
                "name": "Short sentences",
                "stem": "Professionals in Cornwall said an average three-month sentence means about how long inside?",
                "answers": [
                    ("About six weeks", 1, "Right: rarely long enough to put any services in place."),
                    ("Three months", 0, "No: about six weeks, so support has to start quickly or not at all."),
                    ("Six months", 0, "No: about six weeks, which is why short sentences leave families unsupported."),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "prison-visits-and-keeping-in-touch",
        "title": "Visits and keeping in touch: knowledge check",
        "required": False,
        "intro": "Three questions on visits and contact.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: the Monday after a visit",
                "stem": (
                    "Every Monday after a weekend prison visit, Amira, eight, is tearful and cannot settle. What "
                    "helps most?"
                ),
                "answers": [
                    (
                        "A quiet check-in with a trusted adult first thing, and a word with her carer about how "
                        "visits go",
                        1,
                        "Right: goodbyes are often the hardest part. A named adult and a calm start let her talk if "
                        "she wants to.",
                    ),
                    (
                        "Suggest the family visit less often",
                        0,
                        "Contact is her right where it is in her interests, and is linked with better outcomes for "
                        "the family. Support her around visits instead.",
                    ),
                    (
                        "Treat it as a behaviour problem",
                        0,
                        "Her distress is a normal reaction to separation; sanctions would add to it.",
                    ),
                ],
                "source": f"{SCIE}; {IHOP_PRISONS}",
            },
            {
                "kind": "single_choice",
                "name": "Scenario: a looked after child's care plan",
                "stem": (
                    "You are reviewing the care plan of a looked after child whose mother is in prison. What does "
                    "the SCIE guide say the plan should do?"
                ),
                "answers": [
                    (
                        "Say how contact with the mother will happen and where the money for it comes from",
                        1,
                        "Right: contact must be considered at every review, and travel costs planned for.",
                    ),
                    (
                        "Leave contact until she is released",
                        0,
                        "No: the child keeps the right to contact now, where it is in their best interests.",
                    ),
                    (
                        "Leave it to the foster carer to arrange",
                        0,
                        "Foster carers may need support, but the plan should set out the arrangements and funding.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "numerical",
                "name": "Visits and reoffending",
                "stem": (
                    "Prisoners who had family visits were how many per cent less likely to reoffend than those who "
                    "had none? Give a whole number."
                ),
                "answers": [
                    ("39", 1, "Right: 39% less likely. Family ties also helped with jobs and housing.", "0"),
                    ("*", 0, "Not quite: the Ministry of Justice study found 39%.", "0"),
                ],
                "source": MAY_2008,
            },
        ],
    },
    {
        "module": "schools-and-universal-services",
        "title": "Schools and universal services: knowledge check",
        "required": False,
        "intro": "Three questions on noticing and supporting children day to day.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: a health visitor is told",
                "stem": (
                    "On a home visit a mother tells you, her health visitor, that her partner is in prison. She is "
                    "happy for you to know but does not want her GP told. What do you do?"
                ),
                "answers": [
                    (
                        "Respect her wish, record it carefully so she need not repeat it, and offer information on "
                        "support, sharing more widely only if there is a safeguarding concern",
                        1,
                        "Right: families may wish to tell one professional only; respect that unless a child's "
                        "safety is at stake.",
                    ),
                    (
                        "Tell the GP anyway: they are part of the same team",
                        0,
                        "Not without her consent. A confidential, non-judgemental space is what makes telling "
                        "possible.",
                    ),
                    (
                        "Do not write it down",
                        0,
                        "Record it, carefully: it shapes the support you offer and spares her telling it again.",
                    ),
                ],
                "source": IHOP_HEALTH,
            },
            {
                "kind": "multiple_response",
                "name": "What schools should do",
                "stem": "Which of these does the SCIE guide recommend for schools? Choose all that apply.",
                "answers": [
                    (
                        "Name a member of staff to link with families, local prisons and probation",
                        0.5,
                        "Yes: so colleagues and families know who to go to.",
                    ),
                    (
                        "Involve the imprisoned parent, for example by sending school reports",
                        0.5,
                        "Yes, where it is safe: it keeps the parent part of the child's learning.",
                    ),
                    (
                        "Tell the class, so classmates can be supportive",
                        -1,
                        "No: what others know is for the child and family to decide.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Safeguarding boards keeping a count",
                "stem": (
                    "How many of the 32 safeguarding children boards that answered SCIE's survey kept a record of "
                    "how many local children had a parent in prison?"
                ),
                "answers": [
                    ("None", 1, "Right: none. Nobody has the job of noticing, so everyone has to."),
                    ("About half", 0, "No: none did, so nobody knew how many children were affected."),
                    ("All of them", 0, "No: none did; these children are not recorded anywhere."),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "release",
        "title": "Release: knowledge check",
        "required": False,
        "intro": "Three questions on a parent coming home.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: a parent coming home after domestic abuse",
                "stem": (
                    "A father who was violent to the children's mother is due for release. The children tell you "
                    "they are excited. What do you do?"
                ),
                "answers": [
                    (
                        "Follow your safeguarding procedures: find out whether children's social care or MAPPA are "
                        "involved, and listen carefully to the children",
                        1,
                        "Right: a parent coming home is not always safe; the children's safety comes first.",
                    ),
                    (
                        "Share their excitement: contact is always good for children",
                        0,
                        "Not always: where there has been abuse, contact must rest on an assessment of risk.",
                    ),
                    (
                        "Tell the children he should not come home",
                        0,
                        "That is not your decision to announce. Raise it through safeguarding procedures and listen.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: getting ready for a return",
                "stem": (
                    "Ellie's dad comes home before half-term. She is excited one day and snappy the next, and her "
                    "mum is worried about money. What is the most useful plan?"
                ),
                "answers": [
                    (
                        "A quiet check-in each morning for a few weeks, the families' helpline for her mum, and, "
                        "with the family's agreement, inviting her dad to parents' evening",
                        1,
                        "Right: small, steady support for the child, help for the carer, and the parent included "
                        "where it is safe.",
                    ),
                    (
                        "Wait and see: release is a happy ending",
                        0,
                        "Release can be a crisis or a fresh start; preparing the family makes the difference.",
                    ),
                    (
                        "Move Ellie to a different class for a fresh start",
                        0,
                        "Change on top of change rarely helps; familiar people and routines do.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Short sentences and offender management",
                "stem": "Safeguarding boards said the Offender Management Service worked only with people serving:",
                "answers": [
                    (
                        "Sentences of 12 months or more",
                        1,
                        "Right: so families after shorter sentences often got no support.",
                    ),
                    ("Sentences of any length", 0, "No: only 12 months or more, which left a gap."),
                    ("Sentences of five years or more", 0, "No: 12 months or more."),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "different-families-different-needs",
        "title": "Different families: knowledge check",
        "required": False,
        "intro": "Three questions on families who may need support shaped for them.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: a father imprisoned abroad",
                "stem": (
                    "A family tells their GP that the children's father is in prison overseas. What did the GP in "
                    "i-HOP's example do?"
                ),
                "answers": [
                    (
                        "Called the i-HOP helpline, which pointed her to Prisoners Abroad and to resources for the "
                        "children",
                        1,
                        "Right: one phone call found a service for this family's situation and materials for the "
                        "children.",
                    ),
                    (
                        "Told the family nothing could be done from here",
                        0,
                        "Services exist for families of prisoners abroad; i-HOP can point you to them.",
                    ),
                    (
                        "Referred the children to social care",
                        0,
                        "Not needed without a concern; signposting to the right service was what helped.",
                    ),
                ],
                "source": IHOP_HEALTH,
            },
            {
                "kind": "true_false",
                "name": "Racism and black families",
                "stem": (
                    "Research reported in the SCIE guide suggests black families of prisoners sometimes meet racism "
                    "from police and prison staff, and black children from their peers."
                ),
                "answers": [
                    ("true", 1, "Right: two small UK studies found this, so culturally appropriate support matters."),
                    (
                        "false",
                        0,
                        "It is true: two exploratory UK studies found it. Services should offer culturally "
                        "appropriate support.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: a teenager holding things together",
                "stem": (
                    "Since his mum went to prison, Kyle, fifteen, gets his younger sisters to school and is often "
                    "late himself. He says he is fine. What do you do?"
                ),
                "answers": [
                    (
                        "Ask gently what he does at home, treat him as a possible young carer, and offer support "
                        "that fits",
                        1,
                        "Right: older children can look as if they are coping while carrying a great deal.",
                    ),
                    (
                        "Give him a detention for lateness",
                        0,
                        "The lateness is a sign, not the problem. Find out what is behind it.",
                    ),
                    (
                        "Take him at his word",
                        0,
                        "Teenagers are easily overlooked because they seem to cope. Ask, and keep asking.",
                    ),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "talking-with-children",
        "title": "Talking with children: knowledge check",
        "required": False,
        "intro": "Three questions on honesty, voice and rights.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: 'Dad is working away'",
                "stem": (
                    "Sasha, nine, was told her dad is 'working away'. Classmates have told her he is in prison. "
                    "Her grandmother asks you what to do."
                ),
                "answers": [
                    (
                        "Help her find honest words that fit Sasha's age, and tell Sasha who she can talk to",
                        1,
                        "Right: children are entitled to the truth, told at the right size.",
                    ),
                    (
                        "Keep the story going to protect Sasha",
                        0,
                        "Sasha already knows something is wrong; a secret she must keep alone can harm her.",
                    ),
                    (
                        "Tell Sasha yourself, straight away",
                        0,
                        "It is the family's conversation; support them to have it, and be there afterwards.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: 'Don't tell anyone'",
                "stem": (
                    "A child says: 'I'll tell you about my dad, but you have to promise not to tell anyone.' What "
                    "do you say?"
                ),
                "answers": [
                    (
                        "'I'll keep it private unless I'm worried you're not safe. If I need to tell someone, I'll "
                        "tell you first.'",
                        1,
                        "Right: honest about the limits, and it keeps the child's trust.",
                    ),
                    (
                        "'I promise.'",
                        0,
                        "You may not be able to keep that promise. Be honest about when you would share.",
                    ),
                    (
                        "'Then don't tell me.'",
                        0,
                        "That shuts the child out. Explain the limits and listen.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "true_false",
                "name": "Contact is a right with a limit",
                "stem": (
                    "Under the UN Convention on the Rights of the Child, a child always has the right to contact "
                    "with an imprisoned parent, whatever the risks."
                ),
                "answers": [
                    (
                        "true",
                        0,
                        "No: Article 9 gives the right except where contact is contrary to the child's best interests.",
                    ),
                    ("false", 1, "Right: the right holds unless contact is against the child's best interests."),
                ],
                "source": SCIE,
            },
        ],
    },
    {
        "module": "developing-practice",
        "title": "Developing practice: knowledge check",
        "required": False,
        "intro": "Four questions on the quality statements and what each sector can do.",
        "questions": [
            {
                "kind": "single_choice",
                "name": "Scenario: which quality statement, telling the school",
                "stem": (
                    "A school adds a question to its admission form, with a note on how the answer is used, so "
                    "families can choose to say a parent is in prison. Which quality statement does this serve?"
                ),
                "answers": [
                    ("Identification", 1, "Right: respectful, consent-based ways to know which children are affected."),
                    (
                        "Building the evidence",
                        0,
                        "That is about recording and evaluating what works; this is identification.",
                    ),
                    ("Challenging stigma", 0, "It may help, but the point here is identifying children, with consent."),
                ],
                "source": IHOP_TOOLKIT,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: which quality statement, family days",
                "stem": (
                    "A prison evaluates its family days, asks children what they thought, and publishes what it "
                    "learned. Which quality statement is this mainly?"
                ),
                "answers": [
                    ("Building the evidence", 1, "Right: recording, evaluating and sharing so practice improves."),
                    ("Awareness", 0, "Awareness is staff understanding the issues; this is building the evidence."),
                    (
                        "Multi-agency working",
                        0,
                        "Agencies may be involved, but evaluating and sharing is building the evidence.",
                    ),
                ],
                "source": IHOP_TOOLKIT,
            },
            {
                "kind": "single_choice",
                "name": "Scenario: a planned arrest",
                "stem": (
                    "You are a police officer planning an arrest at an address where you know children live. What "
                    "does the SCIE guide call good practice?"
                ),
                "answers": [
                    (
                        "Tell children's services before the arrest, and give the family the families' helpline",
                        1,
                        "Right: the children can be kept safe and the carer knows where to turn.",
                    ),
                    (
                        "Deal with the children afterwards if anyone raises it",
                        0,
                        "Too late for the child: planning beforehand is good practice.",
                    ),
                    (
                        "Remove the children first without telling anyone",
                        0,
                        "Children's services should be involved so the children are safely cared for.",
                    ),
                ],
                "source": SCIE,
            },
            {
                "kind": "single_choice",
                "name": "Family Links in Northern Ireland",
                "stem": "NIACRO's Family Links service aims to offer every family independent advice within:",
                "answers": [
                    ("48 hours", 1, "Right: within 48 hours of a person entering prison."),
                    ("Two weeks", 0, "No: within 48 hours, which is what makes it stand out."),
                    ("Three months", 0, "No: within 48 hours of a person entering prison."),
                ],
                "source": SCIE,
            },
        ],
    },
]
