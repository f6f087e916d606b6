"""Seed the demo content, app by app, in the order their data depends on."""

from dataclasses import dataclass

from accounts.models import User
from demo.case_studies import demo_case_studies_seed
from demo.certificate_design import demo_certificate_design_seed
from demo.course import demo_course_seed
from demo.enews import demo_enews_seed
from demo.knowledge_checks import demo_quizzes_seed
from demo.members import demo_members_seed
from demo.quality_statements import demo_quality_statements_seed
from demo.showcase import Showcase, demo_showcase_seed
from demo.site import demo_site_seed
from demo.workshop_runs import demo_workshops_seed


@dataclass(frozen=True)
class DemoSeedResult:
    members: list[User]
    showcase: Showcase | None


def demo_seed() -> DemoSeedResult:
    """Create whatever of the demo content is missing; running it again changes nothing.

    The site comes first (the course catalogue hangs below the home page), then
    the members (workshops name the demo trainer), the course, its knowledge
    check, the workshops on the course, the certificate design it uses, the
    quality statements (which link to the course's modules and the library), the case
    studies (which name organisations, resources and statements), the e-news (which features a case study),
    and last the showcase (the SCORM lesson, workshops soon, full and past, an
    attempt and a certificate), which needs all of them.
    """
    demo_site_seed()
    members = demo_members_seed()
    demo_course_seed()
    demo_quizzes_seed()
    demo_workshops_seed()
    demo_certificate_design_seed()
    demo_quality_statements_seed()
    demo_case_studies_seed()
    demo_enews_seed()
    showcase = demo_showcase_seed()
    return DemoSeedResult(members=members, showcase=showcase)
