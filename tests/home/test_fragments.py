"""Shared fragments (home_tags.shared_fragment): rendered once for everybody, shown fresh after a publish,
never used for previews nor for what is personal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import UserFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def lesson(home_page):
    catalogue = CourseIndexPageFactory(parent=home_page, slug="formations")
    course = CoursePageFactory(parent=catalogue, slug="bases-du-web")
    lesson = LessonPageFactory(parent=course, slug="premiere-lecon", title="Première leçon")
    LessonPageFactory(parent=course, slug="deuxieme-lecon")
    return lesson


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def test_a_lesson_body_is_rendered_once_and_shows_a_new_version_at_once(client, lesson):
    lesson.body = paragraph("Première version du texte.")
    lesson.save_revision().publish()
    for _ in range(2):
        client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(lesson.url).content.decode()
    assert "Première version du texte." in html
    assert len(queries) == 0  # routing, course, steps and body all come from the cache

    lesson.body = paragraph("Seconde version, corrigée.")
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Seconde version, corrigée." in html
    assert "Première version du texte." not in html


def test_a_draft_does_not_reach_visitors_and_its_preview_is_never_cached(client, lesson):
    lesson.body = paragraph("Texte publié.")
    lesson.save_revision().publish()
    client.get(lesson.url)
    lesson.body = paragraph("Brouillon en cours.")
    lesson.save_revision()  # not published
    assert "Texte publié." in client.get(lesson.url).content.decode()
    from django.test import RequestFactory

    request = RequestFactory().get(lesson.url)
    request.user = UserFactory(is_superuser=True)
    draft = lesson.get_latest_revision_as_object()
    html = draft.make_preview_request(request).render().content.decode()
    assert "Brouillon en cours." in html and "Texte publié." not in html
    assert "Texte publié." in client.get(lesson.url).content.decode()


def test_home_featured_courses_are_shared_with_visitors_but_learners_see_their_progress(client, demo_content):
    from courses.progress import record_lesson_completion
    from home.models import HomePage

    featured = HomePage.objects.get().featured_courses.first().course.specific
    learner = UserFactory()
    record_lesson_completion(learner, featured.get_steps()[0])
    for _ in range(2):
        visitor_html = client.get("/").content.decode()
    client.force_login(learner)
    learner_html = client.get("/").content.decode()
    assert featured.title in visitor_html and featured.title in learner_html
    assert "Votre progression" in learner_html
    assert "Votre progression" not in visitor_html
