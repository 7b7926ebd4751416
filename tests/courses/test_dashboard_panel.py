import pytest
from django.contrib.auth.models import Group

from courses.models import Enrollment
from tests.factories.accounts import UserFactory
from tests.factories.courses import CourseIndexPageFactory, build_course


@pytest.mark.django_db
def test_dashboard_lists_the_courses_with_the_lowest_completion_first(client, home_page):
    index = CourseIndexPageFactory(parent=home_page)
    struggling = build_course(index, lessons=1, quizzes=0, title="Formation difficile")
    easy = build_course(index, lessons=1, quizzes=0, title="Formation facile")
    learners = UserFactory.create_batch(4)
    for learner in learners:
        Enrollment.objects.create(user=learner, course=easy, completed_at="2026-01-02T10:00:00Z")
    Enrollment.objects.create(user=learners[0], course=struggling, completed_at="2026-01-02T10:00:00Z")
    for learner in learners[1:]:
        Enrollment.objects.create(user=learner, course=struggling)

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()

    assert "Formations les moins terminées" in html
    assert html.index("Formation difficile") < html.index("Formation facile")
    assert "25 %" in html and "100 %" in html


@pytest.mark.django_db
def test_dashboard_hides_the_completion_panel_from_editors_without_reports(client, home_page):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Rédaction"))
    client.force_login(editor)
    assert "Formations les moins terminées" not in client.get("/admin/").content.decode()
