"""Demo course content: Supporting children and families of prisoners.

The content is drawn from the i-HOP and SCIE seed documents: the i-HOP leaflets for prisons and for health
professionals (Barnardo's with POPS, funded by the Department for Education), the i-HOP Quality Statements and
Toolkit blog post, the Headteacher Update launch article, and Sara Lewis, Salina Bates and Joseph Murray,
Children of prisoners: maintaining family ties (SCIE Guide 22, Social Care Institute for Excellence, 2008).

Everything is written in the platform's own words. Figures are cited to their sources as given in the seeds
(studies that the SCIE guide reports are cited "as cited in" the guide). Quotes from children and parents are
verbatim, attributed voices from Owen Gill, Every night you cry (Barnardo's, 2009), as used in the i-HOP
leaflets. Case studies marked as composites are fictional. Contact details appear only where the seeds give
them; they date from the source documents and should be checked before publication.

This module is plain data (dicts, lists and strings) so that later code can turn it into Wagtail pages:
COURSE, with its modules and body blocks. The resource library's RESOURCES and ORGANISATIONS, written from
the same seeds, are in demo/library_content.py.
"""

from typing import Any

SCIE_GUIDE = (
    "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining family ties (SCIE Guide 22), "
    "Social Care Institute for Excellence, 2008"
)

DIFFERENT_FAMILIES = {
    "title": "Different families, different needs",
    "slug": "different-families-different-needs",
    "stage": "practice",
    "summary": (
        "Why black and minority ethnic families, Gypsy and Traveller families, families of foreign national "
        "prisoners, children of women prisoners, teenagers and young carers may need support shaped for them."
    ),
    "body": [
        {
            "type": "image",
            "value": {
                "illustration": "families.svg",
                "alt_text": (
                    "Four families drawn side by side: adults and children of different ages and skin colours, "
                    "some with one adult, some with two."
                ),
                "caption": "No two families meet a parent's imprisonment in the same way.",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>One size does not fit all</h2><p>Everything in this course applies to every family, but "
                "some families meet extra barriers. The SCIE guide found a lack of culturally specific services "
                "for black and minority ethnic families and for travelling communities, and flagged the growing "
                "number of foreign national prisoners as a particular difficulty for their families.</p>"
                "<h3>Black and minority ethnic families</h3><p>Two small exploratory studies in the UK, "
                "reported in the SCIE guide, suggest that black families of prisoners sometimes meet racism from "
                "police and prison staff, and that black children with a parent in prison are especially "
                "exposed to racism from other children. The guide notes that black people are "
                "over-represented in prison, and says services have a duty to offer support that fits a "
                "family's culture, in prison and in the community.</p><p>Group work can help: the guide reports "
                "that belonging to a group of children in the same position can ease shame and show a child "
                "they are not the only one. POPS set up its Black Prisoner Support Project for this reason.</p>"
                "<h3>Gypsy and Traveller families</h3><p>Ormiston recognised that Gypsy and Traveller "
                "communities continue to face racism and disadvantage, and worked with them through travellers' "
                "initiatives in Cambridgeshire and Norfolk. Expect mistrust of services to be earned, not "
                "assumed away.</p><h3>Families of foreign national prisoners</h3><p>Keeping in touch is "
                "harder when a parent is held far from home, faces deportation, or is imprisoned abroad. In "
                "one example from i-HOP's health leaflet, a GP whose patients' father was in prison overseas "
                "called the i-HOP helpline and was pointed to Prisoners Abroad.</p>"
            ),
        },
        {
            "type": "key_fact",
            "value": {
                "figure": "66%",
                "statement": (
                    "of women in prison are mothers, according to Home Office research, and about 17,700 "
                    "children a year are separated from their mother by imprisonment."
                ),
                "source": f"Home Office research, cited in {SCIE_GUIDE}",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h3>Children of women prisoners</h3><p>When a mother goes to prison, a child is far more "
                "likely to lose their home as well. The Social Exclusion Unit found that only 5% of women "
                "prisoners' children stay in their own home, and 12% of children with a mother in prison were "
                "in care, fostered or adopted, against 2% of the children of male prisoners (as cited in the "
                "SCIE guide). Grandparents, other relatives and friends often step in, usually without any "
                "support of their own.</p><p>The SCIE guide adds that the number of women in prison keeps "
                "rising, yet the prison estate does not allow for mothers to be held close to their families, "
                "so visits mean longer journeys.</p><h3>Teenagers and young carers</h3><p>Older children can "
                "be overlooked because they seem to be coping. Some take on caring for younger brothers and "
                "sisters or for the parent at home. The guide singles out two groups of concern: 16 to "
                "18-year-olds in custody themselves, moving from a young offender institution to an adult "
                "prison, and young people leaving care while a parent is still inside. In Durham, a two-year "
                "NEPACS pilot on the needs of teenagers with a family member in prison led to a youth activity "
                "room at the visitors' centre.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "style": "warning",
                "title": "Contact is not always in a child's interests",
                "text": (
                    "Most of this course is about helping children keep in touch, because for most children "
                    "that helps. It is not true of every child. Where a parent has harmed the child or the "
                    "other parent, or there are other risks, the child's safety comes first: follow your "
                    "safeguarding procedures, find out whether children's social care is involved, and listen "
                    "to what the child wants. Under the UN Convention on the Rights of the Child, contact is a "
                    "right except where it is contrary to the child's best interests."
                ),
            },
        },
        {
            "type": "reflection",
            "value": {
                "prompt": (
                    "Think of the families your service sees. Which of them might find it hardest to tell you a "
                    "parent is in prison, and what could you change so that they would?"
                ),
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>What to take away</h2><ul><li>Racism, distance, language and mistrust can add to what a "
                "family already faces.</li><li>When a mother is imprisoned, children are much more likely to "
                "lose their home and to be cared for by grandparents or others.</li><li>Teenagers and young "
                "carers may look as if they are coping; ask.</li><li>Contact helps most children, but the "
                "child's safety and interests decide.</li></ul>"
            ),
        },
    ],
}

TALKING_WITH_CHILDREN = {
    "title": "Talking with children: honesty, voice and rights",
    "slug": "talking-with-children",
    "stage": "practice",
    "summary": (
        "How to help a family tell a child the truth in a way that suits their age, how to listen to what the "
        "child wants, and the rights that sit behind it."
    ),
    "body": [
        {
            "type": "image",
            "value": {
                "illustration": "conversation.svg",
                "alt_text": (
                    "An adult and a child sitting side by side on a bench, each with a speech bubble; the "
                    "child's bubble holds a question mark."
                ),
                "caption": "Side by side, at the child's pace: most of the work is listening.",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>The truth, at the right size</h2><p>Families often want to protect children by keeping a "
                'parent\'s imprisonment secret, or by saying that Dad is "working away". The European '
                "network EUROCHIPS, quoted in the SCIE guide, puts it plainly: children are entitled to the "
                "truth about their parent's imprisonment. Practitioners in the SCIE study warned that children "
                "who have to keep a secret, because adults find prison hard to talk about, can be harmed by it "
                "over time.</p><p>The truth does not have to be all the detail. Help the carer find words that "
                "fit the child's age:</p><ul><li><strong>Young children</strong> need short, concrete answers: "
                "where the parent is, that they are safe, when the child might see or hear from them, and that "
                "it is not the child's fault.</li><li><strong>Older children</strong> may want to know why, "
                "how long, and what to say to friends. Let them ask, and answer honestly.</li><li><strong>Every "
                "child</strong> needs to know who they can talk to, and that their feelings, including anger, "
                "are allowed.</li></ul><p>Action for Prisoners' Families has published pamphlets for families "
                "on telling the children, living with separation, keeping in touch and preparing for release, "
                "listed in the SCIE guide.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "text": "I just bottle it up...I don't want to tell anyone",
                "attribution": "Child, in Owen Gill, Every night you cry (Barnardo's, 2009), quoted by i-HOP",
                "speaker": "child",
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>The child's voice and rights</h2><p>\"Children's voice and rights\" is one of i-HOP's "
                "eight quality statements. In practice it means asking the child, not only the adults, what "
                "would help: whether they want to visit, who at school should know, what they want said if "
                "classmates ask.</p><p>Two rights sit behind this, as the SCIE guide sets out. Under the UN "
                "Convention on the Rights of the Child, the child's best interests must be a primary "
                "consideration and the child has the right to be heard (Article 3), and a child separated from "
                "a parent has the right to regular, direct contact unless that is contrary to their best "
                "interests (Article 9). The Human Rights Act 1998 (Article 8) protects respect for family "
                "life.</p><h3>When a child asks you to keep a secret</h3><p>Do not promise to tell no one. "
                "Say that you will keep what they tell you private unless you are worried about their safety, "
                "and that if you need to tell someone you will tell them first. Then listen.</p>"
            ),
        },
        {
            "type": "case_study",
            "value": {
                "title": 'Composite case: "Is my dad a bad man?"',
                "body": (
                    "<p><em>This is a fictional composite.</em> Leo, six, asks his teaching assistant during "
                    "a quiet activity whether his dad is a bad man, because the police took him.</p><p>She "
                    "stops what she is doing, sits beside him and says that his dad did something against the "
                    "law, that grown-ups are sorting it out, and that it is not Leo's fault. She asks what he "
                    "has been told at home. Afterwards she tells the school's named lead, who calls Leo's mum "
                    "to agree simple words the whole family and the school can use.</p>"
                ),
            },
        },
        {
            "type": "reflection",
            "value": {
                "prompt": (
                    "What words would you use to tell a seven-year-old where their parent is? Write them down, "
                    "then check they are honest, short and free of blame."
                ),
            },
        },
        {
            "type": "rich_text",
            "value": (
                "<h2>What to take away</h2><ul><li>Children are entitled to the truth, told in a way that fits "
                "their age.</li><li>Secrets kept alone can harm a child; help the family agree what to "
                "say.</li><li>Ask the child what would help; their views count.</li><li>Never promise total "
                "secrecy; explain when you would have to share.</li></ul>"
            ),
        },
    ],
}

ROLE_SECTION = {
    "type": "rich_text",
    "value": (
        "<h2>What you can do in your role</h2><p>The SCIE guide ends with recommendations for each sector. "
        "Here they are in short, in our words, with the practice the course has shown.</p>"
        "<h3>Schools and early years</h3><ul><li>Name a member of staff to link with families, local prisons "
        "and probation.</li><li>Train staff, including on starting an early help assessment (the guide names "
        "the Common Assessment Framework).</li><li>Keep the imprisoned parent involved, for example by sending "
        "reports, where that is safe.</li><li>Keep supporting children who are excluded.</li></ul>"
        "<h3>Health</h3><ul><li>GPs, practice nurses, midwives and health visitors: learn the issues, and "
        "offer a confidential place to tell you.</li><li>Work across boundaries with probation and the "
        "voluntary sector, with the family's consent.</li><li>Start an early help assessment when you are "
        "worried; anyone can.</li></ul>"
        "<h3>Children's social care</h3><ul><li>Build the needs of these children into local plans and into "
        "training for social workers and foster carers.</li><li>Care plans for looked after children should say "
        "how contact will happen and who pays for it.</li><li>Care leavers with a parent in prison need "
        "particular care as they move to adult services.</li></ul>"
        "<h3>Police</h3><ul><li>When you know children live at an address, tell children's services before an "
        "arrest, as good practice.</li><li>Know the national families' helpline and give its number to the "
        "family.</li></ul>"
        "<h3>Prisons</h3><ul><li>Ask about children when a prisoner arrives.</li><li>Offer child-friendly "
        "visiting areas, family days, Storybook Dads and parenting courses, and visiting times that do not "
        "mean missing school.</li><li>Tell children's services when a parent completes a parenting "
        "programme.</li></ul>"
        "<h3>Probation</h3><ul><li>Learn what other agencies do, so information can be shared well.</li>"
        "<li>Treat family ties as part of rehabilitation: they are linked with lower reoffending.</li></ul>"
        "<h3>Youth offending teams</h3><ul><li>The SCIE guide holds up the youth offending team as a "
        "multi-agency partnership that works, with police, health and probation on its board, and suggests its "
        "children and young people's partnership as a place to raise these children's needs.</li><li>Watch for "
        "young people who have a parent in prison themselves, especially 16 to 18-year-olds moving to adult "
        "custody.</li></ul>"
        "<h3>Voluntary sector</h3><ul><li>Evaluate what you do, so that good practice can spread.</li>"
        "<li>Help other professionals use early help assessments.</li></ul>"
    ),
}

LEGAL_PANEL = {
    "type": "callout",
    "value": {
        "style": "info",
        "title": "The law and policy behind this course, and how old it is",
        "text": (
            "The legal and policy background here comes from SCIE Guide 22, published in 2008: the UN "
            "Convention on the Rights of the Child (1989), the Human Rights Act 1998, the Children Act 2004, "
            "Every Child Matters, local safeguarding children boards, the NOMS children and families pathway, "
            "the Common Assessment Framework and the children's centre guidance (Chapter 19). The i-HOP "
            "leaflets add Working Together to Safeguard Children (2013) and NOMS papers from 2014. Guidance, "
            "bodies and names from 2008 may have changed or been replaced since: check the current version "
            "before you rely on any of them."
        ),
    },
}


COURSE: dict[str, Any] = {
    "title": "Supporting children and families of prisoners",
    "slug": "supporting-children-and-families-of-prisoners",
    "summary": (
        "A practical course for anyone who works with children, showing how a parent's imprisonment can affect "
        "a child at each stage from arrest to release, and what you can do to help."
    ),
    "learning_outcomes": [
        (
            "Describe how many children are affected by a parent's imprisonment and the main risks to their "
            "health, well-being and education."
        ),
        "Explain what children and families may go through at arrest, at court, during a sentence and on release.",
        (
            "Recognise signs that a child may be affected and respond sensitively, respecting consent and your "
            "safeguarding duties."
        ),
        (
            "Take practical steps in your setting to help a child keep in touch with a parent in prison, where "
            "that is in the child's interests."
        ),
        "Signpost families and colleagues to national and local services, helplines and resources.",
        "Use the eight i-HOP quality statements to review and develop your service's practice.",
    ],
    "audience_sectors": [
        "education",
        "health",
        "social_care",
        "police",
        "prison",
        "probation",
        "youth_justice",
        "voluntary",
    ],
    "modules": [
        {
            "title": "Facts and figures: the children we rarely see",
            "slug": "facts-and-figures",
            "stage": "facts",
            "summary": (
                "How many children live through a parent's imprisonment, what the research says about their "
                "outcomes, and why this matters in your everyday work."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>A large group that is easy to miss</h2><p>Every year, a great many children in "
                        "England and Wales see their mum or dad sent to prison. Very few of them will ever be "
                        "pointed out to you.</p><p>No agency routinely asks about these children or counts "
                        "them. Without that, nobody can be sure their needs are being met.</p><p>Many families "
                        "would rather keep it quiet. They may worry about gossip, bullying or social workers "
                        "getting involved. That is why your ordinary contact with a child, in a classroom, a "
                        "clinic or on a home visit, matters so much.</p><p>This module gives you the key "
                        "numbers, and is honest about what the research can and cannot tell us.</p>"
                    ),
                },
                {
                    "type": "image",
                    "value": {
                        "illustration": "journey.svg",
                        "alt_text": (
                            "A dotted path linking four circles labelled Arrest (a front door), Court (pillars), "
                            "Prison (a barred window) and Release (a house under a rising sun), with an adult and "
                            "a child walking along it."
                        ),
                        "caption": "The course follows a family's path from arrest to release.",
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "200,000",
                        "statement": (
                            "The estimated number of children in England and Wales who experience the "
                            "imprisonment of a parent each year, as i-HOP's leaflets and Toolkit put it."
                        ),
                        "source": (
                            "i-HOP team (Barnardo's), Supporting children of offenders: the i-HOP Quality "
                            "Statements & Toolkit (guest blog), Children's and Young People's Centre for "
                            "Justice, University of Strathclyde, undated"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "162,000",
                        "statement": (
                            "SCIE's 2008 estimate of the children affected, most of whom remain unknown to "
                            "services. It is lower than i-HOP's later 200,000: neither is an official count, "
                            "because these children are not recorded anywhere."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "16,500",
                        "statement": (
                            "The estimated number of children in Scotland affected by a parent's imprisonment "
                            "each year. A Scottish Criminal Justice Bill included a duty to ask all prisoners "
                            "about dependent children so their needs can be assessed; England and Wales have no "
                            "such routine process."
                        ),
                        "source": (
                            "i-HOP team (Barnardo's), Supporting children of offenders: the i-HOP Quality "
                            "Statements & Toolkit (guest blog), Children's and Young People's Centre for "
                            "Justice, University of Strathclyde, undated"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "2x",
                        "statement": (
                            "i-HOP's leaflet for health professionals says children with a parent in prison are "
                            "twice as likely to experience mental health problems (and at higher risk of "
                            "physical illness)."
                        ),
                        "source": (
                            "Barnardo's and POPS, i-HOP: Assisting health professionals to support children of "
                            "offenders (leaflet, undated), which gives SCIE Guide 22 (2008) as its reference"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "About 3x",
                        "statement": (
                            "SCIE's summary: compared with their peers, children of prisoners have about three "
                            "times the risk of antisocial or delinquent behaviour, mental health problems and "
                            "other adverse outcomes. Pooling five studies of antisocial behaviour gave an "
                            "average odds ratio of 3.4."
                        ),
                        "source": (
                            "Joseph Murray and David Farrington, cited in Lewis, Bates and Murray, Children of "
                            "prisoners: maintaining family ties (SCIE Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>Twice or three times? Why the two figures differ</h3><p>You will see both figures "
                        "quoted. i-HOP's leaflet for health professionals says these children are <strong>twice "
                        "as likely</strong> to have mental health problems, and gives SCIE Guide 22 (2008) as "
                        "its reference. The guide itself puts it as <strong>about three times the "
                        "risk</strong> of antisocial behaviour, mental health problems and other poor "
                        "outcomes.</p><p>They differ because they summarise different things. The 3x comes "
                        "from odds ratios, mostly from five studies of antisocial behaviour (average 3.4); "
                        'an odds ratio is not the same as "times as likely". For mental health, the guide '
                        "has one large long-term study: in the Cambridge Study, 36% of boys separated by a "
                        "parent's imprisonment had high anxiety or depression at 48, against 15% of other "
                        "boys, and the guide notes there are no other large long-term studies of mental "
                        "health in these children. The leaflet rounds this into a simple headline.</p><p>Both "
                        "say the same thing for your practice: the risk is markedly higher. When you quote a "
                        "figure, say where it comes from.</p>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "65%",
                        "statement": (
                            "In the Cambridge Study, 65% of the 23 boys separated from a parent by imprisonment "
                            "before age ten were convicted themselves between 19 and 32, against 21% of boys "
                            "with no such history. A small sample: treat it as a warning sign, not a forecast."
                        ),
                        "source": (
                            "Joseph Murray and David Farrington, Cambridge Study in Delinquent Development, "
                            "cited in Lewis, Bates and Murray, Children of prisoners: maintaining family ties "
                            "(SCIE Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "17,700",
                        "statement": (
                            "The estimated number of children separated from their mother by imprisonment each "
                            "year. Home Office research found that 66% of women in prison are mothers."
                        ),
                        "source": (
                            "Home Office research, cited in Lewis, Bates and Murray, Children of prisoners: "
                            "maintaining family ties (SCIE Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "25%",
                        "statement": (
                            "Who cared for the children of women prisoners: 25% their father or the mother's "
                            "partner, 25% grandmothers, 29% other family or friends; 12% were in care, with "
                            "foster parents or adopted. The guide notes the study was then ten years old."
                        ),
                        "source": (
                            "HM Inspectorate of Prisons, cited in Lewis, Bates and Murray, Children of "
                            "prisoners: maintaining family ties (SCIE Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "5%",
                        "statement": (
                            "The share of women prisoners' children who stay in their own home once their "
                            "mother is sentenced. 12% of children with a mother in prison were in care, "
                            "fostered or adopted, compared with 2% of the children of male prisoners."
                        ),
                        "source": (
                            "Social Exclusion Unit, Reducing re-offending by ex-prisoners, 2002, cited in "
                            "Lewis, Bates and Murray, Children of prisoners: maintaining family ties (SCIE "
                            "Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What the research does and does not show</h3><p>The link between a parent going to "
                        "prison and poorer outcomes for children is strong. In the Cambridge Study, 36% of boys "
                        "separated by a parent's imprisonment had high levels of anxiety or depression at 48, "
                        "against 15% of boys with no such history.</p><p>Whether prison itself <em>causes</em> "
                        "the harm is less clear. Many families were already struggling with poverty, "
                        "unemployment or poor mental health before the arrest. Three studies (the Cambridge "
                        "Study and two from the United States) fit the idea that imprisonment does harm "
                        "children. Two others, from Sweden and Australia, found no effect once earlier risks "
                        "were taken into account.</p><p>Researchers point to several ways the harm may come "
                        "about:</p><ul><li><strong>Separation</strong> that is often sudden, sometimes "
                        "frightening and seldom explained.</li><li><strong>Money worries</strong>, as income "
                        "falls and visits, calls and travel all cost money.</li><li><strong>Strained care at "
                        "home</strong>, as the remaining carer copes with stress and "
                        "change.</li><li><strong>Stigma</strong>, including teasing and "
                        "bullying.</li></ul><p>Swedish children seemed better protected, possibly thanks to "
                        "family-friendly prison rules, a welfare-based approach to young people and kinder "
                        "public attitudes. That is hopeful: it suggests the way services respond can change "
                        "outcomes.</p><p>Protective factors help too. Stable, affectionate care, a sense of "
                        "hope and good social support all appear to help children cope.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "text": "I just bottle it up...I don't want to tell anyone",
                        "attribution": (
                            "Child, in Owen Gill, Every night you cry (Barnardo's, 2009), "
                            "quoted in i-HOP's leaflet for health professionals"
                        ),
                        "speaker": "child",
                    },
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "Think about the children you work with now. How would you find out if one of them "
                            "had a parent in prison, and what might stop their family from telling you?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Around 200,000 children a year in England and Wales "
                        "are affected, yet nobody routinely identifies them.</li><li>They face higher risks of "
                        "mental health problems, offending and other poor outcomes, although studies disagree "
                        "on how far prison itself is the cause.</li><li>Separation, money worries, strained "
                        "care and stigma can add to the harm; stable care and supportive services can reduce "
                        "it.</li><li>Not every child needs specialist help. Every child needs adults who "
                        "notice.</li></ul>"
                    ),
                },
            ],
        },
        {
            "title": "Arrest: when a parent is taken away",
            "slug": "arrest",
            "stage": "arrest",
            "summary": (
                "What children may see and feel when a parent is arrested, what normally happens next, and how "
                "you can help in the first few days."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>When the door goes</h2><p>For many children, the justice system begins at their "
                        "own front door. A parent may be led away early in the morning, with the children "
                        "watching and nobody telling them what is going on.</p><p>Some arrests are calm. Others "
                        "are loud, frightening or rough. Research describes this kind of separation as often "
                        "unexpected, sometimes violent and frequently left unexplained.</p><p>Children can be "
                        "left wondering where their parent has gone, whether they are safe, and whether it was "
                        "somehow their fault. In the weeks that follow they may also lose family income, have "
                        "to move home, and face shame or bullying.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "text": "We was there when he got locked up.",
                        "attribution": ("7 year old girl, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "child",
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "75%",
                        "statement": (
                            "In a small United States study of 36 children of imprisoned mothers, three in four "
                            "showed symptoms linked with post-traumatic stress disorder. The sample was small, "
                            "but it shows how deeply some children are affected."
                        ),
                        "source": (
                            "Joseph Kampfner, 1995, cited in Lewis, Bates and Murray, Children of prisoners: "
                            "maintaining family ties (SCIE Guide 22), SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What usually happens next</h3><p>When police know beforehand that children live at "
                        "an address, good practice is to contact children's services before the arrest. If "
                        "children are found unexpectedly, police should get in touch with the local assessment "
                        "team or, out of hours, the emergency duty team.</p><p>The assessment team's task is to "
                        "make sure the children are safely looked after until a parent or carer can take over "
                        "again. Often another parent, a grandparent or another relative steps in.</p><p>Formal "
                        "arrangements are rare. Much depends on local relationships, and out of hours both "
                        "police and duty staff can be stretched, which can cause delays.</p>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "3 of 32",
                        "statement": (
                            "Only three of the 32 local safeguarding children boards that answered a national "
                            "survey had an agreement with police or probation about what should happen when a "
                            "child's parent is arrested."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "info",
                        "title": "Helplines worth knowing",
                        "text": (
                            "Police and social workers are encouraged to know about the national helpline for "
                            "prisoners' families, run by Action for Prisoners' Families with Ormiston and POPS "
                            "(listed in the SCIE guide as 0808 808 2003). Professionals can call the i-HOP "
                            "helpline on 0808 802 2013, Monday to Friday, 9am to 5pm. Numbers are as printed in "
                            "the source documents, so check they are still current before passing them on."
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What helps in the first days</h3><ul><li><strong>Keep routines going.</strong> "
                        "Familiar people, places and timetables help a child feel safe.</li><li><strong>Agree a "
                        "simple, honest explanation</strong> with the family that suits the child's age. "
                        "EUROCHIPS, quoted in the SCIE guide, says children are entitled to the truth about a parent's "
                        "imprisonment, and practitioners there warned that keeping such a secret alone can harm a "
                        "child over time.</li><li><strong>Give "
                        "the child room to talk</strong> about what they saw, without pushing. A trusted, named "
                        "adult makes this easier.</li><li><strong>Think about the carer.</strong> The parent "
                        "left at home may be in shock, short of money and unsure what to say. A helpline or "
                        "local family support can help them.</li><li><strong>Watch for changes</strong> in "
                        "sleep, eating, behaviour or attendance, and raise concerns through your usual early "
                        "help or safeguarding routes.</li></ul><p>In Australia, the Victorian Association for "
                        "the Care and Resettlement of Offenders has called for a debriefing service to help "
                        "children who witness an arrest cope with the trauma. Nothing like that exists "
                        "routinely here, so the adults around the child matter all the more.</p>"
                    ),
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Composite case: a health visit after a dawn arrest",
                        "body": (
                            "<p><em>This is a fictional composite.</em> Jade has a three-year-old, Kai, and an "
                            "eight-week-old baby. Police arrested her partner at home at six in the morning, "
                            "and Kai watched from the landing.</p><p>At the next visit, the health visitor "
                            "notices that Jade is tearful. Kai, who had been dry at night, is wetting the bed "
                            "again and will not leave his mum's side.</p><p>The health visitor asks gently how "
                            "things are at home, and Jade explains. The health visitor listens, reassures her "
                            "that Kai's reactions are common after a frightening event, and helps her think of "
                            "simple words to tell Kai where Daddy is.</p><p>With Jade's agreement, she shares "
                            "details of the national helpline and the local children's centre. She records the "
                            "information carefully so Jade does not have to tell her story again, and brings "
                            "forward her next visit.</p>"
                        ),
                    },
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "If a child in your setting had watched a parent being arrested last night, who "
                            "would know by this morning? What would you want them to do first?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Arrest can be sudden and frightening, and children "
                        "are often given no explanation.</li><li>Police should involve children's services when "
                        "they know children are present, but formal agreements are uncommon.</li><li>Routine, "
                        "honest explanations, a trusted adult and support for the carer all help.</li><li>Know "
                        "the helplines, and use your usual early help and safeguarding routes if you are "
                        "worried.</li></ul>"
                    ),
                },
            ],
        },
        {
            "title": "Court: remand, sentencing and living with uncertainty",
            "slug": "court",
            "stage": "court",
            "summary": (
                "What families face while a case goes through the courts, the difference between remand and "
                "sentence, and how to support children through uncertainty and publicity."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Weeks or months of not knowing</h2><p>Between arrest and sentence, families can be "
                        "left in limbo for a long time. Hearings are put back, and nobody can say how long a "
                        "parent might be away.</p><p>As long ago as 1990, a Save the Children guide for "
                        "prisoners' families pointed out that every stage, from arrest and trial to prison and "
                        "release, brings new and complicated problems. Families can feel as though they never "
                        "get the chance to settle.</p><h3>Remand and sentence in plain "
                        "terms</h3><ul><li><strong>Remand</strong> means the person is held in prison while "
                        "waiting for their trial or sentence. Arrangements for families can be harder to put in "
                        "place for people on remand.</li><li><strong>Sentence</strong> is the court's decision "
                        "on punishment. A prison sentence can still come as a shock, even when the family half "
                        "expected it.</li></ul>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "6 weeks",
                        "statement": (
                            "Professionals in Cornwall reported that short sentences are the norm: an average "
                            "three-month sentence means only about six weeks inside. There is rarely time for "
                            "any services to be put in place, and homelessness on release is a common problem."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What families face at court</h3><p>Families are often not ready for a custodial "
                        "outcome. When it comes, they are in no state to absorb what little information they "
                        "are given. Practitioners in the SCIE study called court a large gap in support, with "
                        "no formal arrangements across the UK and only patchy help from charities.</p><p>Common "
                        "worries include:</p><ul><li>what to tell the children, and when</li><li>where the "
                        "parent will be held, and how to arrange a first visit</li><li>money, benefits and "
                        "housing if the parent was the earner or the tenant</li><li>friends, neighbours and the "
                        "local press finding out</li></ul>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "64%",
                        "statement": (
                            "In research on imprisoned fathers and their children, almost two-thirds of the "
                            "families questioned said they had no links at all with agencies that might support "
                            "them."
                        ),
                        "source": (
                            "Boswell and Wedge, Imprisoned fathers and their children, cited in Lewis, Bates "
                            "and Murray, Children of prisoners: maintaining family ties (SCIE Guide 22), SCIE, "
                            "2008"
                        ),
                    },
                },
                {
                    "type": "quote",
                    "value": {
                        "text": (
                            "I was pregnant when (partner) went away, but I would have liked to have had more "
                            "help in people talking to me and telling me what to expect."
                        ),
                        "attribution": ("Mother, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "parent",
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "warning",
                        "title": "When a case is in the news",
                        "text": (
                            "Schools sometimes learn that a parent is in custody only when the story appears in "
                            "the local paper. If a case is reported, be ready for questions and comments in the "
                            "playground. Agree with the family, where you can, what the child wants others to "
                            "know, brief the staff who need to know, and use your anti-bullying policy promptly "
                            "if teasing starts."
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Practice examples: support at court",
                        "body": (
                            "<p>Support at court is thin on the ground, but the SCIE guide found some promising "
                            "examples:</p><ul><li><strong>South West England:</strong> the Prison Advice and "
                            "Care Trust (PACT) ran a service at Plymouth and Bodmin Magistrates' Courts, where "
                            "staff could meet every family and ask about "
                            "children.</li><li><strong>Scotland:</strong> every prisoner and family was given a "
                            "leaflet at court about the services open to them. In Edinburgh, families and "
                            "prisoners were invited to a relaxed, child-friendly morning session on the Friday "
                            "after sentencing to learn about visits and prison life.</li><li><strong>North West "
                            "England:</strong> POPS wrote to local solicitors about its service and was setting "
                            "up a family link worker at Manchester Magistrates' Court, so that families would "
                            "not have to wait until prison induction for "
                            "help.</li><li><strong>Leaflets:</strong> the Thames Valley Partnership produced "
                            "'Custody - what now?' for children at court, and NIACRO in Northern Ireland "
                            "produced a leaflet on prison for people at court.</li></ul>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What you can do</h3><ul><li>Ask the family, gently, whether a court date is coming "
                        "up, and check in with them afterwards.</li><li>Help the carer plan childcare for court "
                        "days, so that children are not left with someone unsuitable.</li><li>Point the family "
                        "to court-based support where it exists, and to helplines where it does "
                        "not.</li><li>Help the family prepare an honest explanation for the children that will "
                        "work whatever the outcome.</li><li>If a child's behaviour or attendance changes, "
                        "consider an early help assessment, such as the Common Assessment Framework (CAF) "
                        "described in the SCIE guide.</li></ul>"
                    ),
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "What would help a family you know feel less alone between arrest and sentence? "
                            "Which local or national services could you point them to today?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>The court stage is one of the least supported parts "
                        "of a family's journey.</li><li>Remand brings uncertainty; short sentences can leave no "
                        "time for services to help.</li><li>Local press coverage can expose a child to gossip "
                        "and bullying, so plan ahead with the family.</li><li>Simple steps, such as checking in "
                        "around court dates and signposting, make a real difference.</li></ul>"
                    ),
                },
            ],
        },
        {
            "title": "In prison: visits and keeping in touch",
            "slug": "prison-visits-and-keeping-in-touch",
            "stage": "prison",
            "summary": (
                "Why contact with a parent in prison matters, what a visit is like for a child, and the "
                "practical ways families can stay close."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Why contact matters</h2><p>For many children, seeing and hearing from their parent "
                        "is what helps most. Under Article 9 of the UN Convention on the Rights of the Child, a "
                        "child separated from a parent has the right to keep in regular, direct contact, unless "
                        "that is against their best interests. Article 8 of the Human Rights Act 1998 protects "
                        "respect for family life.</p><p>Contact is not right for every child. Where there are "
                        "concerns about safety, the child's safety and well-being always come first, and "
                        "decisions should rest on proper assessment.</p><p>Contact matters for the parent too. "
                        "Family ties are one of the strongest supports for someone trying to stop "
                        "offending.</p>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "39%",
                        "statement": (
                            "Prisoners who had family visits were 39% less likely to reoffend than those who "
                            "had none. Family support was also linked with better job prospects and less "
                            "homelessness after release."
                        ),
                        "source": (
                            "C. May, N. Sharma and D. Stewart, Factors linked to reoffending: a one-year "
                            "follow-up of prisoners who took part in the Resettlement Surveys 2001, 2003 and "
                            "2004, Ministry of Justice, 2008"
                        ),
                    },
                },
                {
                    "type": "quote",
                    "value": {
                        "text": (
                            "When we get to see him we get to huggle him... He has to sit on the red seat. He's "
                            "not allowed to get up."
                        ),
                        "attribution": ("7 year old girl, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "child",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What a visit is like for a child</h3><p>A visit can take the whole day. Families "
                        "may travel a long way, start early and miss school. There are fewer women's prisons, "
                        "so mothers are often held even further from home.</p><p>At the prison there are "
                        "security checks, queues, and rules about what can be brought in and how people may sit "
                        "and touch. Some children find this frightening; others soon get used to it. Saying "
                        "goodbye is often the hardest part.</p><p>Things that make a real "
                        "difference:</p><ul><li><strong>Visitors' centres</strong> near the prison gate, where "
                        "families can wait, find information and talk to staff or "
                        "volunteers.</li><li><strong>Child-centred visits and family days</strong>, where "
                        "parents can play and talk with their children in a more relaxed "
                        "setting.</li><li><strong>Prison staff who understand</strong> what a visit means to a "
                        "child.</li><li><strong>Help with costs.</strong> The Assisted Prison Visits Scheme "
                        "contributes towards visiting costs for families on benefits and low incomes.</li></ul>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "text": "When we leave, we cry a bit.",
                        "attribution": ("11 year old boy, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "child",
                    },
                },
                {
                    "type": "quote",
                    "value": {
                        "text": (
                            "I've took them to [the prison] every time because I think it's lovely there, plus "
                            "those child-centred visits - they're brilliant."
                        ),
                        "attribution": ("Mother, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "parent",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>Other ways to stay close</h3><ul><li><strong>Letters, cards and drawings</strong>, "
                        "which children can keep and read again.</li><li><strong>Phone calls</strong>, although "
                        "the cost can add to a family's money worries.</li><li><strong>Recorded "
                        "stories.</strong> Storybook Dads helps parents in prison record stories, with music "
                        "and sound effects, that their children can play at home.</li><li><strong>School "
                        "news.</strong> Sending reports and pieces of work to the prison lets a parent stay "
                        "part of their child's learning.</li></ul>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "1,700+",
                        "statement": (
                            "Prisoners and children who had benefited from Storybook Dads, which was then "
                            "working in more than 30 prisons, including several women's prisons."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Practice example: the Family Learning Programme at HMP Wolds",
                        "body": (
                            "<p>At HMP Wolds, fathers meet their young children every week in a relaxed room, "
                            "where they can play and get to know each other as parents rather than as "
                            "visitors.</p><p>The programme puts the child at its centre. Both the father inside "
                            "and the mother outside learn about parenting and complete tasks towards an "
                            "accredited OCN certificate.</p><p>The prison also wrote a guide, 'Daddy's working "
                            "away: a guide to being a dad in prison', which has been sent to every prison in "
                            "the country.</p><p><strong>Why it works:</strong> research commissioned by the "
                            "Department for Children, Schools and Families suggested that family learning of "
                            "this kind, going beyond an ordinary visit, gives families a much better chance of "
                            "succeeding together after release.</p>"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "tip",
                        "title": "Looked after children",
                        "text": (
                            "If a child is looked after, contact with a parent in prison must be considered at "
                            "every review, wherever the parent is. Care plans should spell out what will happen "
                            "and who will pay for travel. Social workers may need to request visits and escort "
                            "the child, and foster carers may need support to help the child keep in touch."
                        ),
                    },
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "How could your setting help a child before and after a prison visit, for example "
                            "on a Monday morning after a weekend visit?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Children have a right to keep in touch with an "
                        "imprisoned parent where it is in their best interests; safety always comes "
                        "first.</li><li>Family visits are linked with much lower reoffending.</li><li>Visits "
                        "can be long, costly and emotional; visitors' centres, child-centred visits and family "
                        "days make them easier.</li><li>Letters, calls, recorded stories and school reports all "
                        "help a child and parent stay close.</li></ul>"
                    ),
                },
            ],
        },
        {
            "title": "In prison: the part schools and universal services play",
            "slug": "schools-and-universal-services",
            "stage": "prison",
            "summary": (
                "How teachers, health visitors, midwives, GPs and children's centres can notice, include and "
                "support children while a parent is in prison."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Where children are seen every day</h2><p>Children spend most of their weekdays in "
                        "school, nursery or other early years settings. Babies and toddlers see midwives, "
                        "health visitors and GPs. These universal services are often the only professionals a "
                        "prisoner's child will ever meet.</p><p>Yet staff are rarely told. The SCIE study found "
                        "that schools often learn about a parent's imprisonment only because a child's "
                        "behaviour changes. Nobody has the job of passing the news on.</p>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "0 of 32",
                        "statement": (
                            "None of the 32 local safeguarding children boards that answered the SCIE survey "
                            "kept a record of how many local children had a parent or carer in prison."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>Signs and silences</h3><p>Teachers often do not connect a change in behaviour or "
                        "attendance with a parent being in prison. Children may seem sad, worried, angry or "
                        "unable to concentrate. Some go quiet; others act out.</p><p>Many children keep the "
                        "secret because they sense that adults find prison hard to talk about, or because they "
                        "dread what classmates will say. Practitioners warned that carrying a secret like this "
                        "alone can do harm over time.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "text": (
                            "got verbal abuse from other children... The pressure was so great that the "
                            "children didn't want to go to school"
                        ),
                        "attribution": ("A child's carer, quoted by Boswell and Wedge, cited in SCIE Guide 22 (2008)"),
                        "speaker": "parent",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What schools can do</h3><ul><li><strong>Name a member of staff</strong> to link "
                        "with families, local prisons and probation, and make sure colleagues know who it "
                        "is.</li><li><strong>Train all staff</strong> on how a parent's imprisonment affects "
                        "children, and on how to start an early help assessment such as the "
                        "CAF.</li><li><strong>Keep the parent involved</strong> where it is safe and "
                        "appropriate, for example by sending school reports to the prison.</li><li><strong>Use "
                        "your anti-bullying policy</strong> to deal with teasing about a parent in "
                        "prison.</li><li><strong>Talk to the family about visits</strong>, so that children can "
                        "go without falling behind.</li><li><strong>Remember excluded pupils.</strong> They "
                        "still need support, and links with other services.</li></ul>"
                    ),
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Practice example: a county policy and a way in through pastoral care",
                        "body": (
                            "<p>Gloucestershire's local education authority adopted a policy on the education "
                            "of children with a parent or close relative in prison. It aims to raise awareness "
                            "of these children's needs, protect their attendance and achievement, and promote "
                            "their inclusion.</p><p>Schools name staff who act as a link, and HMP Gloucester "
                            "agreed to provide a named contact as well.</p><p>In the Eastern region, Ormiston "
                            "built partnerships with schools, usually through someone on the pastoral team. "
                            "When a school would not put up Ormiston's leaflets, staff found another route in "
                            "through the school's anti-bullying policy.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>Midwives, health visitors and GPs</h3><p>A baby's first contact with universal "
                        "services is usually a midwife, then a health visitor. GP practices and community "
                        "health teams can offer a confidential, non-judgemental space where a parent feels able "
                        "to mention that a partner is in prison.</p><p>Some families want only one professional "
                        "to know. Others are happy for you to share the information with people who can help. "
                        "Ask, explain, and respect their choice unless there is a safeguarding "
                        "concern.</p><p>Health staff working in prisons can help parents stay aware of their "
                        "children's development and health needs. Children's centres matter too: guidance for "
                        "Sure Start children's centres included a chapter (Chapter 19) on the needs of "
                        "prisoners' children and on helping families keep in touch.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "text": "The health visitor knows that dad is in prison... She is supportive.",
                        "attribution": ("Parent, in Owen Gill, Every night you cry (Barnardo's, 2009)"),
                        "speaker": "parent",
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Practice examples: Reading midwives and a GP who called i-HOP",
                        "body": (
                            "<p><strong>Reading:</strong> midwives note on referral forms when a new or "
                            "expectant mother's baby has a parent or close relative in prison. Health visitors "
                            "refer families affected by imprisonment to their local children's centre, which "
                            "keeps information packs for them.</p><p><strong>A GP:</strong> during an "
                            "appointment, a family told their GP that the children's father was in prison "
                            "abroad. The GP rang the i-HOP helpline, which pointed her to services suited to "
                            "the family, including Prisoners Abroad. i-HOP also suggested resources to help the "
                            "children understand what was happening, and free e-learning to raise awareness "
                            "among colleagues.</p>"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "info",
                        "title": "Not every child needs a referral",
                        "text": (
                            "Most children of prisoners are not known to children's services, and many will "
                            "never need specialist help. Avoid labelling them. If you are concerned, any "
                            "professional can begin an early help assessment, such as the CAF described in the "
                            "SCIE guide, working with the family."
                        ),
                    },
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "If a parent told you tomorrow that their partner had gone to prison, what would "
                            "you say, what would you record, and who else would you ask their permission to "
                            "tell?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Schools, early years settings and community health "
                        "services are where these children are most likely to be seen.</li><li>A change in "
                        "behaviour or attendance is often the first sign; nobody is routinely told.</li><li>A "
                        "named lead, trained staff, an anti-bullying approach and keeping the parent informed "
                        "all help.</li><li>Midwives, health visitors and GPs can offer a safe place to talk and "
                        "a route to support, with the family's consent.</li></ul>"
                    ),
                },
            ],
        },
        {
            "title": "Release: coming home and starting again",
            "slug": "release",
            "stage": "release",
            "summary": (
                "What release can mean for children and families, the risks and opportunities of resettlement, "
                "and how professionals can help a family come back together safely."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>A crisis or an opportunity?</h2><p>Release is often pictured as a happy ending. "
                        "For many families it is more mixed than that. Children may feel excited, anxious or "
                        "angry. Younger ones may barely remember the parent; older ones may have taken on new "
                        "jobs at home.</p><p>Researchers have asked whether release is a moment of crisis or a "
                        "window of opportunity. Which it turns out to be depends heavily on whether housing, "
                        "money, mental health and substance misuse are dealt with beforehand, and whether the "
                        "family is prepared as well as the prisoner.</p><p>A study of women leaving prison in "
                        "the United States found five things linked with successfully settling back: somewhere "
                        "to live, a job or legal income, rebuilding relationships, belonging to a community, "
                        "and confidence.</p>"
                    ),
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "70%",
                        "statement": (
                            "In a study of women at HMP Styal returning to Greater Manchester, 64% had "
                            "children, and 70% of the mothers had had their children taken from them. 22% had "
                            "one or more children in care."
                        ),
                        "source": (
                            "Hamilton and Fitzpatrick (needs assessment of women in HMP Styal), cited in Lewis, "
                            "Bates and Murray, Children of prisoners: maintaining family ties (SCIE Guide 22), "
                            "SCIE, 2008"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "12 months",
                        "statement": (
                            "Safeguarding boards reported that the Offender Management Service worked only with "
                            "people sentenced to 12 months or more, and some noted there was no support for "
                            "prisoners on shorter sentences."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>What happens around release</h3><ul><li>Help after release is patchy everywhere in "
                        "the UK, and tends to reach a child only if they are already known to "
                        "services.</li><li>Where someone has committed violent or sexual offences, Multi-Agency "
                        "Public Protection Arrangements (MAPPA) bring police, probation, prisons and others "
                        "together to plan.</li><li>Children's social care may help prepare a child for contact "
                        "and assess risk, particularly where there has been domestic "
                        "violence.</li><li>Probation can check on the welfare of children in a released "
                        "prisoner's family and refer them for assessment or support.</li></ul>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "warning",
                        "title": "Safety first",
                        "text": (
                            "A parent coming home is not always safe for a child. If you know of domestic "
                            "abuse, offences against children or other risks, follow your safeguarding "
                            "procedures and check whether children's social care or MAPPA are involved. Listen "
                            "carefully to what the child says about the return."
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Practice examples: bridging the prison gate",
                        "body": (
                            "<ul><li><strong>Scotland:</strong> in some prisons, every prisoner with a family "
                            "has a meeting with them and a family contact officer before release to talk "
                            "through any issues. Some prisoners move to open prisons near the end of their "
                            "sentence to allow more family contact.</li><li><strong>Northern Ireland:</strong> "
                            "families are referred back to NIACRO's Family Links service for support before and "
                            "after release.</li><li><strong>Banbury:</strong> the local Family Matters group "
                            "developed a way of continuing to support families once the parent is home, and "
                            "children's centres played a useful part. Children's centre staff and officers from "
                            "HMP Bullingdon were also to be trained to run the same parenting programme inside "
                            "and outside prison, leading to joint sessions for both parents at the children's "
                            "centre after release.</li><li><strong>West Midlands:</strong> Families Do Matter "
                            "involved Sure Start children's centres before some mothers were "
                            "released.</li></ul>"
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Composite case: Ellie's dad comes home",
                        "body": (
                            "<p><em>This is a fictional composite.</em> Ellie is eight. Her dad has served two "
                            "years and is due home before half-term. Her mum has told the school's named lead "
                            "for children with a family member in prison.</p><p>Ellie's teacher notices that "
                            "she is excited one day and snappy the next. The named lead meets Ellie's mum, who "
                            "admits she is worried about money and about how Ellie will react to new rules at "
                            "home.</p><p>Together they agree a quiet check-in for Ellie each morning for the "
                            "first few weeks. The lead lends the family an age-appropriate story book and gives "
                            "the mum details of the national helpline. With the family's agreement, the school "
                            "invites Ellie's dad to the next parents' evening.</p>"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "tip",
                        "title": "Resources for preparing families",
                        "text": (
                            "Action for Prisoners' Families has published a pamphlet on preparing for release "
                            "and a DVD, 'Homeward bound', which follows the thoughts and fears of a family "
                            "whose father is about to come home. It works well for staff training and, with "
                            "care, for families too."
                        ),
                    },
                },
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "When a parent comes home from prison, who in your service would know? How could "
                            "you help the child adjust without making them feel singled out?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Release can be a crisis or a fresh start; "
                        "preparation for the family matters as much as for the prisoner.</li><li>Housing, "
                        "money, mental health and substance misuse shape how well a family "
                        "settles.</li><li>Support after release is patchy, especially after short "
                        "sentences.</li><li>Keep the child's safety central, and work with children's centres, "
                        "schools and voluntary services to ease the return.</li></ul>"
                    ),
                },
            ],
        },
        DIFFERENT_FAMILIES,
        TALKING_WITH_CHILDREN,
        {
            "title": "Developing practice: models that work and the eight quality statements",
            "slug": "developing-practice",
            "stage": "practice",
            "summary": (
                "Learn from established practice across the UK and use the eight i-HOP quality statements to "
                "review and improve what your service offers."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>A postcode lottery</h2><p>In England, whether a family can get help depends "
                        "largely on where they live. Most support is provided by charities, often on short-term "
                        "funding.</p><p>The SCIE study visited eight practice sites and saw a "
                        "range:</p><ul><li><strong>Little or no practice yet, but growing awareness:</strong> "
                        "Cornwall and Halton Borough.</li><li><strong>Emerging practice:</strong> Banbury and "
                        "Telford.</li><li><strong>Established practice:</strong> POPS in Manchester and the "
                        "North West, Ormiston in Norwich and the Eastern region, Northern Ireland and "
                        "Scotland.</li></ul><p>The strongest models had things in common: agencies working "
                        "together, clear information for families, and training that raises awareness among "
                        "professionals.</p>"
                    ),
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Northern Ireland: Family Links",
                        "body": (
                            "<p>When someone enters prison in Northern Ireland, probation asks them which "
                            "family members and children are affected. With the prisoner's permission, the "
                            "details go to NIACRO's Family Links service.</p><p>Family Links aims to phone the "
                            "family the same day and sends an information pack for that prison, so every family "
                            "is offered independent advice within 48 hours. Families can then ask for home "
                            "visits, help with benefits, housing and debt, transport to the prisons and help "
                            "with childcare.</p><p>The work rests on a partnership between the prison service, "
                            "probation and charities, including NIACRO, Barnardo's and the Quaker Service.</p>"
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "Scotland: family contact development officers",
                        "body": (
                            "<p>All prisons in Scotland have some family contact officer presence. These prison "
                            "officers link prisoners with their families, organise enhanced visits and family "
                            "days, and help plan for release.</p><p>Families Outside, a Scottish charity, runs "
                            "a national helpline for families and professionals, handling about 2,000 calls or "
                            "emails a year with a team of four.</p><p>The shift began in the prison service in "
                            "the 1980s, when it was accepted that better family contact could cut "
                            "reoffending.</p>"
                        ),
                    },
                },
                {
                    "type": "case_study",
                    "value": {
                        "title": "England: local networks, link workers and training",
                        "body": (
                            "<ul><li><strong>Banbury Family Matters group:</strong> set up after Thames Valley "
                            "Partnership training, it meets every three months so members can plan support for "
                            "individual families, with signed consent from parents.</li><li><strong>POPS family "
                            "link workers:</strong> ten workers based in North West prisons send families an "
                            "information pack within 48 hours of a new arrival and help rebuild contact, "
                            "including help with letter-writing.</li><li><strong>Ormiston:</strong> supports "
                            "children aged 5 to 13 in the community, for example by escorting them on visits "
                            "and supporting them at home and at school.</li><li><strong>String of "
                            "Pearls:</strong> ran one-day multi-agency training in the South West for doctors, "
                            "teachers, probation officers and social workers, using drama, poetry, music and "
                            "families' own recordings. Mixed groups worked better than single-profession "
                            "training.</li></ul>"
                        ),
                    },
                },
                {
                    "type": "key_fact",
                    "value": {
                        "figure": "£30,000",
                        "statement": (
                            "String of Pearls raised this sum from several funders, enough to run 30 one-day "
                            "multi-agency training sessions across the South West."
                        ),
                        "source": (
                            "Sara Lewis, Salina Bates and Joseph Murray, Children of prisoners: maintaining "
                            "family ties (SCIE Guide 22), Social Care Institute for Excellence, 2008"
                        ),
                    },
                },
                {
                    "type": "quote",
                    "value": {
                        "text": "Use what you have to create what you need.",
                        "attribution": ("Motto of the Banbury Family Matters group, in SCIE Guide 22 (2008)"),
                        "speaker": "professional",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>The eight quality statements</h2><p>In 2015 the Department for Education asked "
                        "i-HOP to turn the best evidence and practice into a tool that universal, targeted, "
                        "specialist and criminal justice services could all use. Working with Research in "
                        "Practice, i-HOP set out eight quality statements. Below each heading is a short note, "
                        "in our words, on what it could mean for your "
                        "service.</p><ol><li><strong>Awareness:</strong> staff understand how a family member's "
                        "involvement in the justice system can affect a child, and know where to get "
                        "help.</li><li><strong>Identification:</strong> there are respectful, consent-based "
                        "ways to find out which children are affected, so support can be offered "
                        "early.</li><li><strong>Children's voice and rights:</strong> children are listened to, "
                        "given honest information, and helped to keep in touch where that is in their "
                        "interests.</li><li><strong>Multi-agency working:</strong> schools, health, social "
                        "care, police, prisons and probation share information appropriately and plan "
                        "together.</li><li><strong>Stages of the criminal justice system:</strong> support is "
                        "thought through for arrest, court, custody and release, not just one "
                        "stage.</li><li><strong>Support and services:</strong> families can reach practical and "
                        "emotional help that fits their needs, and staff know where to "
                        "signpost.</li><li><strong>Challenging stigma:</strong> services tackle shame and "
                        "bullying and avoid labelling children as future offenders.</li><li><strong>Building "
                        "the evidence:</strong> services record, evaluate and share what they learn so practice "
                        "keeps improving.</li></ol>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "style": "tip",
                        "title": "Using the toolkit",
                        "text": (
                            "The i-HOP Quality Statements and Toolkit includes examples of innovative practice, "
                            "action checklists, the voices of young people consulted while it was written, and "
                            "a template to help services assess themselves and draw up a realistic work plan. "
                            "Troubled Families and Integrated Offender Management teams tested a draft before "
                            "it was finalised."
                        ),
                    },
                },
                ROLE_SECTION,
                LEGAL_PANEL,
                {
                    "type": "reflection",
                    "value": {
                        "prompt": (
                            "Pick one of the eight quality statements. Where is your service now, and what is "
                            "one small, realistic step you could take this term to improve?"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to take away</h2><ul><li>Good practice exists, but provision in England "
                        "depends heavily on where a family lives.</li><li>Northern Ireland and Scotland show "
                        "what is possible when prisons, probation and charities work as partners.</li><li>Local "
                        "networks, link workers and multi-agency training can be built with modest "
                        "resources.</li><li>The eight quality statements give you a practical framework to "
                        "review your own service.</li></ul>"
                    ),
                },
            ],
        },
    ],
}
