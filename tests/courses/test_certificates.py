"""Course completion, certificates (page, PDF, public verification) and "Mes formations"."""

import pytest

from courses.models import Certificate, CoursePage, Enrollment, LessonPage, QuizPage
from courses.progress import check_course_completion, record_lesson_completion
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory

pytestmark = pytest.mark.django_db


def finish(user, course, passed=True):
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    for quiz in QuizPage.objects.child_of(course):
        QuizAttemptFactory(user=user, quiz=quiz, score=100 if passed else 0, passed=passed)
    check_course_completion(user, course)


def test_certificate_is_issued_exactly_once_on_completion(course):
    user = UserFactory(first_name="Zoé", last_name="Lemaître")
    lessons = list(LessonPage.objects.child_of(course))
    for lesson in lessons:
        record_lesson_completion(user, lesson)
    assert not Certificate.objects.exists()  # the quiz is not passed yet
    finish(user, course)
    finish(user, course)
    check_course_completion(user, course)
    certificate = Certificate.objects.get()
    assert certificate.learner_name == "Zoé Lemaître"
    assert certificate.course_title == course.title
    assert len(certificate.code) == 12
    assert Enrollment.objects.get(user=user, course=course).completed_at is not None


def test_no_certificate_when_the_course_does_not_issue_one(course):
    CoursePage.objects.filter(pk=course.pk).update(issues_certificate=False)
    course.refresh_from_db()
    finish(UserFactory(), course)
    assert not Certificate.objects.exists()


def test_a_failed_quiz_gives_no_certificate(course):
    finish(UserFactory(), course, passed=False)
    assert not Certificate.objects.exists()


def test_passing_the_last_quiz_through_the_quiz_screens_issues_the_certificate(client, course):
    user = UserFactory()
    client.force_login(user)
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    quiz = QuizPage.objects.child_of(course).get()
    client.post(quiz.url + "commencer/")
    attempt = user.quiz_attempts.get()
    questions = {q.pk: q for q in quiz.questions.prefetch_related("choices")}
    for number, pk in enumerate(attempt.question_order, start=1):
        right = [c.pk for c in questions[pk].choices.all() if c.is_correct]
        client.post(f"{quiz.url}tentative/{attempt.pk}/question/{number}/", {"choice": right})
    response = client.post(f"{quiz.url}tentative/{attempt.pk}/recapitulatif/", follow=True)
    assert response.status_code == 200
    certificate = Certificate.objects.get(enrollment__user=user)
    assert f"/mes-formations/attestations/{certificate.code}/" in response.content.decode()
    html = client.get("/mes-formations/").content.decode()
    assert f"/mes-formations/attestations/{certificate.code}/" in html
    assert f"/mes-formations/attestations/{certificate.code}/pdf/" in html


def test_owner_sees_the_certificate_page_and_pdf(client, course):
    user = UserFactory(first_name="Zoé", last_name="Lemaître")
    finish(user, course)
    certificate = Certificate.objects.get()
    client.force_login(user)
    html = client.get(f"/mes-formations/attestations/{certificate.code}/").content.decode()
    assert "Zoé Lemaître" in html and certificate.code in html
    assert f"/attestations/verifier/{certificate.code}/" in html
    response = client.get(f"/mes-formations/attestations/{certificate.code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Lema\xeetre" in response.content or len(response.content) > 1000


def test_another_learner_gets_404_for_someone_elses_certificate(client, course):
    owner = UserFactory()
    finish(owner, course)
    certificate = Certificate.objects.get()
    client.force_login(UserFactory())
    assert client.get(f"/mes-formations/attestations/{certificate.code}/").status_code == 404
    assert client.get(f"/mes-formations/attestations/{certificate.code}/pdf/").status_code == 404


def test_certificate_pages_need_an_account(client, course):
    finish(UserFactory(), course)
    certificate = Certificate.objects.get()
    response = client.get(f"/mes-formations/attestations/{certificate.code}/pdf/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_public_verification_shows_only_name_course_and_date(client, course):
    user = UserFactory(first_name="Zoé", last_name="Lemaître", email="zoe@example.org", association="Secret asso")
    finish(user, course)
    certificate = Certificate.objects.get()
    response = client.get(f"/attestations/verifier/{certificate.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zoé Lemaître" in html and course.title in html
    assert "zoe@example.org" not in html and "Secret asso" not in html
    # The form redirects a typed code (lower case, spaces) to its page.
    response = client.get("/attestations/verifier/", {"code": certificate.code.lower()})
    assert response["Location"].endswith(f"/attestations/verifier/{certificate.code}/")


def test_unknown_certificate_code_is_a_clear_404(client, db, home_page):
    response = client.get("/attestations/verifier/ZZZZZZZZZZZZ/")
    assert response.status_code == 404
    assert "ZZZZZZZZZZZZ" in response.content.decode()
    assert client.get("/attestations/verifier/%3Cscript%3E/").status_code == 404


def test_dashboard_lists_courses_in_progress_and_completed_with_certificates(client, course_index, course):
    from tests.factories.courses import build_course

    other = build_course(course_index, lessons=2, quizzes=0)
    user = UserFactory()
    finish(user, course)
    record_lesson_completion(user, LessonPage.objects.child_of(other).first())
    client.force_login(user)
    html = client.get("/mes-formations/").content.decode()
    assert other.title in html and "50 %" in html
    assert f"{other.url}commencer/" in html
    certificate = Certificate.objects.get()
    assert f"/mes-formations/attestations/{certificate.code}/pdf/" in html


def test_learner_never_sees_another_learners_progress(client, course):
    owner = UserFactory()
    finish(owner, course)
    client.force_login(UserFactory())
    html = client.get("/mes-formations/").content.decode()
    assert course.title not in html
    html = client.get(course.url).content.decode()
    assert "syllabus__step--done" not in html and "syllabus__step--passed" not in html


def test_pdf_is_named_attestation(client, course):
    user = UserFactory()
    finish(user, course)
    certificate = Certificate.objects.get()
    client.force_login(user)
    response = client.get(f"/mes-formations/attestations/{certificate.code}/pdf/")
    assert response["Content-Disposition"] == f'attachment; filename="attestation-{certificate.code}.pdf"'


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/mes-formations/certificats/{code}/", "/mes-formations/attestations/{code}/"),
        ("/mes-formations/certificats/{code}/pdf/", "/mes-formations/attestations/{code}/pdf/"),
        ("/mes-formations/certificats/{code}/badge/", "/mes-formations/attestations/{code}/badge/"),
        ("/certificats/verifier/{code}/", "/attestations/verifier/{code}/"),
        ("/certificats/verifier/?code={code}", "/attestations/verifier/?code={code}"),
        ("/en/certificats/verifier/{code}/", "/en/attestations/verifier/{code}/"),
    ],
)
def test_old_certificate_addresses_redirect_permanently_to_the_attestation_ones(client, course, old, new):
    user = UserFactory()
    finish(user, course)
    code = Certificate.objects.get().code
    response = client.get(old.format(code=code))
    assert response.status_code == 301
    assert response["Location"] == new.format(code=code)


def test_the_public_check_answers_at_its_attestation_address(client, course):
    finish(UserFactory(first_name="Zoé", last_name="Lemaître"), course)
    code = Certificate.objects.get().code
    response = client.get(f"/certificats/verifier/{code}/", follow=True)
    assert response.redirect_chain == [(f"/attestations/verifier/{code}/", 301)]
    assert "Zoé Lemaître" in response.content.decode()
