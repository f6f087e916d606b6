"""Demo case studies: the seeds' practice examples, retold in the platform's own words.

Plain data; demo/case_studies.py turns it into pages. Each entry names the seed passages its facts
rest on ("sources": seed file and the exact words, which tests/casestudies/test_demo.py finds in the
file), its organisation by the library's name, its Quality Statements by slug and the library's
resources it draws on by title. Where a seed gives no detail (names, dates, outcomes) none is invented.
"""

from typing import Any

HEALTH_LEAFLET = "001_0016f85c190569a2.txt"
PRISONS_LEAFLET = "000_4859c8a0e978faa7.txt"
SCIE_GUIDE = "004_c017329bb45fdfaf.txt"

CASE_STUDIES: list[dict[str, Any]] = [
    {
        "title": "A GP, a family and a prison overseas",
        "slug": "gp-and-prisoners-abroad",
        "summary": (
            "A family told their GP that the children's father was in prison in another country. One call to "
            "the i-HOP helpline gave her a specialist charity to refer them to and material for the children."
        ),
        "sector": "health",
        "stage": "prison",
        "region": "national",
        "organisation": "Prisoners Abroad",
        "statements": ["identification", "support-and-services"],
        "resources": ["Prisoners Abroad", "i-HOP information hub and helpline for professionals"],
        "body": [
            "<p>The subject came up in an ordinary appointment: the family mentioned that the children's "
            "father was being held in a prison abroad. Few local services know what to offer when the prison "
            "is in another country, and the GP did not know who could help.</p>",
            "<p>She rang the i-HOP helpline for professionals (0808 802 2013). The helpline signposted her to "
            "services that fitted this family's situation, among them Prisoners Abroad, the charity for people "
            "imprisoned outside the UK and their families. It also suggested resources the children could use "
            "to make sense of what was happening, chosen for their ages, and free e-learning that helps "
            "professionals understand the children of prisoners.</p>",
            "<h3>What it shows</h3><p>A disclosure is a moment to act on, not only to note. The GP did not need "
            "to know the answer herself; she needed to know where to ask. A single call turned a worrying "
            "conversation into a referral and something for the children.</p>",
        ],
        "sources": [
            (HEALTH_LEAFLET, "During an appointment a family disclosed that their father was in prison overseas"),
            (
                HEALTH_LEAFLET,
                "her to support services such as Prisoners Abroad which were targeted to the families' needs",
            ),
            (HEALTH_LEAFLET, "They also suggested age appropriate"),
            (PRISONS_LEAFLET, "contact our helpline on: 0808 802 2013"),
        ],
    },
    {
        "title": "Reading's midwives ask about a parent in prison",
        "slug": "reading-midwives",
        "summary": (
            "Midwives in Reading note on their referral forms when a new or expectant mother's baby has a "
            "parent or close relative in prison, so that support can start before the baby is born."
        ),
        "sector": "health",
        "stage": "prison",
        "region": "south_east",
        "organisation": "",
        "statements": ["identification", "multi-agency-working"],
        "resources": [],
        "body": [
            "<p>Most children of prisoners are never identified: no service routinely asks. In Reading, "
            "midwives made the question part of their referral forms. When a new or expectant mother's baby "
            "has a parent or close relative in prison, the form records it.</p>",
            "<p>That one field means the information travels with the family to the next professional, "
            "rather than depending on the mother telling her story again to each new person.</p>",
            "<h3>What it shows</h3><p>Identification can be built into paperwork a service already uses. "
            "Asking early, and recording the answer where colleagues will see it, is how a child comes to be "
            "known before a crisis.</p>",
        ],
        "sources": [
            (
                HEALTH_LEAFLET,
                "record in referral forms if new and expectant mothers' babies have a parent or close relative "
                "in prison",
            ),
        ],
    },
    {
        "title": "Health visitors and children's centre information packs",
        "slug": "reading-health-visitors-childrens-centres",
        "summary": (
            "In Reading, health visitors refer families affected by a parent's imprisonment to their local "
            "children's centre, which holds information packs to support them."
        ),
        "sector": "health",
        "stage": "prison",
        "region": "south_east",
        "organisation": "",
        "statements": ["multi-agency-working", "support-and-services"],
        "resources": [],
        "body": [
            "<p>Health visitors in Reading play a large part in sharing information about families affected "
            "by imprisonment. When they meet such a family, they refer them on to the local children's "
            "centre.</p>",
            "<p>The children's centres keep information packs for these families, so a referral arrives at "
            "somewhere ready with practical material rather than at a service meeting the situation for the "
            "first time.</p>",
            "<h3>What it shows</h3><p>A referral is only as useful as what waits at the other end. Pairing a "
            "clear referral route with something ready to hand over makes the step easy for the family to "
            "take.</p>",
        ],
        "sources": [
            (
                HEALTH_LEAFLET,
                "they specifically refer families affected by parental imprisonment to their local Children's "
                "Centres who have information packs to support families and their needs",
            ),
        ],
    },
    {
        "title": "HMP Wolds: family learning with fathers and young children",
        "slug": "hmp-wolds-family-learning",
        "summary": (
            "HMP Wolds puts the child at the centre of its Family Learning Programme: a weekly visit in a "
            "relaxed setting where fathers and their children spend time together and both parents learn."
        ),
        "sector": "prison",
        "stage": "prison",
        "region": "yorkshire",
        "organisation": "HMP Wolds",
        "statements": ["support-and-services", "childrens-voice-and-rights"],
        "resources": ["HMP Wolds Family Learning Programme", "Daddy's working away: a guide to being a dad in prison"],
        "body": [
            "<p>An ordinary visit hall is a hard place to be a parent. HMP Wolds runs a weekly visit in a more "
            "relaxed setting, where fathers and their children can bond and play, and the father can act as a "
            "parent rather than a visitor's host.</p>",
            "<p>The programme is for children under five and both their parents: the father in prison and the "
            "mother outside. Both learn about parenting and complete tasks for an accredited certificate "
            "(the prisons leaflet names it as an OCN certificate; the SCIE guide describes accreditation "
            "through a Social and Life Skills programme). The prison runs other courses for fathers of older "
            "children, and wrote a guide, <em>Daddy's working away</em>, which has gone to every prison in the "
            "country.</p>",
            "<h3>What it shows</h3><p>Family contact can be designed around the child. Research for the "
            "Department for Children, Schools and Families, reported in the SCIE guide, concluded that "
            "family learning programmes of this kind are likely to reduce reoffending.</p>",
        ],
        "sources": [
            (PRISONS_LEAFLET, "includes a weekly visit in a relaxed environment for fathers and their children"),
            (PRISONS_LEAFLET, "complete tasks to receive an OCN certificate"),
            (SCIE_GUIDE, "In HMP Wolds supporting the child is at the centre of their Family Learning programme"),
            (SCIE_GUIDE, "both parents and children under five to spend time as a family"),
            (SCIE_GUIDE, "This guide has been given to every prison in the country"),
            (SCIE_GUIDE, "Halsey concluded that this type of programme will have an impact on re-offending rates"),
        ],
    },
    {
        "title": "NIACRO Family Links: support within 48 hours of committal",
        "slug": "niacro-family-links",
        "summary": (
            "In Northern Ireland every family is offered independent advice and support within 48 hours of a "
            "person entering prison, because prisoners are asked at committal who is affected."
        ),
        "sector": "voluntary",
        "stage": "prison",
        "region": "northern_ireland",
        "organisation": "NIACRO (Northern Ireland Association for the Care and Resettlement of Offenders)",
        "statements": ["stages-of-the-criminal-justice-system", "multi-agency-working"],
        "resources": ["Family Links (Northern Ireland)"],
        "body": [
            "<p>The first days after a sentence are when families know least and need most. NIACRO's Family "
            "Links service, working with probation, asks each prisoner on committal to name the family members "
            "and children affected by their imprisonment.</p>",
            "<p>With the prisoner's permission, the details go to Family Links, who telephone the family the "
            "same day and send an information pack for that particular prison. Every family is offered "
            "practical information straight away and ongoing support if they want it: all are offered "
            "independent advice and support within 48 hours of the person entering prison.</p>",
            "<h3>What it shows</h3><p>Asking at committal reaches families at once, instead of waiting for "
            "them to find a service. The model depends on permission, a named contact and a prompt call.</p>",
        ],
        "sources": [
            (
                SCIE_GUIDE,
                "all families are offered independent advice and support within 48 hours of a person entering prison",
            ),
            (SCIE_GUIDE, "each prisoner is asked to identify family members and children affected by their"),
            (SCIE_GUIDE, "sending an information pack specific to each prison"),
        ],
    },
    {
        "title": "String of Pearls: putting children of prisoners on the local agenda",
        "slug": "string-of-pearls-training",
        "summary": (
            "A small charity in the South West raised £30,000 to run 30 one-day multi-agency training "
            "sessions about the children of prisoners, and Cornwall's partnerships adopted the training."
        ),
        "sector": "voluntary",
        "stage": "practice",
        "region": "south_west",
        "organisation": "String of Pearls",
        "statements": ["awareness", "multi-agency-working"],
        "resources": ["String of Pearls multi-agency training"],
        "body": [
            "<p>Where no strategy or protocol names who is responsible for prisoners' children, nobody is. "
            "String of Pearls, a small charity, secured funding to train local services together and get the "
            "issue onto their agendas.</p>",
            "<p>Money from several trusts and foundations, the Devon and Cornwall Probation Service and Live "
            "Music Now! added up to £30,000, enough to deliver 30 one-day training packages across the South "
            "West. In Cornwall, the Children and Young People's Partnership and the local safeguarding board "
            "gave the Reducing Re-offending Action Plan's families pathway group a mandate to adopt the "
            "training in its 2006/07 work plan.</p>",
            "<h3>What it shows</h3><p>Training that brings agencies into one room can change plans as well as "
            "practice. The guide notes the hard part that followed: funding to make the work mainstream.</p>",
        ],
        "sources": [
            (SCIE_GUIDE, "This added up to £30,000 and enabled the delivery of 30 one-day training packages"),
            (SCIE_GUIDE, "String of Pearls is a small charity that was able to secure funding to undertake"),
            (SCIE_GUIDE, "adopt the String of Pearls training as part of its 2006/07 work plan"),
            (SCIE_GUIDE, "funding for mainstreaming this work is a key issue"),
        ],
    },
]
