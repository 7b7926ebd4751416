"""Learner progress: syllabus states, "J'ai terminé", resume, completion, anonymous progress merged."""

import pytest
from django.urls import reverse

from courses.models import Enrollment, LessonCompletion, LessonPage, QuizPage
from courses.progress import course_progress, record_lesson_completion
from courses.signals import course_completed
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.courses import QuizAttemptFactory, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_step_course(course_index):
    """Four lessons then a quiz."""
    return build_course(course_index, lessons=4, quizzes=1)


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def quiz_of(course):
    return QuizPage.objects.child_of(course).get()


def test_syllabus_shows_each_step_state(client, course):
    user = UserFactory()
    first, second, _third = lessons_of(course)
    quiz = quiz_of(course)
    record_lesson_completion(user, first)
    QuizAttemptFactory(user=user, quiz=quiz, score=0, passed=False)
    client.force_login(user)
    html = client.get(course.url).content.decode()
    assert html.count("syllabus__step--done") == 1
    assert html.count("syllabus__step--failed") == 1
    assert html.count("syllabus__step--not_started") == 2
    # The primary button names the next step, how many are left and its time.
    assert f"Encore 3 étapes\u00a0: {second.title}, {second.estimated_minutes}\u00a0min" in html

    QuizAttemptFactory(user=user, quiz=quiz, score=100, passed=True)
    states = [step.state for step in course_progress(course, user=user).steps]
    assert states == ["done", "not_started", "not_started", "passed"]


def test_course_page_queries_do_not_grow_with_steps(client, course_index, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)
    small = build_course(course_index, lessons=2, quizzes=1)
    big = build_course(course_index, lessons=15, quizzes=4)
    for lesson in lessons_of(big)[:5]:
        record_lesson_completion(user, lesson)
    from home.cache import purge_all

    for url in (small.url, big.url):  # content types, site root paths
        client.get(url)
    # Warm (the course's pages and steps come from the cache) and cold (right after a purge), a
    # course with 19 steps costs what a course with 3 costs.
    with django_assert_max_num_queries(30) as small_queries:
        assert client.get(small.url).status_code == 200
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        assert client.get(big.url).status_code == 200
    purge_all()
    with django_assert_max_num_queries(30) as small_cold:
        assert client.get(small.url).status_code == 200
    purge_all()
    with django_assert_max_num_queries(len(small_cold.captured_queries)):
        assert client.get(big.url).status_code == 200


def test_start_button_goes_to_the_first_unfinished_step(client, course):
    user = UserFactory()
    first, second, _third = lessons_of(course)
    record_lesson_completion(user, first)
    client.force_login(user)
    response = client.get(course.url + "commencer/")
    assert response.status_code == 302
    assert response["Location"] == second.url
    assert Enrollment.objects.filter(user=user, course=course).exists()


def test_a_get_on_commencer_leads_to_the_first_step_and_writes_nothing(client, course):
    user = UserFactory()
    client.force_login(user)

    for method in (client.get, client.head):
        response = method(course.url + "commencer/")
        assert response.status_code == 302
        assert response["Location"] == lessons_of(course)[0].url
    assert not Enrollment.objects.filter(user=user).exists()


def test_the_start_button_of_a_member_not_enrolled_is_a_post_that_enrols(client, course):
    user = UserFactory()
    client.force_login(user)

    html = client.get(course.url).content.decode()
    response = client.post(course.url + "commencer/")

    assert f'<form class="next-step" method="post" action="{course.url}commencer/">' in html
    assert response.status_code == 302
    assert response["Location"] == lessons_of(course)[0].url
    assert Enrollment.objects.filter(user=user, course=course).exists()


def test_commencer_refuses_other_methods(client, course):
    client.force_login(UserFactory())

    assert client.put(course.url + "commencer/").status_code == 405
    assert not Enrollment.objects.exists()


def test_start_button_for_a_newcomer_goes_to_the_first_step(client, course):
    html = client.get(course.url).content.decode()
    first = lessons_of(course)[0]
    assert f'href="{course.url}commencer/">Encore 4 étapes\u00a0: {first.title}' in html
    response = client.get(course.url + "commencer/")
    assert response["Location"] == lessons_of(course)[0].url


def test_done_button_moves_progress_from_2_of_5_to_3_of_5(client, five_step_course):
    user = UserFactory()
    lessons = lessons_of(five_step_course)
    for lesson in lessons[:2]:
        record_lesson_completion(user, lesson)
    client.force_login(user)
    html = client.get(lessons[2].url).content.decode()
    assert "2 / 5" in html
    assert 'value="2"' in html and 'max="5"' in html

    response = client.post(lessons[2].url + "terminer/")
    assert response.status_code == 302
    assert response["Location"] == lessons[3].url
    html = client.get(lessons[3].url).content.decode()
    assert "3 / 5" in html
    assert LessonCompletion.objects.filter(user=user).count() == 3


def test_done_twice_records_the_lesson_once(client, course):
    user = UserFactory()
    client.force_login(user)
    lesson = lessons_of(course)[0]
    client.post(lesson.url + "terminer/")
    client.post(lesson.url + "terminer/")
    assert LessonCompletion.objects.filter(user=user, lesson=lesson).count() == 1


def test_done_needs_a_post(client, course):
    response = client.get(lessons_of(course)[0].url + "terminer/")
    assert response.status_code == 405


def test_lesson_shows_previous_and_next_steps(client, course):
    first, second, third = lessons_of(course)
    html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html


def test_course_completes_once_when_every_lesson_done_and_quiz_passed(course):
    user = UserFactory()
    received = []

    def receiver(sender, enrollment, **kwargs):
        received.append(enrollment.pk)

    course_completed.connect(receiver)
    try:
        for lesson in lessons_of(course):
            record_lesson_completion(user, lesson)
        assert received == []  # the quiz is not passed yet
        QuizAttemptFactory(user=user, quiz=quiz_of(course), score=20, passed=False)
        QuizAttemptFactory(user=user, quiz=quiz_of(course), score=90, passed=True)
        from courses.progress import check_course_completion

        assert check_course_completion(user, course)
        assert check_course_completion(user, course)
        record_lesson_completion(user, lessons_of(course)[0])
    finally:
        course_completed.disconnect(receiver)
    enrollment = Enrollment.objects.get(user=user, course=course)
    assert enrollment.completed_at is not None
    assert received == [enrollment.pk]


def test_anonymous_visitor_progress_is_kept_in_the_session(client, course):
    first = lessons_of(course)[0]
    response = client.post(first.url + "terminer/")
    assert response.status_code == 302
    html = client.get(course.url).content.decode()
    assert html.count("syllabus__step--done") == 1
    assert not LessonCompletion.objects.exists()


def test_session_progress_joins_the_account_at_log_in(client, course):
    user = UserFactory()
    first, second, _ = lessons_of(course)
    record_lesson_completion(user, first)
    client.post(first.url + "terminer/")
    client.post(second.url + "terminer/")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert set(LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)) == {first.pk, second.pk}
    assert Enrollment.objects.filter(user=user, course=course).count() == 1
    # Logging in again merges nothing more.
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert LessonCompletion.objects.filter(user=user).count() == 2


def test_session_progress_joins_the_new_account_at_sign_up(client, course, django_user_model):
    first = lessons_of(course)[0]
    client.post(first.url + "terminer/")
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Inès",
            "last_name": "Moreau",
            "email": "ines@example.org",
            "password1": "une phrase de passe assez longue",
            "password2": "une phrase de passe assez longue",
            "association": "Les Jardins partagés",
            "role": "Trésorière",
        },
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(email="ines@example.org")
    assert list(LessonCompletion.objects.filter(user=user).values_list("lesson_id", flat=True)) == [first.pk]
    assert Enrollment.objects.filter(user=user, course=course).exists()
