"""Demo content for the resource library ("online filing cabinet"): organisations and their resources.

The content is drawn from the i-HOP and SCIE seed documents: the i-HOP leaflets for prisons and for health
professionals (Barnardo's with POPS, funded by the Department for Education), the i-HOP Quality Statements and
Toolkit blog post, the Headteacher Update launch article, and Sara Lewis, Salina Bates and Joseph Murray,
Children of prisoners: maintaining family ties (SCIE Guide 22, Social Care Institute for Excellence, 2008).

Everything is written in the platform's own words. Figures are cited to their sources as given in the seeds
(studies that the SCIE guide reports are cited "as cited in" the guide). Quotes from children and parents are
verbatim, attributed voices from Owen Gill, Every night you cry (Barnardo's, 2009), as used in the i-HOP
leaflets. Case studies marked as composites are fictional. Contact details appear only where the seeds give
them; they date from the source documents and should be checked before publication.

This module is plain data (dicts, lists and strings); demo/site.py turns it into Organisation and Resource
snippets. Each resource names its organisation by ORGANISATIONS' "name".
"""

from typing import Any

RESOURCES: list[dict[str, Any]] = [
    {
        "title": "i-HOP information hub and helpline for professionals",
        "organisation": "i-HOP",
        "summary": (
            "A single place to find services, training, research and policy on offenders' children and "
            "families, with a free helpline for professionals on 0808 802 2013 (Monday to Friday, 9am to 5pm). "
            "Membership is free and includes a monthly e-newsletter and case studies."
        ),
        "resource_type": "service",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "court",
            "prison",
            "release",
            "practice",
        ],
        "coverage": "national",
        "url": "https://www.i-hop.org.uk",
    },
    {
        "title": "i-HOP Quality Statements and Toolkit",
        "organisation": "i-HOP",
        "summary": (
            "Eight quality statements for work with offenders' children, with practice examples, action "
            "checklists, young people's views and a self-assessment template for planning improvements. "
            "Developed with Research in Practice and tested by Troubled Families and Integrated Offender "
            "Management teams before release."
        ),
        "resource_type": "guidance",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "https://www.i-hop.org.uk",
    },
    {
        "title": "i-HOP free workshops for professionals",
        "organisation": "i-HOP",
        "summary": (
            "A national programme of free workshops that helps staff from different sectors develop their "
            "practice and decision-making with offenders' children and families."
        ),
        "resource_type": "training",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "National prisoners' families helpline",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "Confidential advice for families on keeping in touch, finding their way around prisons and getting "
            "other support, run with Ormiston and POPS. The SCIE guide lists the number as 0808 808 2003; it is "
            "also open to professionals."
        ),
        "resource_type": "service",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "court",
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "National directory of services for prisoners' families",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "A UK-wide directory of prisons, visitors' centres and related services, including substance misuse "
            "support, reached through the charity's website."
        ),
        "resource_type": "service",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "https://www.prisonersfamilies.org.uk",
    },
    {
        "title": "Pamphlets for families: telling the children, separation, keeping in touch, release",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "A series of short pamphlets on telling the children, living with separation, keeping in touch, "
            "preparing for release and being sent to prison. Useful for families and for awareness-raising with "
            "staff."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "education",
            "health",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "court",
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Story books: Finding Dad, Danny's Mum and Tommy's Dad",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "Story books that help children make sense of having a parent in prison. Good for sharing one to "
            "one in school, nursery or at home."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "education",
            "health",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Homeward bound (DVD)",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "A drama following the thoughts and fears of a family whose father is about to be released. A "
            "strong training tool that can also be used with families."
        ),
        "resource_type": "training",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Parenting from Prison factsheet",
        "organisation": "Action for Prisoners' Families",
        "summary": (
            "A free factsheet for prisoners, especially those on long sentences, on why keeping in touch with "
            "children matters, the difficulties families face and practical ways to make contact easier."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "prison",
            "probation",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "POPS family link workers",
        "organisation": "Partners of Prisoners and Families Support Group (POPS)",
        "summary": (
            "Ten link workers based in North West prisons guide families through the justice system, send an "
            "information pack within 48 hours of a new arrival, interview prisoners about family contacts and "
            "help rebuild ties, for example with letter-writing. They work with remand and sentenced prisoners."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "probation",
            "social_care",
            "education",
            "voluntary",
        ],
        "stages": [
            "court",
            "prison",
        ],
        "coverage": "north_west",
        "url": "",
    },
    {
        "title": "POPS visitors' centres and family days",
        "organisation": "Partners of Prisoners and Families Support Group (POPS)",
        "summary": (
            "Welcoming visitors' centres outside prisons, and special family day visits organised with prisons "
            "and other agencies so parents and children can bond in a relaxed setting."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "north_west",
        "url": "",
    },
    {
        "title": "Black Prisoner Support Project",
        "organisation": "Partners of Prisoners and Families Support Group (POPS)",
        "summary": (
            "Set up to give specific support to families of black prisoners and to raise awareness of "
            "institutional racism in prisons, backed by research into black prisoners' experiences."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
            "social_care",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "north_west",
        "url": "",
    },
    {
        "title": "Ormiston family support in Eastern region prisons",
        "organisation": "Ormiston Children and Families Trust",
        "summary": (
            "Family support at prisons in the Eastern region, including child-friendly visits, visitors' "
            "centres, parenting courses, information and special visits."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "east",
        "url": "",
    },
    {
        "title": "Ormiston community support for children aged 5 to 13",
        "organisation": "Ormiston Children and Families Trust",
        "summary": (
            "Direct support for children with a parent or sibling in prison, including escorted visits, support "
            "at home, school and in the community, advocacy and family outings. Referrals come from schools, "
            "probation, children's services and families."
        ),
        "resource_type": "service",
        "sectors": [
            "education",
            "social_care",
            "probation",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
        ],
        "coverage": "east",
        "url": "",
    },
    {
        "title": "Working with children and families of prisoners: a guide for teachers and education professionals",
        "organisation": "Ormiston Children and Families Trust",
        "summary": (
            "Practical guidance for schools and children's services on raising awareness and supporting pupils "
            "with a parent in prison, with tools and a list of further resources."
        ),
        "resource_type": "guidance",
        "sectors": [
            "education",
            "social_care",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "My Mum's/Dad's in Prison leaflets and Visiting My Dad/Visiting My Mum",
        "organisation": "Ormiston Children and Families Trust",
        "summary": (
            "Photocopiable leaflets on visiting prison, telling the children and being a parent or carer, with "
            "separate material for younger and older children."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "education",
            "health",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "You and Your Child parenting programme",
        "organisation": "Ormiston Children and Families Trust",
        "summary": "An accredited parenting course delivered in prisons in the Eastern region.",
        "resource_type": "intervention",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "east",
        "url": "",
    },
    {
        "title": "Time for Families: positive outcomes for children and families of offenders",
        "organisation": "Ormiston Children and Families Trust",
        "summary": (
            "Gill Pugh's 2006 evaluation of Ormiston's prison and community services against the Every Child "
            "Matters outcomes. It found the support made significant differences to children's lives and urged "
            "every local authority to treat these children as a priority group."
        ),
        "resource_type": "research",
        "sectors": [
            "social_care",
            "education",
            "voluntary",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "PACT court support service (Plymouth and Bodmin)",
        "organisation": "Prison Advice and Care Trust (PACT)",
        "summary": (
            "Court-based support at Plymouth and Bodmin Magistrates' Courts, where staff can meet every family "
            "and ask about children. PACT also worked at the First Night Centre at HMP Exeter."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "probation",
            "voluntary",
        ],
        "stages": [
            "court",
        ],
        "coverage": "south_west",
        "url": "",
    },
    {
        "title": "PACT family support at visitors' centres",
        "organisation": "Prison Advice and Care Trust (PACT)",
        "summary": (
            "Family support workers and volunteers based at visitors' centres just outside prison gates, "
            "offering information and support to families."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Prisoners' Families and Friends advice, court support and freephone helpline",
        "organisation": "Prisoners' Families and Friends",
        "summary": (
            "Advice, information, support at court and friendship for the families and friends of anyone "
            "remanded or sentenced, including a freephone helpline (0808 808 3444)."
        ),
        "resource_type": "service",
        "sectors": [
            "voluntary",
            "social_care",
        ],
        "stages": [
            "court",
            "prison",
        ],
        "coverage": "london",
        "url": "",
    },
    {
        "title": "Guides for grandparents and young people living with grandparents",
        "organisation": "Prisoners' Families and Friends",
        "summary": (
            "Two guides, made with Islington Primary Care Trust and Age Concern: one for grandparents bringing "
            "up prisoners' children, and one for young people living with grandparents while a parent is in "
            "prison. The charity also produced a pamphlet, Court to custody."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "health",
            "social_care",
            "education",
            "voluntary",
        ],
        "stages": [
            "court",
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Scottish prisoners' families helpline and factsheets",
        "organisation": "Families Outside",
        "summary": (
            "Free helpline for families and professionals in Scotland, plus factsheets on topics such as "
            "talking to children about imprisonment, visiting with children, self-harm worries and home "
            "detention curfew."
        ),
        "resource_type": "service",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "court",
            "prison",
            "release",
        ],
        "coverage": "scotland",
        "url": "",
    },
    {
        "title": "Teenagers with a parent in prison; Prison without bars",
        "organisation": "Families Outside",
        "summary": (
            "Research reports on the needs of teenagers with a parent in prison and on support and good "
            "practice for work with prisoners' families."
        ),
        "resource_type": "research",
        "sectors": [
            "education",
            "social_care",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Family Links (Northern Ireland)",
        "organisation": "NIACRO (Northern Ireland Association for the Care and Resettlement of Offenders)",
        "summary": (
            "With the prisoner's consent, family details are passed on at committal so every family is offered "
            "advice within 48 hours, followed by home visits, benefits and housing advice, transport and help "
            "with childcare. A leading model for practice elsewhere."
        ),
        "resource_type": "intervention",
        "sectors": [
            "prison",
            "probation",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
            "practice",
        ],
        "coverage": "northern_ireland",
        "url": "",
    },
    {
        "title": "The silent sentence, Information about prison for people at court, and Outside help",
        "organisation": "NIACRO (Northern Ireland Association for the Care and Resettlement of Offenders)",
        "summary": (
            "A DVD about the issues families face and the services available, a leaflet for families at court "
            "about keeping in touch, and a booklet on contact, support services, benefits, housing and release."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "social_care",
            "probation",
            "voluntary",
        ],
        "stages": [
            "court",
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Family ties, Staying in touch and It's a tough time for everyone",
        "organisation": "Barnardo's Northern Ireland",
        "summary": (
            "Materials including a pack for families when a mum is in prison, a guide for imprisoned fathers, a "
            "pamphlet on supporting a child, and a comic-strip story (also an animated DVD) for children and "
            "young people."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "education",
            "health",
            "social_care",
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "https://www.barnardos.org.uk/northernireland.htm",
    },
    {
        "title": "NEPACS visitors' centres and Youth Activity Room",
        "organisation": "NEPACS (North Eastern Prison After Care Society)",
        "summary": (
            "Visitors' centres and children's play spaces at North East prisons, staffed by volunteers, plus "
            "special family visits and a Youth Activity Room for teenagers at the Durham visitors' centre."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "north_east",
        "url": "",
    },
    {
        "title": "HALOW visitors' centre services",
        "organisation": "HALOW (Birmingham)",
        "summary": (
            "Services in visitors' centres at HMP Birmingham, Stafford, Brinsford YOI and Featherstone to help "
            "families keep strong ties with a relative in prison."
        ),
        "resource_type": "service",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "west_midlands",
        "url": "",
    },
    {
        "title": "Kids VIP training for prison staff",
        "organisation": "Kids VIP",
        "summary": (
            "Training for prison governors, officers, visitors' centre staff and volunteers on making visits "
            "child-friendly and setting up child-centred family visits."
        ),
        "resource_type": "training",
        "sectors": [
            "prison",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Children visiting prisons: sharing good practice (guide) and Kids visiting prison (DVD)",
        "organisation": "Kids VIP",
        "summary": (
            "A good practice guide on what prisons have done to welcome children, and a DVD showing what "
            "children go through at security, during an ordinary visit and during a child-centred visit."
        ),
        "resource_type": "guidance",
        "sectors": [
            "prison",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Storybook Dads",
        "organisation": "Storybook Dads",
        "summary": (
            "Parents in prison record stories, edited with music and sound effects, for their children to hear "
            "at home. It worked in more than 30 prisons, including women's prisons."
        ),
        "resource_type": "intervention",
        "sectors": [
            "prison",
            "education",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "https://www.storybookdads.org.uk",
    },
    {
        "title": "HMP Wolds Family Learning Programme",
        "organisation": "HMP Wolds",
        "summary": (
            "Weekly relaxed sessions for fathers and children under five, where both the father in prison and "
            "the mother outside learn about parenting and can gain accreditation."
        ),
        "resource_type": "intervention",
        "sectors": [
            "prison",
            "education",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "yorkshire",
        "url": "",
    },
    {
        "title": "Daddy's working away: a guide to being a dad in prison",
        "organisation": "HMP Wolds",
        "summary": (
            "A guide for fathers in prison about staying a dad during a sentence, shared with every prison in "
            "the country."
        ),
        "resource_type": "children_and_families",
        "sectors": [
            "prison",
            "probation",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "String of Pearls multi-agency training",
        "organisation": "String of Pearls",
        "summary": (
            "One-day multi-agency training in the South West using drama, role play, poetry, art and families' "
            "own recorded voices to show the needs of prisoners' families."
        ),
        "resource_type": "training",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "south_west",
        "url": "",
    },
    {
        "title": "Family Matters programme and community networks",
        "organisation": "Thames Valley Partnership",
        "summary": (
            "Training across prisons and communities, and local multi-agency networks (such as Banbury) that "
            "share information and plan support for families affected by imprisonment, with parents' consent."
        ),
        "resource_type": "intervention",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
            "practice",
        ],
        "coverage": "south_east",
        "url": "",
    },
    {
        "title": "Invisible children (guide for teachers)",
        "organisation": "Thames Valley Partnership",
        "summary": "A leaflet for teachers working with children who have a parent in prison.",
        "resource_type": "guidance",
        "sectors": [
            "education",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Custody - what now? (leaflet for children at court)",
        "organisation": "Thames Valley Partnership",
        "summary": "A leaflet for children of prisoners, available at court, explaining what happens next.",
        "resource_type": "children_and_families",
        "sectors": [
            "police",
            "probation",
            "voluntary",
            "social_care",
        ],
        "stages": [
            "court",
        ],
        "coverage": "south_east",
        "url": "",
    },
    {
        "title": "Families Do Matter pathway project",
        "organisation": "Families Do Matter (West Midlands Children and Families of Offenders Project)",
        "summary": (
            "A NOMS-sponsored pilot linking prisons and communities across the West Midlands, researching "
            "information and support, reaching black and minority ethnic communities, and training. Funded with "
            "£2 million over three years."
        ),
        "resource_type": "intervention",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
            "practice",
        ],
        "coverage": "west_midlands",
        "url": "https://www.familiesdomatter.co.uk",
    },
    {
        "title": "Assisted Prison Visits Scheme",
        "organisation": "National Offender Management Service (NOMS)",
        "summary": "Helps pay towards prison visits for low-income families who receive state benefits.",
        "resource_type": "service",
        "sectors": [
            "prison",
            "social_care",
            "voluntary",
            "health",
            "education",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Prisoners Abroad",
        "organisation": "Prisoners Abroad",
        "summary": (
            "Support for families with a relative held in prison overseas; a useful signpost when a parent is "
            "imprisoned abroad."
        ),
        "resource_type": "service",
        "sectors": [
            "health",
            "social_care",
            "education",
            "voluntary",
        ],
        "stages": [
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Children and families pathway (National Reducing Re-offending Delivery Plan)",
        "organisation": "National Offender Management Service (NOMS)",
        "summary": (
            "Pathway six of the national plan to reduce reoffending. It recognises family ties as a support for "
            "stopping offending and aims to build parenting and relationship skills and better information for "
            "children and families."
        ),
        "resource_type": "policy",
        "sectors": [
            "prison",
            "probation",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
            "release",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "An Introduction to NOMS Offender Services Co-commissioning (2014)",
        "organisation": "National Offender Management Service (NOMS)",
        "summary": (
            "A 2014 commissioning document that recognises the link between a parent's imprisonment and "
            "children's mental health. NOMS' 2014 commissioning intentions also emphasised prisons and local "
            "authorities working together to support offenders' families."
        ),
        "resource_type": "policy",
        "sectors": [
            "prison",
            "probation",
            "health",
            "social_care",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Working together to safeguard children (2013)",
        "organisation": "Department for Education",
        "summary": (
            "Statutory safeguarding guidance that covers multi-agency safeguarding of the children of offenders."
        ),
        "resource_type": "policy",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Policy for the education of children with a parent or close relative in prison",
        "organisation": "Gloucestershire Local Education Authority",
        "summary": (
            "A county policy that aims to raise awareness of these pupils' needs, secure their attendance and "
            "achievement, and promote social inclusion, with named school staff and links to HMP Gloucester."
        ),
        "resource_type": "policy",
        "sectors": [
            "education",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "south_west",
        "url": "https://www.gloucestershire.gov.uk/index.cfm?articleid=3801",
    },
    {
        "title": "Every Child Matters: Change for Children",
        "organisation": "Department for Children, Schools and Families",
        "summary": (
            "The framework behind the five outcomes for every child: be healthy, stay safe, enjoy and achieve, "
            "make a positive contribution and achieve economic well-being. The SCIE guide argues children of "
            "prisoners should be included in local plans under it."
        ),
        "resource_type": "policy",
        "sectors": [
            "education",
            "health",
            "social_care",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "https://www.everychildmatters.gov.uk",
    },
    {
        "title": "Children of Offenders review",
        "organisation": "Ministry of Justice",
        "summary": (
            "A joint review with the Department for Children, Schools and Families on how to improve outcomes "
            "for prisoners' children, calling for a way for local authorities to assess and meet their needs "
            "systematically."
        ),
        "resource_type": "policy",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Reaching out: think family (2007)",
        "organisation": "Social Exclusion Task Force",
        "summary": (
            "A review that extends the Every Child Matters approach to whole families, so that adults' and "
            "children's services tackle the root causes of disadvantage together. It names parental "
            "imprisonment as disrupting contact and being strongly linked with poor outcomes."
        ),
        "resource_type": "policy",
        "sectors": [
            "social_care",
            "health",
            "education",
            "probation",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Reducing re-offending by ex-prisoners (2002)",
        "organisation": "Social Exclusion Unit",
        "summary": (
            "Report that underpinned the national reoffending plan. It found 12% of children with a mother in "
            "prison were in care, fostered or adopted, against 2% for fathers in prison, and that only 5% of "
            "women prisoners' children stayed in their own home."
        ),
        "resource_type": "policy",
        "sectors": [
            "prison",
            "probation",
            "social_care",
        ],
        "stages": [
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Children of prisoners: maintaining family ties (SCIE Guide 22, 2008)",
        "organisation": "Social Care Institute for Excellence (SCIE)",
        "summary": (
            "Sara Lewis, Salina Bates and Joseph Murray review fifteen years of research, survey local "
            "safeguarding boards and describe eight practice sites, with recommendations for each sector and a "
            "directory of contacts."
        ),
        "resource_type": "research",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "court",
            "prison",
            "release",
            "practice",
        ],
        "coverage": "national",
        "url": "https://www.scie.org.uk",
    },
    {
        "title": (
            "Effects of parental imprisonment on child antisocial behaviour and mental health: a systematic review"
        ),
        "organisation": "The Campbell Collaboration",
        "summary": (
            "Joseph Murray, David P. Farrington, Ivana Sekol and Rikke F. Olsen (2009) bring together the "
            "evidence on how a parent's imprisonment relates to children's behaviour and mental health."
        ),
        "resource_type": "research",
        "sectors": [
            "health",
            "social_care",
            "education",
            "youth_justice",
        ],
        "stages": [
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Poverty and disadvantage among prisoners' families (2007)",
        "organisation": "Joseph Rowntree Foundation",
        "summary": (
            "Rose Smith, Roger Grimshaw, Renee Romeo and Martin Knapp show how closely poverty and ill health, "
            "both physical and mental, are bound together in prisoners' families, leaving many with multiple "
            "needs."
        ),
        "resource_type": "research",
        "sectors": [
            "health",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "COPING: Children of Prisoners, Interventions & Mitigations to Strengthen Mental Health (2013)",
        "organisation": "University of Huddersfield",
        "summary": (
            "Large European study, edited by A. D. Jones and A. E. Wainaina-Woźna, on the vulnerability and "
            "resilience of prisoners' children. It recommends encouraging imprisoned parents to parent as fully "
            "as they can."
        ),
        "resource_type": "research",
        "sectors": [
            "health",
            "education",
            "social_care",
            "prison",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Factors linked to reoffending: a one-year follow-up of prisoners (2008)",
        "organisation": "Ministry of Justice",
        "summary": (
            "C. May, N. Sharma and D. Stewart found prisoners who had family visits were 39% less likely to "
            "reoffend, and that family support helped with jobs and housing after release."
        ),
        "resource_type": "research",
        "sectors": [
            "prison",
            "probation",
        ],
        "stages": [
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Every night you cry: case studies of 15 Bristol families with a father in prison (2009)",
        "organisation": "Barnardo's",
        "summary": (
            "Owen Gill's study, based on interviews with children and families, gives vivid first-hand accounts "
            "of arrest, visits and family life while a father is in prison."
        ),
        "resource_type": "research",
        "sectors": [
            "education",
            "health",
            "social_care",
            "police",
            "prison",
            "probation",
            "youth_justice",
            "voluntary",
        ],
        "stages": [
            "arrest",
            "prison",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "Family learning programmes in prison (study for the Department for Children, Schools and Families)",
        "organisation": "Department for Children, Schools and Families",
        "summary": (
            "Halsey's study concluded that family learning sessions for parents in prison and their "
            "under-fives, going beyond ordinary visits, could reduce reoffending and help families succeed "
            "together after release."
        ),
        "resource_type": "research",
        "sectors": [
            "prison",
            "education",
        ],
        "stages": [
            "prison",
            "release",
        ],
        "coverage": "national",
        "url": "",
    },
    {
        "title": "European good practice on children of imprisoned parents",
        "organisation": "EUROCHIPS (European Committee for Children of Imprisoned Parents)",
        "summary": (
            "A book of examples from across Europe on children visiting and living in prison, training and "
            "campaigning, keeping the child's interests at the centre."
        ),
        "resource_type": "guidance",
        "sectors": [
            "prison",
            "social_care",
            "voluntary",
        ],
        "stages": [
            "prison",
            "practice",
        ],
        "coverage": "national",
        "url": "",
    },
]

ORGANISATIONS: list[dict[str, str]] = [
    {
        "name": "i-HOP",
        "description": (
            "The Information Hub on Offenders' families with children for Professionals. A free, "
            "England-focused information and advice service for any professional who works with offenders' "
            "children and families. Its website gathers services, interventions, training, research and policy "
            "in one place, and it runs a helpline (Monday to Friday, 9am to 5pm), free workshops and a monthly "
            "e-newsletter for members. It is delivered by Barnardo's with POPS and funded by the Department for "
            "Education."
        ),
        "website": "https://www.i-hop.org.uk",
        "phone": "0808 802 2013",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Barnardo's",
        "description": (
            "National children's charity which, with POPS, was commissioned by the Department for Education in "
            "2013 to create i-HOP. Its 2009 report Every night you cry drew on interviews with 15 Bristol "
            "families with a father in prison. Registered charity numbers 216250 and SC037605."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Partners of Prisoners and Families Support Group (POPS)",
        "description": (
            "Charity founded in 1998 that supports anyone with a link to someone in prison, as well as "
            "prisoners and other agencies, through arrest, imprisonment and release. It employs family link "
            "workers in North West prisons, runs visitors' centres, set up a Black Prisoner Support Project, "
            "and is part of the consortium behind the national prisoners' families helpline. Partner in "
            "delivering i-HOP. Registered charity number 1048152."
        ),
        "website": "https://www.partnersofprisoners.org.uk",
        "phone": "0161 702 1000",
        "email": "",
        "coverage": "north_west",
    },
    {
        "name": "Action for Prisoners' Families",
        "description": (
            "Campaigning charity that raises the profile of prisoners' children and families. It manages the "
            "national prisoners' families helpline with Ormiston and POPS, keeps a UK-wide directory of "
            "services, and publishes pamphlets, story books, factsheets and a DVD for families and "
            "professionals."
        ),
        "website": "https://www.prisonersfamilies.org.uk",
        "phone": "020 8812 3600",
        "email": "info@actionpf.org.uk",
        "coverage": "national",
    },
    {
        "name": "Ormiston Children and Families Trust",
        "description": (
            "Charity supporting children since 1981. It provides family support services in prisons across the "
            "Eastern region, including visitors' centres, child-friendly visits and accredited parenting "
            "courses, works with children in the community, trains foster carers, social work students and "
            "schools, and publishes resources and research. Part of the national prisoners' families helpline "
            "consortium."
        ),
        "website": "https://www.ormiston.org",
        "phone": "01473 724517",
        "email": "enquiries@ormiston.org",
        "coverage": "east",
    },
    {
        "name": "Prison Advice and Care Trust (PACT)",
        "description": (
            "Independent charity supporting people affected by imprisonment: prisoners inside and on release, "
            "and their children and families. It places family support workers and volunteers in a number of "
            "visitors' centres and has run court-based support in the South West."
        ),
        "website": "https://www.prisonadvice.org.uk",
        "phone": "020 7490 3139",
        "email": "info@prisonadvice.org.uk",
        "coverage": "national",
    },
    {
        "name": "Prisoners' Families and Friends",
        "description": (
            "Independent London charity that has helped prisoners' families for around 40 years. It offers "
            "advice, information, support at court and friendship to the families and friends of anyone "
            "remanded or sentenced to custody, and runs a freephone helpline."
        ),
        "website": "https://www.prisonersfamiliesandfriends.org.uk",
        "phone": "0808 808 3444",
        "email": "info@prisonersfamiliesandfriends.org.uk",
        "coverage": "london",
    },
    {
        "name": "Families Outside",
        "description": (
            "Scottish charity that supports families affected by imprisonment through research, training, "
            "partnership work and the Scottish prisoners' families helpline, which is free to call and open to "
            "families and professionals. It works closely with the Scottish Prison Service. Its services are "
            "for Scotland; its publications are useful anywhere."
        ),
        "website": "https://www.familiesoutside.org.uk",
        "phone": "0500 839 383",
        "email": "admin@familiesoutside.org.uk",
        "coverage": "scotland",
    },
    {
        "name": "NIACRO (Northern Ireland Association for the Care and Resettlement of Offenders)",
        "description": (
            "Northern Ireland charity that runs Family Links, transport and visitors' centre services for "
            "prisoners' families, plus an advice service on benefits, housing and debt. Its services cover "
            "Northern Ireland; its model and resources are a useful reference for practice elsewhere."
        ),
        "website": "https://www.niacro.co.uk",
        "phone": "028 9032 0157",
        "email": "niacro@niacro.co.uk",
        "coverage": "northern_ireland",
    },
    {
        "name": "Barnardo's Northern Ireland",
        "description": (
            "Provides services for children across Northern Ireland and has produced practical tools for "
            "working with prisoners' children and families, including packs, guides and a comic-strip story. It "
            "runs the Parenting Matters project in prisons there."
        ),
        "website": "https://www.barnardos.org.uk/northernireland.htm",
        "phone": "028 9067 2366",
        "email": "",
        "coverage": "northern_ireland",
    },
    {
        "name": "NEPACS (North Eastern Prison After Care Society)",
        "description": (
            "Independent North East charity working with people in prison, people who have left prison, and "
            "their families. Its volunteers staff visitors' centres and play spaces for children at the "
            "region's prisons, and it arranges special visits for children and families."
        ),
        "website": "https://www.nepacs.co.uk",
        "phone": "0191 384 3096",
        "email": "info@nepacs.co.uk",
        "coverage": "north_east",
    },
    {
        "name": "Kids VIP",
        "description": (
            "Charity that helps children and their imprisoned parents keep up their relationship. It trains "
            "prison governors, officers, visitors' centre staff and volunteers to make visits as child-friendly "
            "as possible, and has produced a good practice guide and a training DVD."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Storybook Dads",
        "description": (
            "Award-winning charity based at HMP Dartmoor that uses digital technology to help mothers and "
            "fathers in prison record stories that their children can play at home."
        ),
        "website": "https://www.storybookdads.org.uk",
        "phone": "",
        "email": "storybookdads@blueyonder.co.uk",
        "coverage": "national",
    },
    {
        "name": "String of Pearls",
        "description": (
            "Small South West charity that began with art workshops for families and went on to deliver "
            "multi-agency training on the needs of prisoners' families for doctors, teachers, probation "
            "officers and social workers."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "south_west",
    },
    {
        "name": "Thames Valley Partnership",
        "description": (
            "Partnership organisation that brings agencies together to tackle crime and social exclusion. Its "
            "Family Matters programme trains staff in prisons and communities and has set up local multi-agency "
            "networks to support prisoners' children and families across the Thames Valley."
        ),
        "website": "https://www.thamesvalleypartnership.org",
        "phone": "01844 202001",
        "email": "admin@thamesvalleypartnership.org.uk",
        "coverage": "south_east",
    },
    {
        "name": "HALOW (Birmingham)",
        "description": (
            "Birmingham charity that helps prisoners' families cope with the problems of having a relative in "
            "prison and keep family ties strong, through services in visitors' centres at several West Midlands "
            "prisons."
        ),
        "website": "",
        "phone": "0121 551 9799",
        "email": "",
        "coverage": "west_midlands",
    },
    {
        "name": "Families Do Matter (West Midlands Children and Families of Offenders Project)",
        "description": (
            "Pathway project sponsored by the National Offender Management Service to show the longer-term "
            "benefits of helping offenders keep and strengthen relationships with their children and families, "
            "by linking prisons and community organisations across the West Midlands."
        ),
        "website": "https://www.familiesdomatter.co.uk",
        "phone": "0121 345 2873",
        "email": "info@familiesdomatter.co.uk",
        "coverage": "west_midlands",
    },
    {
        "name": "EUROCHIPS (European Committee for Children of Imprisoned Parents)",
        "description": (
            "Europe-wide network that raises awareness of children with an imprisoned parent and promotes new "
            "ways of working, with partners in several countries including the United Kingdom. It publishes "
            "country-by-country information and examples of good practice."
        ),
        "website": "https://www.eurochips.org",
        "phone": "+33 (0) 142 53 7185",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Prisoners Abroad",
        "description": (
            "Organisation the i-HOP helpline has pointed professionals to when a child's parent is imprisoned overseas."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Social Care Institute for Excellence (SCIE)",
        "description": (
            "Published Guide 22, Children of prisoners: maintaining family ties (2008), a review of research "
            "and practice from England, Scotland and Northern Ireland with recommendations for every sector."
        ),
        "website": "https://www.scie.org.uk",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Research in Practice",
        "description": (
            "Organisation known for evidence-based, child-centred resources for professionals. It worked with "
            "i-HOP to develop the i-HOP Quality Statements and Toolkit."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Department for Education",
        "description": (
            "Government department that funds i-HOP and commissioned the i-HOP Quality Statements and Toolkit. "
            "It publishes Working together to safeguard children, which covers multi-agency safeguarding of "
            "offenders' children."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Department for Children, Schools and Families",
        "description": (
            "Former government department that led work on the five Every Child Matters outcomes. With the "
            "Ministry of Justice it carried out a Children of Offenders review, and it commissioned research "
            "into family learning programmes in prisons."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "National Offender Management Service (NOMS)",
        "description": (
            "Body responsible for managing offenders in prison and the community and for commissioning services "
            "to reduce reoffending. It set out a children and families pathway, runs the Assisted Prison Visits "
            "Scheme and sponsored Families Do Matter."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Ministry of Justice",
        "description": (
            "Government department responsible for prisons, probation, courts and sentencing. It published "
            "research linking family visits with lower reoffending and worked on the Children of Offenders "
            "review."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Gloucestershire Local Education Authority",
        "description": (
            "Local education authority that adopted a policy on educating children with a parent or close "
            "relative in prison, with named school staff and a named contact at HMP Gloucester."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "south_west",
    },
    {
        "name": "HMP Wolds",
        "description": (
            "Prison whose Family Learning programme brings fathers and their young children together each week, "
            "and which wrote a guide for fathers in prison that has been shared with every prison in the "
            "country."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "yorkshire",
    },
    {
        "name": "Social Exclusion Task Force",
        "description": (
            "Cabinet Office unit that coordinated government work on social exclusion. Its Families at Risk "
            "review named children of offenders as a vulnerable group."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Social Exclusion Unit",
        "description": (
            "Government unit whose 2002 report on reducing reoffending by ex-prisoners informed the National "
            "Reducing Re-offending Delivery Plan."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "Joseph Rowntree Foundation",
        "description": (
            "Research funder that published a 2007 study of poverty and disadvantage among prisoners' families."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "The Campbell Collaboration",
        "description": (
            "Publisher, with the University of Cambridge, of a 2009 systematic review of how parental "
            "imprisonment affects children's antisocial behaviour and mental health."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
    {
        "name": "University of Huddersfield",
        "description": (
            "Publisher of the 2013 report of COPING, a large European study of the vulnerability and resilience "
            "of prisoners' children."
        ),
        "website": "",
        "phone": "",
        "email": "",
        "coverage": "national",
    },
]


# Who each organisation's services are for, as the directory filters them: from its description
# and what it publishes (research and policy bodies serve professionals).
ORGANISATION_SERVES: dict[str, list[str]] = {
    "i-HOP": ["professionals"],
    "Barnardo's": ["children", "families", "professionals"],
    "Partners of Prisoners and Families Support Group (POPS)": ["children", "families"],
    "Action for Prisoners' Families": ["children", "families", "professionals"],
    "Ormiston Children and Families Trust": ["children", "families"],
    "Prison Advice and Care Trust (PACT)": ["children", "families"],
    "Prisoners' Families and Friends": ["families"],
    "Families Outside": ["children", "families", "professionals"],
    "NIACRO (Northern Ireland Association for the Care and Resettlement of Offenders)": ["children", "families"],
    "Barnardo's Northern Ireland": ["children", "families", "professionals"],
    "NEPACS (North Eastern Prison After Care Society)": ["children", "families"],
    "Kids VIP": ["children", "professionals"],
    "Storybook Dads": ["children", "families"],
    "String of Pearls": ["professionals"],
    "Thames Valley Partnership": ["children", "families", "professionals"],
    "HALOW (Birmingham)": ["children", "families"],
    "Families Do Matter (West Midlands Children and Families of Offenders Project)": ["children", "families"],
    "EUROCHIPS (European Committee for Children of Imprisoned Parents)": ["professionals"],
    "Prisoners Abroad": ["families"],
    "HMP Wolds": ["children", "families"],
    "National Offender Management Service (NOMS)": ["families", "professionals"],
}
