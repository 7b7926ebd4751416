"""Staff reports in the Wagtail admin: access, content, CSV/XLSX export, reset of a learner's progress."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from courses.models import Certificate, Enrollment, LessonCompletion, LessonPage, QuizAttempt, QuizPage
from courses.progress import check_course_completion, record_lesson_completion
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory

pytestmark = pytest.mark.django_db

COURSES = "/admin/reports/formations/"
QUIZZES = "/admin/reports/formations/quiz/"


def staff(group):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator():
    return staff("Modération")


def finish(user, course):
    for lesson in LessonPage.objects.child_of(course):
        record_lesson_completion(user, lesson)
    for quiz in QuizPage.objects.child_of(course):
        QuizAttemptFactory(user=user, quiz=quiz, score=100, passed=True)
    check_course_completion(user, course)


@pytest.fixture
def activity(course):
    """Alice finished the course in two days; Bruno is stuck at lesson 2; Chloé failed the quiz."""
    alice = UserFactory(first_name="Alice", last_name="Arnaud")
    bruno = UserFactory(first_name="Bruno", last_name="Blanc")
    chloe = UserFactory(first_name="Chloé", last_name="Collin")
    finish(alice, course)
    enrollment = Enrollment.objects.get(user=alice)
    Enrollment.objects.filter(pk=enrollment.pk).update(started_at=enrollment.completed_at - timedelta(days=2, hours=3))
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    record_lesson_completion(bruno, lessons[0])
    for lesson in lessons:
        record_lesson_completion(chloe, lesson)
    quiz = QuizPage.objects.child_of(course).get()
    questions = list(quiz.questions.order_by("sort_order"))
    QuizAttemptFactory(
        user=chloe,
        quiz=quiz,
        score=50,
        passed=False,
        question_order=[q.pk for q in questions],
        correct_questions=[questions[0].pk],
    )
    return {"alice": alice, "bruno": bruno, "chloe": chloe, "quiz": quiz, "lessons": lessons}


@pytest.mark.parametrize("group", [None, "Rédaction"])
def test_reports_are_forbidden_without_the_report_permission(client, course, group):
    user = staff(group) if group else UserFactory()
    client.force_login(user)
    for url in (COURSES, f"{COURSES}{course.pk}/apprenants/", QUIZZES):
        response = client.get(url)
        assert response.status_code in (302, 403)  # a learner is sent to the admin login, an editor gets 403
        if group:
            assert response.status_code == 403


@pytest.mark.parametrize("group", ["Modération", "Formateurs"])
def test_moderation_and_trainers_see_the_reports(client, course, group):
    client.force_login(staff(group))
    assert client.get(COURSES).status_code == 200
    assert client.get(f"{COURSES}{course.pk}/apprenants/").status_code == 200
    assert client.get(QUIZZES).status_code == 200
    # The search box refreshes the results through the "resultats/" views.
    assert client.get(f"{COURSES}resultats/", {"q": course.title}).status_code == 200
    assert client.get(f"{COURSES}{course.pk}/apprenants/resultats/", {"q": "x"}).status_code == 200


def test_course_report_shows_enrolled_completion_rate_and_median_time(client, moderator, course, activity):
    client.force_login(moderator)
    html = client.get(COURSES).content.decode()
    assert course.title in html
    assert "33 %" in html  # 1 of 3 completed
    assert "2 j 3 h" in html  # median time to complete


def test_learners_by_steps_shows_who_is_stuck_where(client, moderator, course, activity):
    client.force_login(moderator)
    html = client.get(f"{COURSES}{course.pk}/apprenants/").content.decode()
    assert "Bruno Blanc" in html
    assert activity["lessons"][1].title in html  # Bruno's next step
    assert "50 %" in html  # Chloé's failed quiz, with her best score
    html = client.get(f"{COURSES}{course.pk}/apprenants/", {"q": "bruno"}).content.decode()
    assert "Bruno Blanc" in html and "Alice Arnaud" not in html


def test_course_report_exports_csv_and_xlsx(client, moderator, course, activity):
    client.force_login(moderator)
    response = client.get(COURSES, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")  # the mark French Excel needs
    header, row = content.splitlines()[:2]
    assert "Formation" in header or "Course" in header
    # ";" between cells and "," in decimals, as Excel reads them on a French computer.
    assert row.startswith(course.title) and ";3;1;33;51,0" in row
    response = client.get(f"{COURSES}{course.pk}/apprenants/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Bruno" in content and activity["lessons"][1].title in content
    response = client.get(f"{COURSES}{course.pk}/apprenants/", {"export": "xlsx"})
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")  # a zip: the XLSX workbook
    response = client.get(QUIZZES, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_quiz_report_shows_pass_rate_and_percent_right_per_question(client, moderator, course, activity):
    client.force_login(moderator)
    quiz = activity["quiz"]
    content = b"".join(client.get(QUIZZES, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert quiz.title in content and ";2;2;1;50;" in content  # 2 attempts, 2 learners, 1 passed, 50 %
    export = client.get(f"{QUIZZES}{quiz.pk}/questions/", {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()[1:]
    # Alice's attempt (factory) has no question order: only Chloé's attempt counts the questions.
    assert rows[0].endswith(";1;1;100") and rows[1].endswith(";1;0;0")


def test_report_queries_do_not_grow_with_learners(client, moderator, course, activity, django_assert_max_num_queries):
    client.force_login(moderator)
    url = f"{COURSES}{course.pk}/apprenants/"
    client.get(url)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    for _ in range(10):
        finish(UserFactory(), course)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(url)


def test_reset_progress_asks_for_confirmation_then_deletes_progress(client, moderator, course, activity):
    alice = activity["alice"]
    certificate = Certificate.objects.get(enrollment__user=alice)
    client.force_login(moderator)
    url = f"{COURSES}{course.pk}/apprenants/{alice.pk}/reinitialiser/"
    assert client.get(url).status_code == 200
    client.post(url, {})  # not confirmed: nothing happens
    assert LessonCompletion.objects.filter(user=alice).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert not LessonCompletion.objects.filter(user=alice).exists()
    assert not QuizAttempt.objects.filter(user=alice).exists()
    assert Enrollment.objects.get(user=alice, course=course).completed_at is None
    assert Certificate.objects.filter(pk=certificate.pk).exists()  # kept by default
    # Others are untouched.
    assert LessonCompletion.objects.filter(user=activity["chloe"]).count() == 3
    # Completing again issues no second certificate.
    finish(alice, course)
    assert Certificate.objects.filter(enrollment__user=alice).count() == 1


def test_reset_can_revoke_the_certificate(client, moderator, course, activity):
    alice = activity["alice"]
    client.force_login(moderator)
    client.post(f"{COURSES}{course.pk}/apprenants/{alice.pk}/reinitialiser/", {"confirm": "yes", "revoke": "yes"})
    assert not Certificate.objects.filter(enrollment__user=alice).exists()


def test_reset_is_forbidden_without_the_permission(client, course, activity):
    client.force_login(staff("Rédaction"))
    url = f"{COURSES}{course.pk}/apprenants/{activity['alice'].pk}/reinitialiser/"
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert LessonCompletion.objects.filter(user=activity["alice"]).exists()


def test_report_menu_items_are_shown_only_to_report_readers(client, course):
    client.force_login(staff("Modération"))
    assert COURSES in client.get("/admin/").content.decode()
    client.force_login(staff("Rédaction"))
    assert COURSES not in client.get("/admin/").content.decode()


def test_learners_report_is_a_wide_table_with_the_reset_action_next_to_the_learner(client, moderator, course, activity):
    """At 1280 px the step columns overflow: the table scrolls inside its container (admin.css, class
    wa-wide-table) and the reset link comes right after the learner's name, on screen without scrolling."""
    client.force_login(moderator)
    html = client.get(f"{COURSES}{course.pk}/apprenants/").content.decode()
    assert 'class="listing wa-wide-table"' in html
    row = html[html.index("Bruno Blanc") :]
    assert row.index("Réinitialiser la progression") < row.index("@")  # before the e-mail column
    assert "css/admin.css" in html
