"""The optional end-of-course survey and what staff learn from it: satisfaction, recommendation,
what learners will change, and how far learners go in the course (the funnel)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import Certificate, CourseSurvey, LessonPage, QuizPage
from courses.personal_data import erase_courses
from courses.progress import check_course_completion, record_lesson_completion
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory

pytestmark = pytest.mark.django_db


def complete(user, course):
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    for quiz in QuizPage.objects.child_of(course):
        QuizAttemptFactory(user=user, quiz=quiz)
    check_course_completion(user, course)


def survey_url(course):
    return reverse("courses:course_survey", kwargs={"course_id": course.pk})


def test_a_learner_who_completed_a_course_answers_the_survey_from_mes_formations(client, course):
    learner = UserFactory()
    complete(learner, course)
    client.force_login(learner)
    assert survey_url(course) in client.get(reverse("courses:dashboard")).content.decode()
    page = client.get(survey_url(course))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    response = client.post(
        survey_url(course), {"satisfaction": "4", "would_recommend": "yes", "change": "Une lettre par mois."}
    )
    assert response.status_code == 302
    survey = CourseSurvey.objects.get()
    assert (survey.satisfaction, survey.would_recommend, survey.change) == (4, True, "Une lettre par mois.")
    client.post(survey_url(course), {"satisfaction": "5", "would_recommend": "no"})
    assert CourseSurvey.objects.get().satisfaction == 5  # changeable, still one answer


def test_the_survey_never_blocks_the_attestation(course):
    learner = UserFactory()
    complete(learner, course)
    assert Certificate.objects.filter(enrollment__user=learner).exists()
    assert not CourseSurvey.objects.exists()


def test_the_survey_opens_only_once_the_course_is_complete(client, course):
    learner = UserFactory()
    record_lesson_completion(learner, LessonPage.objects.child_of(course).first())
    client.force_login(learner)
    assert client.get(survey_url(course)).status_code == 404
    assert client.post(survey_url(course), {"satisfaction": "5", "would_recommend": "yes"}).status_code == 404
    assert not CourseSurvey.objects.exists()


def test_missing_answers_are_listed_at_the_top_and_the_text_kept(client, course):
    learner = UserFactory()
    complete(learner, course)
    client.force_login(learner)
    page = client.post(survey_url(course), {"satisfaction": "9", "change": "Mieux communiquer"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "<title>Erreur" in html
    assert "Choisissez une note de 1 à 5." in html and "Choisissez « Oui » ou « Non »." in html
    assert "Mieux communiquer" in html
    assert not CourseSurvey.objects.exists()


def test_staff_see_the_funnel_and_the_survey_results(client, course):
    finished, stuck = UserFactory(), UserFactory()
    complete(finished, course)
    record_lesson_completion(stuck, LessonPage.objects.child_of(course).order_by("path").first())
    CourseSurvey.objects.create(course=course, user=finished, satisfaction=4, would_recommend=True, change="Tout")
    trainer = UserFactory()
    trainer.groups.add(Group.objects.get(name="Formateurs"))
    client.force_login(trainer)
    listing = client.get("/admin/reports/formations/avis/").content.decode()
    assert course.title in listing and "4,0 / 5" in listing and "100 %" in listing
    detail = client.get(f"/admin/reports/formations/{course.pk}/avis/").content.decode()
    assert "2 apprenants inscrits" in detail
    first_lesson = LessonPage.objects.child_of(course).order_by("path").first()
    assert f"1. {first_lesson.title}</td><td>2</td><td>100 %" in detail.replace("\n", "")
    assert "Tout" in detail
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    assert client.get(f"/admin/reports/formations/{course.pk}/avis/").status_code == 403


def test_a_deleted_account_leaves_its_marks_but_not_its_words(course):
    learner = UserFactory()
    complete(learner, course)
    CourseSurvey.objects.create(course=course, user=learner, satisfaction=2, would_recommend=False, change="Mon nom")
    erase_courses(learner)
    survey = CourseSurvey.objects.get()
    assert (survey.user, survey.satisfaction, survey.change) == (None, 2, "")
