import pytest

from tests.factories.courses import CourseIndexPageFactory, build_course


@pytest.fixture
def course_index(home_page):
    return CourseIndexPageFactory(parent=home_page)


@pytest.fixture
def course(course_index):
    """A published course: three lessons then one quiz (two questions, pass mark 50 %)."""
    return build_course(course_index, lessons=3, quizzes=1)
