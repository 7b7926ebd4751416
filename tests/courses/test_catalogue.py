"""Catalogue filters and cards, the learner's dashboard, featured courses on the home page."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from courses.progress import record_lesson_completion
from home.models import HomeFeaturedCourse
from tests.factories.accounts import UserFactory
from tests.factories.courses import (
    CertificateFactory,
    EnrollmentFactory,
    QuizAttemptFactory,
    ThemeFactory,
    build_course,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [course.title for course in response.context["courses"]]


@pytest.fixture
def varied_courses(course_index):
    com = ThemeFactory(name="Communication", slug="communication")
    money = ThemeFactory(name="Finances", slug="finances")
    short = build_course(course_index, lessons=1, quizzes=0, title="Court", slug="court", theme=com)
    medium = build_course(
        course_index, lessons=4, quizzes=1, title="Moyen", slug="moyen", theme=money, level="intermediate"
    )
    long = build_course(course_index, lessons=12, quizzes=0, title="Long", slug="long", theme=com, level="advanced")
    return short, medium, long


def test_catalogue_filters_by_theme_level_and_duration(client, course_index, varied_courses):
    url = course_index.url
    assert titles(client.get(url)) == ["Court", "Moyen", "Long"]
    assert titles(client.get(url, {"theme": "communication"})) == ["Court", "Long"]
    assert titles(client.get(url, {"level": "intermediate"})) == ["Moyen"]
    assert titles(client.get(url, {"duration": "short"})) == ["Court"]
    assert titles(client.get(url, {"duration": "medium"})) == ["Moyen"]
    assert titles(client.get(url, {"duration": "long"})) == ["Long"]
    assert titles(client.get(url, {"theme": "communication", "level": "advanced"})) == ["Long"]


def test_catalogue_form_works_without_javascript(client, course_index, varied_courses):
    html = client.get(course_index.url, {"theme": "finances"}).content.decode()
    assert 'method="get"' in html
    assert '<label for="id_theme">' in html
    assert '<option value="finances" selected>' in html
    assert 'type="submit"' in html


def test_unknown_filter_value_is_reported_and_ignored(client, course_index, varied_courses):
    response = client.get(course_index.url, {"level": "expert", "page": "999"})
    assert response.status_code == 200
    assert titles(response) == ["Court", "Moyen", "Long"]
    assert response.context["filter_form"].errors["level"]
    assert 'aria-describedby="id_level-errors"' in response.content.decode()


def test_catalogue_is_paginated(client, course_index):
    for _ in range(14):
        build_course(course_index, lessons=1, quizzes=0)
    assert len(titles(client.get(course_index.url))) == 12
    assert len(titles(client.get(course_index.url, {"page": "2"}))) == 2
    assert len(titles(client.get(course_index.url, {"page": "abc"}))) == 12


def test_logged_in_learner_sees_their_progress_on_each_card(client, course_index, varied_courses):
    _short, medium, _long = varied_courses
    user = UserFactory()
    lessons = list(LessonPage.objects.child_of(medium).order_by("path"))
    record_lesson_completion(user, lessons[0])
    record_lesson_completion(user, lessons[1])
    client.force_login(user)
    html = client.get(course_index.url).content.decode()
    assert "40\u00a0%" in html  # 2 of 5 steps
    assert 'max="5" value="2"' in html


def catalogue_queries(client, url, django_assert_max_num_queries):
    client.get(url)
    with django_assert_max_num_queries(40) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_catalogue_queries_do_not_grow_with_courses(client, course_index, django_assert_max_num_queries):
    from home.demo_utils import demo_image

    user = UserFactory()
    client.force_login(user)
    for index in range(2):
        course = build_course(course_index, lessons=2, quizzes=1, cover_image=demo_image(f"Couverture {index}", 60, 40))
        record_lesson_completion(user, LessonPage.objects.child_of(course).first())
    few = catalogue_queries(client, course_index.url, django_assert_max_num_queries)
    for index in range(10):
        course = build_course(course_index, lessons=3, quizzes=1, cover_image=demo_image(f"Image {index}", 60, 40))
        QuizAttemptFactory(user=user, quiz=course.get_steps()[-1])
    many = catalogue_queries(client, course_index.url, django_assert_max_num_queries)
    assert many <= few


def test_dashboard_needs_an_account(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_dashboard_lists_own_courses_in_progress_and_completed(client, course_index, varied_courses):
    short, medium, _long = varied_courses
    learner, other = UserFactory(), UserFactory()
    record_lesson_completion(learner, LessonPage.objects.child_of(medium).first())
    done = EnrollmentFactory(user=learner, course=short)
    from django.utils import timezone

    done.completed_at = timezone.now()
    done.save()
    CertificateFactory(enrollment=done)
    record_lesson_completion(other, LessonPage.objects.child_of(short).first())
    client.force_login(learner)
    response = client.get(reverse("courses:dashboard"))
    assert [e.course.title for e in response.context["in_progress"]] == ["Moyen"]
    assert [e.course.title for e in response.context["completed"]] == ["Court"]
    html = response.content.decode()
    assert "1 / 5" in html
    assert medium.url + "commencer/" in html


def test_a_learner_never_sees_another_learners_dashboard(client, course_index, varied_courses):
    _short, medium, _long = varied_courses
    learner, other = UserFactory(), UserFactory()
    record_lesson_completion(other, LessonPage.objects.child_of(medium).first())
    client.force_login(learner)
    response = client.get(reverse("courses:dashboard"), {"user": other.pk})
    assert response.context["in_progress"] == []
    assert "Moyen" not in response.content.decode()


def test_home_page_shows_featured_course_cards_with_bounded_queries(
    client, home_page, course_index, varied_courses, django_assert_max_num_queries
):
    for order, course in enumerate(varied_courses):
        HomeFeaturedCourse.objects.create(page=home_page, course=course, sort_order=order)
    client.get(home_page.url)
    with django_assert_max_num_queries(25):
        html = client.get(home_page.url).content.decode()
    for course in varied_courses:
        assert course.title in html
    assert "Communication" in html and "Intermédiaire" in html or "Intermediate" in html
