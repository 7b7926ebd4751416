"""Learning paths ("parcours") and required prerequisites that lock a course's quizzes."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import (
    CourseIndexPage,
    CoursePage,
    LearningPathPage,
    LessonPage,
    PathCertificate,
    PathCourse,
    QuizAttempt,
    QuizPage,
)
from courses.personal_data import erase_courses, export_courses
from courses.progress import check_course_completion, record_lesson_completion
from home.typography import french_text
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory, build_course

pytestmark = pytest.mark.django_db


def complete(user, course):
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    for quiz in QuizPage.objects.child_of(course):
        QuizAttemptFactory(user=user, quiz=quiz)
    check_course_completion(user, course)


def make_path(index, courses, title="Parcours : communiquer"):
    path = LearningPathPage(title=title, slug="parcours-communiquer", intro="Trois formations dans l’ordre.")
    path.path_courses = [PathCourse(course=course, sort_order=i) for i, course in enumerate(courses)]
    index.add_child(instance=path)
    path.save_revision().publish()
    return path


@pytest.fixture
def three_courses(course_index):
    return [
        build_course(course_index, lessons=1, quizzes=1, title=title)
        for title in ("Réseaux sociaux", "Lettre d’information", "RGPD")
    ]


def test_the_path_page_shows_its_courses_in_order_with_progress_and_the_next_one(client, course_index, three_courses):
    path = make_path(course_index, three_courses)
    learner = UserFactory()
    complete(learner, three_courses[0])
    client.force_login(learner)
    html = client.get(path.url).content.decode()
    steps = html[html.index('class="path-steps"') :]
    assert steps.index("Réseaux sociaux") < steps.index("Lettre d’information") < steps.index("RGPD")
    assert "1 formation terminée sur 3" in html
    assert "Continuer avec « Lettre d’information »" in html
    assert not PathCertificate.objects.exists()


def test_the_catalogue_lists_its_paths_but_not_as_courses(client, course_index, three_courses):
    path = make_path(course_index, three_courses)
    html = client.get(course_index.url).content.decode()
    assert french_text(path.title) in html
    assert "3 formations" in html  # the path is not counted as a course


def test_completing_every_course_issues_one_path_attestation_that_anyone_can_verify(
    client, course_index, three_courses
):
    path = make_path(course_index, three_courses)
    learner = UserFactory(first_name="Şahin", last_name="Nguyễn")
    for course in three_courses:
        complete(learner, course)
    complete(learner, three_courses[-1])
    certificate = PathCertificate.objects.get()
    assert (certificate.user, certificate.path, certificate.learner_name) == (learner, path, "Şahin Nguyễn")
    assert certificate.course_titles == ["Réseaux sociaux", "Lettre d’information", "RGPD"]
    client.force_login(learner)
    assert "Voir votre attestation de parcours" in client.get(path.url).content.decode()
    page = client.get(reverse("courses:path_certificate", kwargs={"code": certificate.code}))
    assert page.status_code == 200 and "Şahin Nguyễn" in page.content.decode()
    client.logout()
    verify = client.get(reverse("courses:certificate_verify", kwargs={"code": certificate.code})).content.decode()
    assert "Parcours" in verify and french_text(path.title) in verify
    client.force_login(UserFactory())
    assert client.get(reverse("courses:path_certificate", kwargs={"code": certificate.code})).status_code == 404


def test_path_attestations_are_exported_and_deleted_with_the_account(course_index, three_courses):
    make_path(course_index, three_courses)
    learner = UserFactory()
    for course in three_courses:
        complete(learner, course)
    assert export_courses(learner)["path_certificates"][0]["path"] == "Parcours : communiquer"
    erase_courses(learner)
    assert not PathCertificate.objects.exists()


def test_a_required_prerequisite_locks_the_quizzes_but_not_the_lessons(client, course_index, three_courses):
    social, newsletter, _rgpd = three_courses
    newsletter = CoursePage.objects.get(pk=newsletter.pk)
    newsletter.prerequisite_courses = [social]
    newsletter.prerequisites_required = True
    newsletter.save_revision().publish()
    learner = UserFactory()
    client.force_login(learner)
    lesson = LessonPage.objects.child_of(newsletter).get()
    assert client.get(lesson.url).status_code == 200
    quiz = QuizPage.objects.child_of(newsletter).get()
    html = client.get(quiz.url).content.decode()
    assert "Ce quiz est verrouillé pour le moment" in html
    assert social.url in html
    assert "Commencer le quiz" not in html
    response = client.post(quiz.url + "commencer/")
    assert response.status_code == 302
    assert not QuizAttempt.objects.filter(user=learner).exists()
    complete(learner, social)
    html = client.get(quiz.url).content.decode()
    assert "Ce quiz est verrouillé pour le moment" not in html
    client.post(quiz.url + "commencer/")
    assert QuizAttempt.objects.filter(user=learner, quiz=quiz).exists()


def test_a_recommended_prerequisite_locks_nothing(client, course_index, three_courses):
    social, newsletter, _rgpd = three_courses
    newsletter = CoursePage.objects.get(pk=newsletter.pk)
    newsletter.prerequisite_courses = [social]
    newsletter.save_revision().publish()
    client.force_login(UserFactory())
    quiz = QuizPage.objects.child_of(newsletter).get()
    assert "verrouillé" not in client.get(quiz.url).content.decode()


class TestLearningPathPageRules(WagtailPageTestCase):
    def test_paths_live_in_the_catalogue_and_have_no_children(self):
        self.assertAllowedParentPageTypes(LearningPathPage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(LearningPathPage, set())

    def test_editors_create_a_path_with_its_courses(self):
        from wagtail.models import Site

        from tests.factories.courses import CourseIndexPageFactory

        index = CourseIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
        first = build_course(index, lessons=1, quizzes=0, title="Bases")
        second = build_course(index, lessons=1, quizzes=0, title="Suite")
        self.login()
        data = nested_form_data(
            {
                "title": "Parcours test",
                "slug": "parcours-test",
                "intro": "Deux formations.",
                "issues_attestation": "on",
                "path_courses": inline_formset([{"course": first.pk}, {"course": second.pk}]),
                "body": streamfield([]),
            }
        )
        self.assertCanCreate(
            index,
            LearningPathPage,
            data,
        )
        path = LearningPathPage.objects.get(slug="parcours-test")
        assert [course.title for course in path.get_courses()] == ["Bases", "Suite"]
        self.assertPageIsRenderable(path)
        self.assertPageIsPreviewable(path, post_data=data)
