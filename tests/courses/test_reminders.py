"""Reminders that bring learners back: who gets one, what it says, once, and how to stop them."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from courses.models import Enrollment, LearnerPreferences, LessonCompletion, LessonPage, QuizPage, Reminder
from courses.progress import check_course_completion, record_lesson_completion
from courses.reminders import send_reminders, unsubscribe_token
from tests.factories.accounts import UserFactory
from tests.factories.courses import QuizAttemptFactory, ThemeFactory, build_course

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 9, 0))


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


@pytest.fixture
def learner():
    return UserFactory(first_name="Aïcha", email="aicha@example.org")


def stopped_after_first_lesson(user, course, days):
    lesson = lessons(course)[0]
    with freeze_time(days_ago(days)):
        record_lesson_completion(user, lesson)
    return lesson


def run(now=NOW):
    with freeze_time(now), TestCase.captureOnCommitCallbacks(execute=True):
        return send_reminders()


def test_an_inactive_learner_gets_one_reminder_that_says_where_they_stopped(course, learner):
    first = stopped_after_first_lesson(learner, course, days=11)
    assert run() == 1
    (message,) = mail.outbox
    assert message.to == ["aicha@example.org"]
    assert course.title in message.subject
    body = message.body
    assert "Bonjour Aïcha" in body
    assert f"après « {first.title} »" in body
    second = lessons(course)[1]
    assert f"« {second.title} »" in body
    assert second.get_full_url() in body
    assert "1 étapes sur" not in body
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/rappels/desinscription/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in body


def test_recent_activity_or_a_completed_course_gets_no_inactivity_reminder(course, learner):
    stopped_after_first_lesson(learner, course, days=5)
    assert run() == 0
    other = UserFactory()
    for lesson in lessons(course):
        with freeze_time(days_ago(30)):
            record_lesson_completion(other, lesson)
    for quiz in QuizPage.objects.child_of(course):
        QuizAttemptFactory(user=other, quiz=quiz)
    with freeze_time(days_ago(30)):
        check_course_completion(other, course)
    assert Enrollment.objects.get(user=other).completed_at is not None
    run()
    assert [m.to for m in mail.outbox if m.to == [other.email] and "Reprenez" in m.subject] == []


def test_the_command_is_idempotent_and_sends_at_most_one_reminder_a_week(course_index, course, learner):
    stopped_after_first_lesson(learner, course, days=11)
    other_course = build_course(course_index, lessons=2, quizzes=0, title="Réseaux sociaux")
    stopped_after_first_lesson(learner, other_course, days=12)
    with freeze_time(NOW), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_learning_reminders")
        call_command("send_learning_reminders")
    assert len(mail.outbox) == 1
    assert run(NOW + datetime.timedelta(days=3)) == 0  # the second course waits for the next week
    assert run(NOW + datetime.timedelta(days=8)) == 1
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {
        f"Reprenez « {course.title} » là où vous l’avez laissée",
        "Reprenez « Réseaux sociaux » là où vous l’avez laissée",
    }
    assert run(NOW + datetime.timedelta(days=30)) == 0  # each situation once


def test_coming_back_then_leaving_again_is_a_new_situation(course, learner):
    stopped_after_first_lesson(learner, course, days=11)
    run()
    with freeze_time(NOW + datetime.timedelta(days=1)):
        record_lesson_completion(learner, lessons(course)[1])
    assert run(NOW + datetime.timedelta(days=20)) == 1
    assert Reminder.objects.filter(user=learner).count() == 2


def test_a_quiz_left_half_done_is_reminded_with_the_answers_kept(course, learner):
    quiz = QuizPage.objects.child_of(course).get()
    with freeze_time(days_ago(3)):
        attempt = QuizAttemptFactory(
            user=learner, quiz=quiz, submitted_at=None, score=None, passed=None, question_order=[1, 2]
        )
        attempt.answers = {"1": [1]}
        attempt.save()
        Enrollment.objects.get_or_create(user=learner, course=course)
    assert run() == 1
    (message,) = mail.outbox
    assert f"« {quiz.title} »" in message.subject
    assert "1\u00a0question sur 2" in message.body
    assert quiz.get_full_url() in message.body


def test_after_a_completed_course_the_next_course_of_the_theme_is_suggested(course_index, learner):
    theme = ThemeFactory(name="Communication")
    basics = build_course(course_index, lessons=1, quizzes=0, title="Communiquer : les bases", theme=theme)
    newsletter = build_course(course_index, lessons=1, quizzes=0, title="La lettre d’information", theme=theme)
    with freeze_time(days_ago(4)):
        record_lesson_completion(learner, lessons(basics)[0])
    assert Enrollment.objects.get(user=learner, course=basics).completed_at is not None
    assert run() == 1
    (message,) = mail.outbox
    assert message.subject == "Votre prochaine formation : La lettre d’information"
    assert newsletter.get_full_url() in message.body


def test_no_suggestion_when_every_course_of_the_theme_is_started(course_index, learner):
    theme = ThemeFactory(name="Collecte")
    only = build_course(course_index, lessons=1, quizzes=0, theme=theme)
    with freeze_time(days_ago(4)):
        record_lesson_completion(learner, lessons(only)[0])
    assert run() == 0


def test_one_click_unsubscribe_works_without_log_in_and_stops_every_reminder(client, course, learner):
    stopped_after_first_lesson(learner, course, days=11)
    run()
    url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200
    assert LearnerPreferences.objects.get(user=learner).reminders  # GET never writes
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not LearnerPreferences.objects.get(user=learner).reminders
    with freeze_time(days_ago(0)):
        LessonCompletion.objects.filter(user=learner).delete()
    assert run(NOW + datetime.timedelta(days=30)) == 0


def test_a_forged_unsubscribe_link_changes_nothing(client, learner):
    prefs = LearnerPreferences.objects.create(user=learner)
    token = unsubscribe_token(prefs)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(reverse("courses:reminders_unsubscribe", kwargs={"token": forged}))
    assert response.status_code == 404
    assert LearnerPreferences.objects.get(user=learner).reminders


def test_the_preferences_page_turns_reminders_off_and_lists_those_received(client, course, learner):
    stopped_after_first_lesson(learner, course, days=11)
    run()
    client.force_login(learner)
    url = reverse("courses:reminder_preferences")
    page = client.get(url)
    assert "no-store" in page["Cache-Control"]
    assert course.title in page.content.decode()
    client.post(url, {})
    assert not LearnerPreferences.objects.get(user=learner).reminders
    client.post(url, {"reminders": "on"})
    assert LearnerPreferences.objects.get(user=learner).reminders


def test_reminders_are_in_the_personal_data_export_and_go_with_the_account(course, learner):
    from courses.personal_data import erase_courses, export_courses

    stopped_after_first_lesson(learner, course, days=11)
    run()
    exported = export_courses(learner)["reminders"]
    assert exported["enabled"] is True
    assert exported["received"][0]["course"] == course.title
    erase_courses(learner)
    assert not Reminder.objects.filter(user=learner).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_runs_send_each_reminder_once(course_index):
    course = build_course(course_index, lessons=2, quizzes=0)
    learners = [UserFactory() for _ in range(5)]
    for user in learners:
        stopped_after_first_lesson(user, course, days=11)
    barrier = threading.Barrier(3)
    errors = []

    def overlapping_run():
        try:
            barrier.wait()
            send_reminders(now=NOW)  # no freeze_time here: it is process-wide, not per thread
        except Exception as error:  # noqa: BLE001 - any error fails the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=overlapping_run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Reminder.objects.count() == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in learners)
