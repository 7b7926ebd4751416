"""Guidance towards the attestation (docs/learner-journey.md): the next step as the primary button on the
course page, the quiz result and "Mes formations"; the home page's "Reprendre" card; the celebration
page; the lessons to review after a failed quiz; sharing an attestation."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from courses.guidance import next_step_label, next_steps_by_course
from courses.models import Certificate, CoursePage, LessonPage, QuizAttempt, QuizPage
from courses.progress import record_lesson_completion
from home.models import OrganisationSettings
from tests.factories.accounts import UserFactory
from tests.factories.courses import LessonPageFactory, QuizPageFactory, add_question, build_course

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def quiz_of(course):
    return QuizPage.objects.child_of(course).get()


def take_quiz(client, user, quiz, right):
    """Start, answer (right when ``right(question)``), submit; returns (submit response, attempt)."""
    client.post(quiz.url + "commencer/")
    attempt = QuizAttempt.objects.get(user=user, quiz=quiz, submitted_at__isnull=True)
    by_id = {q.pk: q for q in quiz.questions.prefetch_related("choices")}
    for number, pk in enumerate(attempt.question_order, start=1):
        question = by_id[pk]
        wanted = [c.pk for c in question.choices.all() if c.is_correct == right(question)][:1]
        client.post(f"{quiz.url}tentative/{attempt.pk}/question/{number}/", {"choice": wanted})
    response = client.post(f"{quiz.url}tentative/{attempt.pk}/recapitulatif/")
    attempt.refresh_from_db()
    return response, attempt


def result_html(client, quiz, attempt):
    return client.get(f"{quiz.url}tentative/{attempt.pk}/resultat/").content.decode()


# --- The wording ---------------------------------------------------------------------------------


def test_the_label_says_how_many_steps_are_left_with_the_right_plural():
    lesson = LessonPage(title="Publier régulièrement", estimated_minutes=12)
    with translation.override("fr"):
        assert next_step_label(lesson, 1) == f"Encore 1 étape{NBSP}: Publier régulièrement, 12{NBSP}min"
        assert next_step_label(lesson, 3) == f"Encore 3 étapes{NBSP}: Publier régulièrement, 12{NBSP}min"
    lesson.estimated_minutes = 95
    with translation.override("fr"):
        assert next_step_label(lesson, 2) == f"Encore 2 étapes{NBSP}: Publier régulièrement, 1{NBSP}h{NBSP}35{NBSP}min"
    with translation.override("en"):
        assert next_step_label(lesson, 1) == f"1 step left: Publier régulièrement, 1{NBSP}h{NBSP}35{NBSP}min"


# --- Course page ---------------------------------------------------------------------------------


def test_course_page_primary_button_names_the_next_step_and_lists_those_left(client, course):
    user = UserFactory()
    first, second, third = lessons_of(course)
    record_lesson_completion(user, first)
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert (
        f'<a class="button button--primary next-step__button" href="{course.url}commencer/">'
        f"Encore 3 étapes{NBSP}: {second.title}, {second.estimated_minutes}{NBSP}min" in html
    )
    assert "Les 3 étapes qui restent avant l’attestation" in html
    steps_left = html.split('class="steps-left"', 1)[1].split("</ul>", 1)[0]
    assert second.title in steps_left and third.title in steps_left and quiz_of(course).title in steps_left
    assert first.title not in steps_left


def test_completed_course_page_leads_to_the_attestation(client, course):
    user = UserFactory()
    for lesson in lessons_of(course):
        record_lesson_completion(user, lesson)
    client.force_login(user)
    _response, attempt = take_quiz(client, user, quiz_of(course), right=lambda q: True)
    assert attempt.passed
    certificate = Certificate.objects.get(enrollment__user=user)
    html = client.get(course.url).content.decode()
    assert f'class="button button--primary" href="/mes-formations/attestations/{certificate.code}/"' in html
    assert "Encore" not in html.split('class="course-header"', 1)[1].split("</div>", 1)[0]


# --- Quiz result ---------------------------------------------------------------------------------


@pytest.fixture
def course_with_linked_questions(course_index):
    """Two lessons then a quiz whose two questions are linked to one lesson each (pass mark 100 %)."""
    course = build_course(course_index, lessons=0, quizzes=0)
    basics = LessonPageFactory(parent=course, title="Les bases du référencement")
    advanced = LessonPageFactory(parent=course, title="Mesurer son audience")
    quiz = QuizPageFactory(parent=course, questions=[], pass_mark=100, title="Quiz final")
    first = add_question(quiz, text="Qu’est-ce qu’un mot-clé ?")
    second = add_question(quiz, text="Que mesure le taux de rebond ?")
    first.lesson, second.lesson = basics, advanced
    first.save()
    second.save()
    return course


def test_a_failed_attempt_links_each_wrong_question_to_its_lesson(client, course_with_linked_questions):
    course = course_with_linked_questions
    basics, advanced = lessons_of(course)
    quiz = quiz_of(course)
    user = UserFactory()
    client.force_login(user)
    _response, attempt = take_quiz(client, user, quiz, right=lambda q: q.lesson_id == advanced.pk)
    assert not attempt.passed

    html = result_html(client, quiz, attempt)

    review = html.split('class="callout review-lessons"', 1)[1].split("</section>", 1)[0]
    assert "À revoir avant de réessayer" in review
    assert f'<a href="{basics.url}">{basics.title}</a>' in review
    assert "(1 question manquée)" in review
    assert advanced.title not in review  # answered right: nothing to review
    # Next to the wrong question itself, in the corrections.
    assert f'À revoir{NBSP}: <a href="{basics.url}">{basics.title}</a>' in html
    assert f'À revoir{NBSP}: <a href="{advanced.url}">' not in html


def test_a_question_without_lesson_or_linked_to_another_course_offers_no_link(
    client, course_index, course_with_linked_questions
):
    course = course_with_linked_questions
    quiz = quiz_of(course)
    other_course = build_course(course_index, lessons=1, quizzes=0)
    elsewhere = lessons_of(other_course)[0]
    first, second = quiz.questions.order_by("sort_order")
    first.lesson = elsewhere
    first.save()
    second.lesson = None
    second.save()
    user = UserFactory()
    client.force_login(user)
    _response, attempt = take_quiz(client, user, quiz, right=lambda q: False)

    html = result_html(client, quiz, attempt)

    assert "review-lessons" not in html
    assert elsewhere.url not in html
    assert "Réponse fausse" in html or "Mauvaise réponse" in html


def test_a_failed_attempt_on_a_quiz_that_hides_answers_still_names_the_lessons(client, course_with_linked_questions):
    course = course_with_linked_questions
    basics, _advanced = lessons_of(course)
    quiz = quiz_of(course)
    QuizPage.objects.filter(pk=quiz.pk).update(show_answers=False)
    quiz.refresh_from_db()
    user = UserFactory()
    client.force_login(user)
    _response, attempt = take_quiz(client, user, quiz, right=lambda q: False)
    html = result_html(client, quiz, attempt)
    assert f'<a href="{basics.url}">{basics.title}</a>' in html
    assert "Qu’est-ce qu’un mot-clé" not in html  # the questions themselves stay hidden


def test_passing_the_quiz_with_a_lesson_undone_says_exactly_what_is_left(client, course):
    user = UserFactory()
    first, second, third = lessons_of(course)
    record_lesson_completion(user, first)
    record_lesson_completion(user, third)
    client.force_login(user)
    quiz = quiz_of(course)
    _response, attempt = take_quiz(client, user, quiz, right=lambda q: True)
    assert attempt.passed

    html = result_html(client, quiz, attempt)

    assert f"Quiz réussi\u202f! Encore une étape avant l’attestation{NBSP}:" in html
    assert (
        f'<a class="button button--primary next-step__button" href="{second.url}">'
        f"Encore 1 étape{NBSP}: {second.title}, {second.estimated_minutes}{NBSP}min" in html
    )
    assert html.count("button--primary") == 1  # one obvious next step: "Réessayer" is secondary


# --- Finishing a course: the celebration page ----------------------------------------------------


def test_the_quiz_that_completes_the_course_opens_the_celebration_page(client, course):
    user = UserFactory(first_name="Łucja", last_name="Wiśniewska")
    for lesson in lessons_of(course):
        record_lesson_completion(user, lesson)
    client.force_login(user)
    response, _attempt = take_quiz(client, user, quiz_of(course), right=lambda q: True)
    certificate = Certificate.objects.get(enrollment__user=user)
    assert response["Location"] == f"/mes-formations/attestations/{certificate.code}/felicitations/"

    html = client.get(response["Location"]).content.decode()
    assert "Félicitations, vous avez terminé la formation\u202f!" in html
    assert "Łucja Wiśniewska" in html and course.title in html
    assert f'href="/mes-formations/attestations/{certificate.code}/pdf/"' in html
    assert "Copier le lien" in html and "linkedin.com/profile/add" in html


def test_the_last_lesson_that_completes_the_course_opens_the_celebration_page(client, course):
    user = UserFactory()
    client.force_login(user)
    quiz = quiz_of(course)
    first, second, third = lessons_of(course)
    record_lesson_completion(user, first)
    take_quiz(client, user, quiz, right=lambda q: True)
    record_lesson_completion(user, second)
    assert not Certificate.objects.filter(enrollment__user=user).exists()
    response = client.post(third.url + "terminer/")
    certificate = Certificate.objects.get(enrollment__user=user)
    assert response["Location"] == f"/mes-formations/attestations/{certificate.code}/felicitations/"
    # Marking it again later is no new achievement: back to the course, no second celebration.
    response = client.post(third.url + "terminer/")
    assert response["Location"] == course.url


def test_a_course_without_attestation_ends_on_the_course_page(client, course_index):
    course = build_course(course_index, lessons=1, quizzes=0, issues_certificate=False)
    client.force_login(UserFactory())
    response = client.post(lessons_of(course)[0].url + "terminer/")
    assert response["Location"] == course.url


def test_nobody_else_sees_a_learners_celebration_page(client, course):
    user = UserFactory()
    for lesson in lessons_of(course):
        record_lesson_completion(user, lesson)
    client.force_login(user)
    take_quiz(client, user, quiz_of(course), right=lambda q: True)
    code = Certificate.objects.get(enrollment__user=user).code
    other = Client()
    other.force_login(UserFactory())
    assert other.get(f"/mes-formations/attestations/{code}/felicitations/").status_code == 404
    assert Client().get(f"/mes-formations/attestations/{code}/felicitations/").status_code == 302  # log in
    assert client.get("/mes-formations/attestations/pas%20un%20code/felicitations/").status_code == 404


# --- Sharing an attestation ----------------------------------------------------------------------


def test_attestation_page_offers_a_selectable_link_and_linkedins_add_to_profile(client, course):
    user = UserFactory()
    for lesson in lessons_of(course):
        record_lesson_completion(user, lesson)
    client.force_login(user)
    take_quiz(client, user, quiz_of(course), right=lambda q: True)
    settings = OrganisationSettings.for_site(Site.objects.get())
    settings.name = "Webassoc Bénévoles"
    settings.save()
    certificate = Certificate.objects.get(enrollment__user=user)

    html = client.get(f"/mes-formations/attestations/{certificate.code}/").content.decode()

    verify = f"http://localhost/attestations/verifier/{certificate.code}/"
    # Without JavaScript: the address in a read-only field; the copy button is shown by the script.
    assert f'value="{verify}" readonly data-copy-link-source' in html
    assert "data-copy-link-button" in html and "hidden>Copier le lien</button>" in html
    link = html.split('href="https://www.linkedin.com/profile/add?', 1)[1].split('"', 1)[0]
    query = parse_qs(urlsplit("?" + link.replace("&amp;", "&")).query)
    assert query == {
        "startTask": ["CERTIFICATION_NAME"],
        "name": [certificate.course_title],
        "organizationName": ["Webassoc Bénévoles"],
        "issueYear": [str(certificate.issued_at.year)],
        "issueMonth": [str(certificate.issued_at.month)],
        "certUrl": [verify],
        "certId": [certificate.code],
    }
    assert "<script" not in html.split('class="certificate-share"', 1)[1].split("</div>\n", 1)[0]


# --- "Mes formations" ----------------------------------------------------------------------------


def test_dashboard_cards_show_the_next_step_of_each_course(client, course_index, course):
    user = UserFactory()
    other = build_course(course_index, lessons=2, quizzes=0)
    record_lesson_completion(user, lessons_of(course)[0])
    record_lesson_completion(user, lessons_of(other)[0])
    client.force_login(user)
    html = client.get("/mes-formations/").content.decode()
    second = lessons_of(course)[1]
    last = lessons_of(other)[1]
    assert f"Encore 3 étapes{NBSP}: {second.title}, {second.estimated_minutes}{NBSP}min" in html
    assert f"Encore 1 étape{NBSP}: {last.title}, {last.estimated_minutes}{NBSP}min" in html


def test_next_steps_of_many_courses_take_a_fixed_number_of_queries(course_index, django_assert_max_num_queries):
    user = UserFactory()
    courses = [build_course(course_index, lessons=3, quizzes=1) for _ in range(4)]
    for course in courses:
        record_lesson_completion(user, lessons_of(course)[0])
    courses = list(CoursePage.objects.filter(pk__in=[c.pk for c in courses]))
    with django_assert_max_num_queries(6):
        steps = next_steps_by_course(courses, user)
    assert {course.pk: steps[course.pk].page.pk for course in courses} == {
        course.pk: lessons_of(course)[1].pk for course in courses
    }
    assert all(step.remaining == 3 and step.total == 4 for step in steps.values())


# --- The home page's "Reprendre" card ------------------------------------------------------------


def test_home_page_resume_card_is_per_learner_and_never_cached(home_page, course_index, course):
    from home.models import NavigationSettings

    site = Site.objects.get()
    OrganisationSettings.for_site(site)
    NavigationSettings.for_site(site)
    other_course = build_course(course_index, lessons=2, quizzes=0)
    camille, yanis = UserFactory(), UserFactory()
    record_lesson_completion(camille, lessons_of(course)[0])
    record_lesson_completion(yanis, lessons_of(other_course)[0])

    anonymous = Client()
    assert "resume-card" not in anonymous.get("/").content.decode()
    assert "public" in anonymous.get("/")["Cache-Control"]  # the anonymous page is shared, card-free

    as_camille = Client()
    as_camille.force_login(camille)
    response = as_camille.get("/")
    html = response.content.decode()
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    card = html.split('class="resume-card"', 1)[1].split("</section>", 1)[0]
    assert "Reprendre où vous en étiez" in card and course.title in card
    second = lessons_of(course)[1]
    assert f'href="{second.url}">Encore 3 étapes{NBSP}: {second.title}' in card

    as_yanis = Client()
    as_yanis.force_login(yanis)
    card = as_yanis.get("/").content.decode().split('class="resume-card"', 1)[1].split("</section>", 1)[0]
    assert other_course.title in card and course.title not in card

    assert "resume-card" not in anonymous.get("/").content.decode()


def test_no_resume_card_without_a_course_in_progress(client, home_page, course):
    user = UserFactory()
    client.force_login(user)
    assert "resume-card" not in client.get("/").content.decode()
