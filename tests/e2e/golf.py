"""Rustici Software's "Golf Explained" sample packages (CC BY 3.0), as the browser tests
drive them: the launch page the player's frame shows, and its quiz."""

from playwright.sync_api import FrameLocator, Page


def launch_page(page: Page) -> FrameLocator:
    """The sample's launch page (its own Previous/Next between the SCO's pages, and an inner frame)."""
    return page.frame_locator("#scorm-runtime").frame_locator("#sco")


def answer_the_quiz(page: Page, *, rightly: bool) -> None:
    """Every question answered rightly, or every one wrongly (a score of 0), then submitted."""
    quiz = launch_page(page).frame_locator("#contentFrame")
    quiz.locator("#frmTest").wait_for()
    frame = next(f for f in page.frames if "assessmenttemplate.html" in f.url)
    questions = frame.evaluate(
        "() => test.Questions.map(q => ({id: q.Id, type: q.Type, answers: q.Answers, right: String(q.CorrectAnswer)}))"
    )
    for question in questions:
        prefix = f"question_{question['id']}"
        if question["type"] == "choice":
            right = question["answers"].index(question["right"])
            quiz.locator(f"[id='{prefix}_{right if rightly else (right + 1) % len(question['answers'])}']").check()
        elif question["type"] == "true-false":
            truth = (question["right"] == "true") == rightly
            quiz.locator(f"[id='{prefix}_{'True' if truth else 'False'}']").check()
        else:
            quiz.locator(f"[id='{prefix}_Text']").fill(question["right"] if rightly else "999")
    quiz.get_by_role("button", name="Submit Answers").click()
    quiz.get_by_text("Score:").wait_for()
