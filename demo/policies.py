"""The accessibility statement and the privacy notice: ordinary pages an editor keeps up to date.

The accessibility statement follows the sections of the UK public sector model statement.
The privacy notice says what this platform stores and why, as the code does it (see
docs/security.md for erasure and export); an organisation adopting the platform edits
both in the CMS, and picks them in Settings → Site settings so the footer and sign-up
link to them.
"""

from typing import Any

ACCESSIBILITY_INTRO = "How accessible i-HOP learning is, what we know does not work yet, and how to tell us."

ACCESSIBILITY_BODY: list[dict[str, Any]] = [
    {
        "type": "text",
        "value": (
            "<p>This statement covers i-HOP learning: the e-learning modules, the resource library, workshop "
            "booking, certificates and your account pages. We want as many people as possible to be able to use "
            "it. You should be able to:</p>"
            "<ul><li>change colours, contrast and fonts using your browser or device settings</li>"
            "<li>zoom in up to 400% without the text spilling off the screen</li>"
            "<li>use every page on a phone 320 pixels wide without scrolling sideways</li>"
            "<li>move through the pages using just a keyboard</li>"
            "<li>listen to the site with a screen reader, including certificates, which are tagged PDFs</li></ul>"
            "<h2>How accessible this website is</h2>"
            "<p>We know some parts are not fully accessible:</p>"
            "<ul><li>e-learning packages (SCORM) made with other authoring tools play inside our modules; we do not "
            "control how they are built, and some may not work well with a screen reader or keyboard</li>"
            "<li>documents in the resource library are published by other organisations, and some older PDFs are "
            "not tagged</li></ul>"
            "<h2>Feedback and contact information</h2>"
            "<p>If you need information on this website in a different format, such as large print or an "
            "accessible PDF, email us at the address at the foot of every page. We will reply within five working "
            "days.</p>"
            "<h2>Reporting accessibility problems with this website</h2>"
            "<p>We are always looking to improve. If you find a problem not listed on this page, or think we are "
            "not meeting accessibility requirements, email us at the address at the foot of every page and tell us "
            "the page address and what went wrong.</p>"
            "<h2>Enforcement procedure</h2>"
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
            "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not "
            "happy with how we respond to your complaint, contact the Equality Advisory and Support Service "
            "(EASS).</p>"
            "<h2>Technical information about this website's accessibility</h2>"
            "<p>We are committed to making this website accessible, in line with the Public Sector Bodies (Websites "
            "and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>"
            "<h3>Compliance status</h3>"
            "<p>This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA "
            "standard, because of the non-compliances listed below.</p>"
            "<h2>Non-accessible content</h2>"
            "<h3>Content that is not within our control</h3>"
            "<p>e-learning packages from other authoring tools, and documents published by other organisations in "
            "the resource library, may not meet the standard. Trainers are asked to check a package with a "
            "keyboard and a screen reader before adding it to a module.</p>"
            "<h2>What we are doing to improve accessibility</h2>"
            "<p>Every page our automated browser tests visit is checked with axe-core, on a desktop screen and on "
            "a phone 320 pixels wide; a change that adds a serious or critical finding cannot be released. Booking "
            "a workshop is also tested using only a keyboard, and we are extending keyboard tests to every "
            "journey.</p>"
            "<h2>Preparation of this accessibility statement</h2>"
            "<p>This statement was prepared on 2 December 2026. It was last reviewed on 2 December 2026.</p>"
            "<p>The website was last tested on 2 December 2026, by the team that builds it, with the automated "
            "checks described above on every page they visit.</p>"
        ),
    },
]

PRIVACY_INTRO = "What we keep about you when you use i-HOP learning, why, who can see it, and your rights."

PRIVACY_BODY: list[dict[str, Any]] = [
    {
        "type": "text",
        "value": (
            "<p>i-HOP is delivered by Barnardo's in partnership with POPS and funded by the Department for "
            "Education. This notice explains how i-HOP learning uses your personal data.</p>"
            "<h2>What we keep</h2>"
            "<ul><li>your account: your name, email address, password (stored only as a one-way hash), your sector, "
            "region and organisation, and whether you want the monthly e-news</li>"
            "<li>your learning: the courses you enrol on, your progress through each module, your quiz answers and "
            "marks, the notes you write in reflection activities, and what e-learning packages record while you "
            "use them</li>"
            "<li>workshops: the sessions you book, your place on a waiting list, and whether you attended</li>"
            "<li>certificates: the certificates issued to you, with the name printed on them and their CPD "
            "hours</li></ul>"
            "<h2>Why we keep it</h2>"
            "<p>To give you the training you signed up for: to save your progress, mark your answers, hold your "
            "workshop place and email you about it, and issue certificates that employers can check. We send the "
            "e-news only if you ask for it, and you can stop it at any time from your account or from any e-news "
            "email.</p>"
            "<h2>Who can see it</h2>"
            "<ul><li>trainers see the people on the courses and workshops they run, and their progress, answers "
            "and attendance</li>"
            "<li>the service's administrators can see accounts to help you and to run the service</li>"
            "<li>commissioners see only totals, never names, and a total under five is not shown</li>"
            "<li>anyone with a certificate's code can check that it is genuine, and sees the name, course and date "
            "printed on it</li></ul>"
            "<p>We do not sell your data or use it for advertising.</p>"
            "<h2>How long we keep it</h2>"
            "<p>For as long as you have an account. You can close your account yourself from your account page; "
            "we then erase your details, your learning records, bookings and certificates, and a certificate check "
            "will no longer find your certificates.</p>"
            "<h2>Your rights</h2>"
            "<p>You can download everything we hold about you, as a file, from your account page at any time. You "
            "can correct your details there, and ask us about anything in this notice by emailing the address at "
            "the foot of every page. If you are unhappy with how we have used your data, you can complain to the "
            "Information Commissioner's Office (ICO).</p>"
            "<p>This notice was last updated on 2 December 2026.</p>"
        ),
    },
]
