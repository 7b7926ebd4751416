"""Every page type costs the same number of SQL queries whatever the amount of data.

Each test builds a small data set, counts the queries of one request (after a warm-up request, so
that settings rows and image renditions exist), grows the data to a few hundred rows, counts again,
and asserts both counts are equal and within the budget: 12 queries for a public page, 20 for a
learner's or a staff member's page. An N+1 query (one query per item of a list) fails here.

A page type that is missing fails the test (no skip).
"""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import StandardPage
from tests.bench.bulk import bulk_add_children
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_LIMIT = 12
MEMBER_LIMIT = 20
LARGE = 300


def optional(module):
    """Import a module of an app, or fail the test with the reason."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        pytest.fail(f"{module} cannot be imported ({error})")


class QueryCounter:
    """Counts the queries of one GET, after warm-up GETs of the same address (cached site data, renditions)."""

    def __init__(self, assert_max_num_queries):
        self.assert_max_num_queries = assert_max_num_queries

    def count(self, client, url, status=200, limit=None):
        for _ in range(2):  # the first request may create settings rows, which renews the cache generation
            warm_up = client.get(url)
            assert warm_up.status_code == status, f"{url}: {warm_up.status_code}"
        with CaptureQueriesContext(connection) as context:
            if limit is None:
                response = client.get(url)
            else:
                with self.assert_max_num_queries(limit):
                    response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return len(context), [query["sql"] for query in context.captured_queries]

    def same_at_both_sizes(self, client, url, grow, limit=PUBLIC_LIMIT, status=200, large_url=None):
        """Count ``url``, call ``grow()``, count ``large_url or url`` within ``limit``; return the counts."""
        small, small_sql = self.count(client, url, status)
        grow()
        large, large_sql = self.count(client, large_url or url, status, limit=limit)
        assert small == large, (
            f"{large_url or url}: {small} queries with little data, {large} with a few hundred rows "
            "(a query per item?)\n--- small:\n" + "\n".join(small_sql) + "\n--- large:\n" + "\n".join(large_sql)
        )
        return small, large


@pytest.fixture
def counter(django_assert_max_num_queries):
    return QueryCounter(django_assert_max_num_queries)


def standard_pages(parent, count, prefix="page"):
    return bulk_add_children(
        parent,
        [
            StandardPage(title=f"Page {prefix} {n}", slug=f"{prefix}-{n}", intro="Une page de l'association.")
            for n in range(count)
        ],
        index=True,
    )


# --- home -----------------------------------------------------------------------------------------


def test_home_page_query_count_is_constant(client, counter, home_page):
    standard_pages(home_page, 2)

    def grow():
        standard_pages(home_page, LARGE, prefix="more")
        _grow_every_app(home_page)

    counter.same_at_both_sizes(client, "/", grow)


def _grow_every_app(home_page):
    """What the home page shows from the other apps (latest news, manifesto counter), when they exist."""
    try:
        news_factories = importlib.import_module("tests.factories.news")
    except ImportError:
        news_factories = None
    if news_factories is not None and hasattr(news_factories, "bulk_articles"):
        news_factories.bulk_articles(home_page, LARGE)


def test_standard_page_query_count_is_constant(client, counter, home_page):
    parent = StandardPage(title="L'association", slug="association", intro="Qui nous sommes.")
    home_page.add_child(instance=parent)
    parent.save_revision().publish()
    standard_pages(parent, 2)
    counter.same_at_both_sizes(client, "/association/", lambda: standard_pages(parent, LARGE, prefix="more"))


def test_search_query_count_is_constant(client, counter, home_page):
    standard_pages(home_page, 3)
    counter.same_at_both_sizes(
        client, "/recherche/?q=association", lambda: standard_pages(home_page, LARGE, prefix="more")
    )


def test_search_last_page_costs_the_same_as_the_first(client, counter, home_page):
    standard_pages(home_page, 45)
    first, _sql = counter.count(client, "/recherche/?q=association", limit=PUBLIC_LIMIT)
    last, _sql = counter.count(client, "/recherche/?q=association&page=5", limit=PUBLIC_LIMIT)
    assert first == last <= PUBLIC_LIMIT


# --- courses --------------------------------------------------------------------------------------


def _courses():
    models = optional("courses.models")
    factories = optional("tests.factories.courses")
    return models, factories


@pytest.fixture
def catalogue(home_page):
    _models, factories = _courses()
    return factories.CourseIndexPageFactory(parent=home_page)


def bulk_courses(catalogue, count, theme, prefix="bulk"):
    models, _factories = _courses()
    return bulk_add_children(
        catalogue,
        [
            models.CoursePage(
                title=f"Formation {prefix} {n}",
                slug=f"formation-{prefix}-{n}",
                summary="Apprenez l'essentiel en quelques leçons.",
                theme=theme,
                level="beginner",
                objectives="Comprendre\nPratiquer",
                duration_minutes=30,
            )
            for n in range(count)
        ],
    )


def bulk_lessons(course, count, prefix="bulk"):
    models, factories = _courses()
    return bulk_add_children(
        course,
        [
            models.LessonPage(
                title=f"Leçon {prefix} {n}",
                slug=f"lecon-{prefix}-{n}",
                estimated_minutes=10,
                body=factories.lesson_body(),
            )
            for n in range(count)
        ],
    )


def bulk_learners(count, prefix="learner"):
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806
    return User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", first_name="Alex", last_name=f"Durand{n}") for n in range(count)]
    )


def bulk_completions(users, lessons):
    models, _factories = _courses()
    models.LessonCompletion.objects.bulk_create(
        [models.LessonCompletion(user=user, lesson=lesson) for user in users for lesson in lessons],
        ignore_conflicts=True,
    )


def test_catalogue_query_count_is_constant(client, counter, catalogue):
    _models, factories = _courses()
    theme = factories.ThemeFactory()
    factories.build_course(catalogue, lessons=2, quizzes=1, theme=theme)

    def grow():
        for _ in range(10):
            factories.ThemeFactory()
        bulk_courses(catalogue, 40, theme)

    counter.same_at_both_sizes(client, catalogue.url, grow)


def test_filtered_catalogue_query_count_is_constant(client, counter, catalogue):
    _models, factories = _courses()
    theme = factories.ThemeFactory(slug="numerique")
    factories.build_course(catalogue, lessons=2, quizzes=1, theme=theme)
    url = f"{catalogue.url}?theme=numerique&level=beginner"
    counter.same_at_both_sizes(client, url, lambda: bulk_courses(catalogue, 40, theme))


def test_catalogue_last_page_costs_the_same_as_the_first(client, counter, catalogue):
    _models, factories = _courses()
    theme = factories.ThemeFactory()
    bulk_courses(catalogue, 40, theme)
    first, _sql = counter.count(client, catalogue.url, limit=PUBLIC_LIMIT)
    last, _sql = counter.count(client, f"{catalogue.url}?page=4", limit=PUBLIC_LIMIT)
    assert first == last <= PUBLIC_LIMIT


def test_catalogue_for_a_learner_with_progress_query_count_is_constant(client, counter, catalogue):
    models, factories = _courses()
    theme = factories.ThemeFactory()
    course = factories.build_course(catalogue, lessons=2, quizzes=1, theme=theme)
    learner = UserFactory()
    client.force_login(learner)

    def grow():
        courses = bulk_courses(catalogue, 40, theme)
        for other in courses[:12]:
            bulk_completions([learner], bulk_lessons(other, 3))
        bulk_completions(bulk_learners(LARGE), list(models.LessonPage.objects.child_of(course)))

    counter.same_at_both_sizes(client, catalogue.url, grow, limit=MEMBER_LIMIT)


def test_course_page_query_count_is_constant_for_anonymous_visitors(client, counter, catalogue):
    _models, factories = _courses()
    course = factories.build_course(catalogue, lessons=2, quizzes=1)

    def grow():
        lessons = bulk_lessons(course, 30)
        bulk_completions(bulk_learners(LARGE), lessons[:3])

    counter.same_at_both_sizes(client, course.url, grow)


def test_course_page_query_count_is_constant_for_a_learner_with_progress(client, counter, catalogue):
    models, factories = _courses()
    course = factories.build_course(catalogue, lessons=2, quizzes=1)
    learner = UserFactory()
    factories.EnrollmentFactory(user=learner, course=course)
    first_lesson = models.LessonPage.objects.child_of(course).first()
    bulk_completions([learner], [first_lesson])
    client.force_login(learner)

    def grow():
        lessons = bulk_lessons(course, 30)
        bulk_completions([learner], lessons[:20])
        bulk_completions(bulk_learners(LARGE), lessons[:3])

    counter.same_at_both_sizes(client, course.url, grow, limit=MEMBER_LIMIT)


def test_lesson_query_count_is_constant(client, counter, catalogue):
    models, factories = _courses()
    course = factories.build_course(catalogue, lessons=2, quizzes=1)
    lesson = models.LessonPage.objects.child_of(course).first()

    def grow():
        lessons = bulk_lessons(course, 30)
        bulk_completions(bulk_learners(LARGE), [lesson, *lessons[:3]])

    counter.same_at_both_sizes(client, lesson.url, grow)


def test_lesson_query_count_is_constant_for_a_learner_with_progress(client, counter, catalogue):
    models, factories = _courses()
    course = factories.build_course(catalogue, lessons=2, quizzes=1)
    lesson = models.LessonPage.objects.child_of(course).first()
    learner = UserFactory()
    factories.EnrollmentFactory(user=learner, course=course)
    bulk_completions([learner], [lesson])
    client.force_login(learner)

    def grow():
        lessons = bulk_lessons(course, 30)
        bulk_completions([learner], lessons[:20])

    counter.same_at_both_sizes(client, lesson.url, grow, limit=MEMBER_LIMIT)


def test_quiz_question_screen_query_count_is_constant(client, counter, catalogue):
    models, factories = _courses()
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("courses/quiz_page.html")
    except TemplateDoesNotExist:
        pytest.fail("the quiz page template is missing")
    course = factories.build_course(catalogue, lessons=1, quizzes=0)
    quiz = factories.QuizPageFactory(parent=course)
    learner = UserFactory()
    client.force_login(learner)

    def grow():
        for _ in range(10):
            factories.add_question(quiz, choices=[("A", True), ("B", False), ("C", False), ("D", False)])
        others = bulk_learners(LARGE)
        models.QuizAttempt.objects.bulk_create(
            [models.QuizAttempt(user=user, quiz=quiz, score=80, passed=True, answers={}) for user in others]
        )

    counter.same_at_both_sizes(client, quiz.url, grow, limit=MEMBER_LIMIT)


def test_learner_dashboard_query_count_is_constant(client, counter, catalogue):
    models, factories = _courses()
    theme = factories.ThemeFactory()
    course = factories.build_course(catalogue, lessons=2, quizzes=1, theme=theme)
    learner = UserFactory()
    factories.EnrollmentFactory(user=learner, course=course)
    client.force_login(learner)

    def grow():
        courses = bulk_courses(catalogue, 30, theme)
        models.Enrollment.objects.bulk_create([models.Enrollment(user=learner, course=other) for other in courses])
        for other in courses[:10]:
            bulk_completions([learner], bulk_lessons(other, 3))

    counter.same_at_both_sizes(client, "/mes-formations/", grow, limit=MEMBER_LIMIT)


def test_bulk_created_pages_form_a_valid_tree(home_page):
    pages = standard_pages(home_page, 25)
    assert Page.find_problems() == ([], [], [], [], [])
    assert StandardPage.objects.live().count() == 25
    assert pages[-1].get_parent().pk == home_page.pk
    assert Page.objects.get(pk=home_page.pk).numchild == 25
