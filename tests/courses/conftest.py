import pytest
from django.db import connection
from django.utils import translation

from tests.factories.courses import CourseIndexPageFactory, build_course


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ activates English in the test's thread: back to French after each test."""
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` (real concurrency) are skipped on SQLite."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(course_index):
    """A published course: three lessons then one quiz (two questions, pass mark 50 %)."""
    return build_course(course_index, lessons=3, quizzes=1)
