"""The learner's side of a quiz: attempts, saved answers, scoring. No HTTP here (see quiz_views.py).

Rules:

- An attempt belongs to one learner and one quiz. A learner has at most one *open* (unsubmitted)
  attempt per quiz, enforced by the database; starting again resumes it.
- The question order is fixed when the attempt starts (shuffled when the quiz says so) and stored in
  the attempt, so reloading never reorders the questions.
- Each answer is saved on the server as given; only choices of that question are accepted, and a
  single-choice or true/false question takes exactly one.
- Scoring happens once, on the server: a question is right when the set of chosen choices equals the
  set of correct choices (so a multiple-choice question needs every correct choice and no wrong one).
  The score is the percentage of right questions, rounded down; the quiz is passed when
  ``score >= pass_mark``. Submitting is a conditional update, so a replayed or concurrent submit
  scores nothing twice.
- ``max_attempts`` (0 = unlimited) counts submitted attempts; it is checked when an attempt starts and
  again when it is submitted.
"""

import random
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Choice, CoursePage, Enrollment, Question, QuestionKind, QuizAttempt
from .progress import check_course_completion, ensure_enrollment


class QuizError(Exception):
    """A request the quiz refuses; ``message`` is shown to the learner, nothing was changed."""

    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status


NO_QUESTIONS = _("This quiz has no questions yet.")
NO_ATTEMPTS_LEFT = _("You have used all the attempts allowed for this quiz.")
ALREADY_SUBMITTED = _("This attempt has already been submitted: its answers can no longer change.")
CHOOSE_AN_ANSWER = _("Choose an answer.")
CHOOSE_ONE_ANSWER = _("Choose only one answer for this question.")
UNKNOWN_CHOICE = _("This answer is not one of the choices of this question. Nothing was saved.")


def questions_of(quiz):
    """The quiz's questions with their choices (2 queries), in the editors' order."""
    return list(
        Question.objects.filter(quiz=quiz)
        .select_related("lesson")
        .order_by("sort_order", "pk")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk")))
    )


def ordered_questions(attempt, questions):
    """``questions`` in the attempt's stored order; questions added since the start come last, deleted
    ones are dropped."""
    by_id = {question.pk: question for question in questions}
    ordered = [by_id.pop(pk) for pk in attempt.question_order if pk in by_id]
    return ordered + [question for question in questions if question.pk in by_id]


def submitted_count(user, quiz):
    return QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False).count()


def attempts_left(quiz, used):
    """``None`` when unlimited, else how many submits remain."""
    if not quiz.max_attempts:
        return None
    return max(quiz.max_attempts - used, 0)


def open_attempt(user, quiz):
    return QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()


def start_attempt(user, quiz, questions=None):
    """The learner's open attempt on ``quiz``, created if needed. Raises :class:`QuizError`."""
    existing = open_attempt(user, quiz)
    if existing is not None:
        return existing, False
    if questions is None:
        questions = questions_of(quiz)
    if not questions:
        raise QuizError(NO_QUESTIONS, status=409)
    if attempts_left(quiz, submitted_count(user, quiz)) == 0:
        raise QuizError(NO_ATTEMPTS_LEFT, status=403)
    order = [question.pk for question in questions]
    if quiz.shuffle_questions:
        random.SystemRandom().shuffle(order)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(user=user, quiz=quiz, question_order=order, answers={})
    except IntegrityError:
        # Another request opened one at the same moment (one open attempt per quiz): use it.
        existing = open_attempt(user, quiz)
        if existing is None:
            raise
        return existing, False
    course = quiz.get_parent().specific
    if isinstance(course, CoursePage):
        ensure_enrollment(user, course)
    return attempt, True


def first_unanswered_number(attempt, questions):
    """1-based number of the first question without an answer; ``None`` when all are answered."""
    for number, question in enumerate(ordered_questions(attempt, questions), start=1):
        if not attempt.answers.get(str(question.pk)):
            return number
    return None


def clean_answer(question, raw_values):
    """The choice ids the learner picked for ``question``, checked; raises :class:`QuizError`."""
    try:
        picked = {int(value) for value in raw_values}
    except (TypeError, ValueError):
        raise QuizError(UNKNOWN_CHOICE) from None
    if not picked:
        raise QuizError(CHOOSE_AN_ANSWER)
    allowed = {choice.pk for choice in question.choices.all()}
    if not picked <= allowed:
        raise QuizError(UNKNOWN_CHOICE)
    if question.kind != QuestionKind.MULTIPLE and len(picked) != 1:
        raise QuizError(CHOOSE_ONE_ANSWER)
    return sorted(picked)


def save_answer(attempt, question, raw_values):
    """Check and store the answer to ``question`` in the open ``attempt``. Raises :class:`QuizError`."""
    picked = clean_answer(question, raw_values)
    with transaction.atomic():
        locked = QuizAttempt.objects.select_for_update().filter(pk=attempt.pk).first()
        if locked is None or locked.submitted_at is not None:
            raise QuizError(ALREADY_SUBMITTED, status=409)
        answers = dict(locked.answers or {})
        answers[str(question.pk)] = picked
        QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(answers=answers)
    attempt.answers = answers
    return picked


def is_right(question, picked_ids):
    correct = {choice.pk for choice in question.choices.all() if choice.is_correct}
    return bool(correct) and set(picked_ids or ()) == correct


def score(questions, answers):
    """(score in % rounded down, ids of the questions answered right)."""
    right = [question.pk for question in questions if is_right(question, answers.get(str(question.pk)))]
    percent = (100 * len(right)) // len(questions) if questions else 0
    return percent, right


@dataclass
class Submission:
    attempt: QuizAttempt
    course_completed: bool = False
    # True only when this very submission completed the course (it was not complete before).
    course_just_completed: bool = False


def submit_attempt(attempt, quiz, questions=None):
    """Score and close ``attempt`` once. Raises :class:`QuizError` when it was already submitted or
    no attempt is left; a replayed or concurrent submit changes nothing."""
    if attempt.submitted_at is not None:
        raise QuizError(ALREADY_SUBMITTED, status=409)
    if questions is None:
        questions = questions_of(quiz)
    if not questions:
        raise QuizError(NO_QUESTIONS, status=409)
    used = QuizAttempt.objects.filter(user_id=attempt.user_id, quiz=quiz, submitted_at__isnull=False).count()
    if attempts_left(quiz, used) == 0:
        raise QuizError(NO_ATTEMPTS_LEFT, status=403)
    completed = just_completed = False
    with transaction.atomic():
        current = QuizAttempt.objects.filter(pk=attempt.pk).values_list("answers", flat=True).first()
        answers = current if isinstance(current, dict) else {}
        percent, right = score(questions, answers)
        passed = percent >= quiz.pass_mark
        now = timezone.now()
        updated = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
            score=percent, passed=passed, correct_questions=right, submitted_at=now, answers=answers
        )
        if not updated:
            raise QuizError(ALREADY_SUBMITTED, status=409)
        attempt.answers, attempt.score, attempt.passed = answers, percent, passed
        attempt.correct_questions, attempt.submitted_at = right, now
        if passed:
            course = quiz.get_parent().specific
            if isinstance(course, CoursePage):
                was_complete = Enrollment.objects.filter(
                    user_id=attempt.user_id, course_id=course.pk, completed_at__isnull=False
                ).exists()
                completed = check_course_completion(attempt.user, course)
                just_completed = completed and not was_complete
    return Submission(attempt=attempt, course_completed=completed, course_just_completed=just_completed)


def best_score(user, quiz):
    return QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False).aggregate(best=Max("score"))[
        "best"
    ]
