"""Journey 2: a learner signs up, confirms the e-mail, starts a course, finishes its lessons, takes the
quiz one question at a time, leaves in the middle, comes back and resumes, fails once, passes,
downloads the certificate PDF and opens its public verification page."""

import json
import re

from playwright.sync_api import expect

from .conftest import answer_signup, check_accessibility

EMAIL = "awa.traore@exemple.org"

# The demo course the learner takes: its lessons, and for its quiz each question's right and wrong
# choice texts (read from the database: the browser never sees which are right before submitting).
COURSE_PLAN = """
import json
from courses.models import CoursePage, LessonPage, QuizPage
from home.typography import french_text
course = next(c for c in CoursePage.objects.live().order_by("path")
              if QuizPage.objects.live().child_of(c).count() == 1 and c.issues_certificate)
quiz = QuizPage.objects.live().child_of(course).get()
questions = []
for question in quiz.questions.all():
    choices = list(question.choices.all())
    questions.append({
        "text": french_text(question.text),
        "right": [french_text(c.text) for c in choices if c.is_correct],
        "wrong": [french_text(c.text) for c in choices if not c.is_correct][:1],
    })
print(json.dumps({
    "course": course.url, "title": french_text(course.title), "quiz": quiz.url, "pass_mark": quiz.pass_mark,
    "lessons": [lesson.url for lesson in LessonPage.objects.live().child_of(course).order_by("path")],
    "questions": questions,
}))
"""


def answer_current_question(page, plan, right):
    """Answer the question on screen (found by its text) rightly or wrongly, and save it."""
    legend = page.locator("form.quiz-question legend").inner_text().strip()
    question = next(q for q in plan["questions"] if q["text"].strip() == legend)
    choices = question["right"] if right else question["wrong"]
    for text in choices:
        page.locator("form.quiz-question").get_by_label(text, exact=True).check()
    with page.expect_navigation():
        page.locator(
            "form.quiz-question button[name=action][value=next], form.quiz-question button[name=action][value=review]"
        ).first.click()


def take_quiz(page, plan, right, stop_after=None):
    """Answer the questions one screen at a time until the review screen (or ``stop_after`` answers)."""
    answered = 0
    while page.locator("form.quiz-question").count():
        if answered == stop_after:
            return
        answer_current_question(page, plan, right)
        answered += 1
    expect(page.get_by_role("button", name="Envoyer mes réponses")).to_be_visible()


def test_learner_from_sign_up_to_verified_certificate(new_page, site):
    plan = json.loads(site.shell(COURSE_PLAN).strip().splitlines()[-1])
    page = new_page("phone")

    answer_signup(page, EMAIL)
    page.goto(site.last_link(EMAIL, "/confirm-email/"))
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("status").first).to_contain_text("Connexion avec Awa Traoré réussie")

    page.goto(plan["course"])
    page.get_by_role("link", name=re.compile(r"^Encore \d+ étapes?\s:")).first.click()  # the next-step button
    for number, lesson in enumerate(plan["lessons"], start=1):
        expect(page).to_have_url(re.compile(re.escape(lesson) + "$"))
        page.get_by_role("button", name="J’ai terminé").click()
        expect(page.locator("main")).to_contain_text(f"{number} / {len(plan['lessons']) + 1}")
        if page.url.endswith(lesson):
            page.get_by_role("link", name=re.compile("Étape suivante")).click()

    # The quiz: two answers, then the learner leaves and comes back to the same attempt.
    page.goto(plan["quiz"])
    page.get_by_role("button", name="Commencer le quiz").click()
    take_quiz(page, plan, right=False, stop_after=2)
    page.goto(plan["course"])
    page.goto(plan["quiz"])
    page.get_by_role("link", name="Reprendre le quiz").click()
    expect(page.locator(".quiz-progress__text")).to_contain_text("Question 3")
    check_accessibility(page, "quiz question")
    take_quiz(page, plan, right=False)
    check_accessibility(page, "quiz review")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.locator(".quiz-result")).to_contain_text("Non réussi")
    check_accessibility(page, "quiz result (failed)")

    page.get_by_role("button", name="Réessayer").click()
    take_quiz(page, plan, right=True)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    # Passing the quiz completes the course: the learner lands on the attestation's celebration page.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Félicitations, vous avez terminé la formation\s!$")
    )
    expect(page.locator(".celebration__course")).to_have_text(plan["title"])
    check_accessibility(page, "certificate celebration")

    page.goto("/mes-formations/")
    check_accessibility(page, "my courses")
    page.get_by_role("link", name=re.compile("^Attestation")).first.click()
    check_accessibility(page, "certificate")
    expect(page.locator("main")).to_contain_text(plan["title"])
    pdf_url = page.get_by_role("link", name="Télécharger (PDF)").get_attribute("href")
    pdf = page.request.get(pdf_url)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # Anyone with the code can verify it: only the name, the course and the date.
    verify_url = page.locator("main a[href*='/attestations/verifier/']").first.get_attribute("href")
    visitor = new_page("desktop")
    visitor.goto(verify_url)
    expect(visitor.locator("main")).to_contain_text("Awa Traoré")
    expect(visitor.locator("main")).to_contain_text(plan["title"])
    expect(visitor.locator("main")).not_to_contain_text(EMAIL)
    check_accessibility(visitor, "certificate verification")
