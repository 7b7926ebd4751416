"""The learner's quiz screens, served as sub-routes of ``QuizPage`` (see ``courses.quiz`` for the rules).

::

    <quiz>/                                   intro, attempts, start / resume (QuizPage.serve)
    <quiz>/commencer/                         POST: open (or resume) an attempt
    <quiz>/tentative/<id>/question/<n>/       one question per screen; POST saves the answer
    <quiz>/tentative/<id>/recapitulatif/      review of the answers; POST submits (rate-limited)
    <quiz>/tentative/<id>/resultat/           score, passed or not, explanations when shown

Plain forms and POST/redirect/GET: everything works without JavaScript. Correct answers and
explanations are only read by the result screen, once the attempt is submitted.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.ratelimit import is_rate_limited, rate_limited_response

from .models import Certificate, QuestionKind, QuizAttempt
from .paths import missing_prerequisites
from .quiz import (
    ALREADY_SUBMITTED,
    QuizError,
    attempts_left,
    first_unanswered_number,
    ordered_questions,
    questions_of,
    save_answer,
    start_attempt,
    submit_attempt,
)
from .views import celebration_url, step_context

ATTEMPT_NOT_FOUND = gettext_lazy("This attempt does not exist or is not yours.")


def submit_rate():
    return getattr(settings, "COURSES_QUIZ_SUBMIT_RATE", "10/m")


def answer_rate():
    return getattr(settings, "COURSES_QUIZ_ANSWER_RATE", "120/m")


def _render(request, quiz, template, context=None, status=200):
    full = {"page": quiz, "self": quiz, "request": request}
    full.update(step_context(quiz, request))
    full.update(context or {})
    return TemplateResponse(request, template, full, status=status)


def _error(request, quiz, message, status):
    return _render(request, quiz, "courses/quiz_error.html", {"error": message}, status=status)


def _login(request, quiz):
    return redirect_to_login(quiz.get_url(request))


def _attempt_or_none(request, quiz, attempt_id):
    return QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, user=request.user).first()


def _route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args) if page.url else "#"


def question_url(quiz, attempt, number):
    return _route(quiz, "quiz_question", attempt.pk, number)


def review_url(quiz, attempt):
    return _route(quiz, "quiz_review", attempt.pk)


def result_url(quiz, attempt):
    return _route(quiz, "quiz_result", attempt.pk)


def resume_url(quiz, attempt, questions):
    number = first_unanswered_number(attempt, questions)
    return review_url(quiz, attempt) if number is None else question_url(quiz, attempt, number)


# --- The quiz page itself (intro) ----------------------------------------------------------------


def quiz_context(quiz, request):
    """What the intro screen shows: the learner's attempts, resume or start (a fixed number of queries)."""
    if getattr(request, "is_preview", False):
        # Editors preview the draft, questions included (held in memory by modelcluster).
        questions = list(quiz.questions.all())
        return {"preview_questions": questions, "question_count": len(questions)}
    question_ids = list(quiz.questions.order_by("sort_order", "pk").values_list("pk", flat=True))
    context = {"question_count": len(question_ids)}
    if not request.user.is_authenticated:
        return context
    missing = missing_prerequisites(quiz.get_course(), request.user)
    if missing:
        # Required prerequisites not completed: the quiz stays locked (its course's lessons stay open).
        context["locked_by"] = missing
        return context
    attempts = list(QuizAttempt.objects.filter(user=request.user, quiz=quiz).order_by("-created_at"))
    submitted = [attempt for attempt in attempts if attempt.submitted_at is not None]
    current = next((attempt for attempt in attempts if attempt.submitted_at is None), None)
    left = attempts_left(quiz, len(submitted))
    context.update(
        {
            "submitted_attempts": [(attempt, result_url(quiz, attempt)) for attempt in submitted[:10]],
            "attempts_used": len(submitted),
            "attempts_left": left,
            "can_start": left != 0 and bool(question_ids),
            "best_score": max((attempt.score or 0 for attempt in submitted), default=None),
            "has_passed": any(attempt.passed for attempt in submitted),
        }
    )
    if current is not None:
        answered = sum(1 for pk in question_ids if current.answers.get(str(pk)))
        number = next(
            (
                index
                for index, pk in enumerate(_ordered_ids(current, question_ids), start=1)
                if not current.answers.get(str(pk))
            ),
            None,
        )
        context["open_attempt"] = current
        context["open_attempt_answered"] = answered
        context["resume_url"] = review_url(quiz, current) if number is None else question_url(quiz, current, number)
    return context


def _ordered_ids(attempt, question_ids):
    known = set(question_ids)
    ordered = [pk for pk in attempt.question_order if pk in known]
    return ordered + [pk for pk in question_ids if pk not in set(ordered)]


# --- Start ---------------------------------------------------------------------------------------


def start(request, quiz):
    """POST opens (or resumes) an attempt. A GET (a link, a reload) writes nothing: it leads to the quiz's
    page, whose button starts the attempt."""
    if request.method in ("GET", "HEAD"):
        return redirect(quiz.url)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if not request.user.is_authenticated:
        return _login(request, quiz)
    if is_rate_limited(request, "courses-quiz-start", answer_rate()):
        return rate_limited_response(request)
    if missing_prerequisites(quiz.get_course(), request.user):
        messages.error(request, _("Complete the required courses first: this quiz is locked until then."))
        return redirect(quiz.url)
    questions = questions_of(quiz)
    try:
        attempt, created = start_attempt(request.user, quiz, questions)
    except QuizError as error:
        return _error(request, quiz, error.message, error.status)
    if not created:
        messages.info(request, _("You are resuming your quiz where you left it."))
    return redirect(resume_url(quiz, attempt, questions))


# --- One question per screen ---------------------------------------------------------------------


def _choice_inputs(question, picked):
    kind = "checkbox" if question.kind == QuestionKind.MULTIPLE else "radio"
    return [
        {"id": f"choice-{choice.pk}", "value": choice.pk, "text": choice.text, "checked": choice.pk in picked}
        for choice in question.choices.all()
    ], kind


def question(request, quiz, attempt_id, number):
    if not request.user.is_authenticated:
        return _login(request, quiz)
    attempt = _attempt_or_none(request, quiz, attempt_id)
    if attempt is None:
        return _error(request, quiz, ATTEMPT_NOT_FOUND, 404)
    if attempt.submitted_at is not None:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect(result_url(quiz, attempt))
    questions = ordered_questions(attempt, questions_of(quiz))
    if not 1 <= number <= len(questions):
        return _error(request, quiz, _("This question does not exist."), 404)
    current = questions[number - 1]
    error, status = None, 200
    if request.method == "POST":
        if is_rate_limited(request, "courses-quiz-answer", answer_rate()):
            return rate_limited_response(request)
        action = request.POST.get("action", "next")
        values = request.POST.getlist("choice")
        if action == "previous" and not values:
            return redirect(question_url(quiz, attempt, max(number - 1, 1)))
        try:
            save_answer(attempt, current, values)
        except QuizError as problem:
            if problem.message == ALREADY_SUBMITTED:
                messages.info(request, ALREADY_SUBMITTED)
                return redirect(result_url(quiz, attempt))
            error, status = problem.message, problem.status
        else:
            if action == "previous":
                return redirect(question_url(quiz, attempt, max(number - 1, 1)))
            if action == "review" or number == len(questions):
                return redirect(review_url(quiz, attempt))
            return redirect(question_url(quiz, attempt, number + 1))
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    picked = set(attempt.answers.get(str(current.pk)) or ())
    inputs, input_type = _choice_inputs(current, picked)
    answered = sum(1 for q in questions if attempt.answers.get(str(q.pk)))
    return _render(
        request,
        quiz,
        "courses/quiz_question.html",
        {
            "attempt": attempt,
            "question": current,
            "number": number,
            "total": len(questions),
            "answered": answered,
            "inputs": inputs,
            "input_type": input_type,
            "is_multiple": current.kind == QuestionKind.MULTIPLE,
            "is_last": number == len(questions),
            "all_answered": answered == len(questions),
            "error": error,
            "action_url": question_url(quiz, attempt, number),
            "previous_url": question_url(quiz, attempt, number - 1) if number > 1 else None,
            "review_url": review_url(quiz, attempt),
        },
        status=status,
    )


# --- Review and submit ---------------------------------------------------------------------------


def review(request, quiz, attempt_id):
    if not request.user.is_authenticated:
        return _login(request, quiz)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    attempt = _attempt_or_none(request, quiz, attempt_id)
    if attempt is None:
        return _error(request, quiz, ATTEMPT_NOT_FOUND, 404)
    if attempt.submitted_at is not None:
        # A replayed final submit (or a second tab): nothing changes, the learner sees the result.
        messages.info(request, ALREADY_SUBMITTED)
        return redirect(result_url(quiz, attempt))
    questions = ordered_questions(attempt, questions_of(quiz))
    if request.method == "POST":
        if is_rate_limited(request, "courses-quiz-submit", submit_rate()):
            return rate_limited_response(request)
        try:
            submission = submit_attempt(attempt, quiz, questions)
        except QuizError as problem:
            if problem.message == ALREADY_SUBMITTED:
                messages.info(request, ALREADY_SUBMITTED)
                return redirect(result_url(quiz, attempt))
            return _error(request, quiz, problem.message, problem.status)
        if submission.course_completed:
            celebration = celebration_url(request.user, quiz.get_course()) if submission.course_just_completed else None
            if celebration:
                return redirect(celebration)
            messages.success(request, _("Well done: you have finished this course!"))
        return redirect(result_url(quiz, attempt))
    rows = []
    for number, item in enumerate(questions, start=1):
        picked = set(attempt.answers.get(str(item.pk)) or ())
        rows.append(
            {
                "number": number,
                "question": item,
                "picked": [choice.text for choice in item.choices.all() if choice.pk in picked],
                "url": question_url(quiz, attempt, number),
            }
        )
    unanswered = sum(1 for row in rows if not row["picked"])
    return _render(
        request,
        quiz,
        "courses/quiz_review.html",
        {"attempt": attempt, "rows": rows, "unanswered": unanswered, "action_url": review_url(quiz, attempt)},
    )


# --- Result --------------------------------------------------------------------------------------


def lesson_to_review(quiz, question):
    """The live lesson of the quiz's own course the editors linked to ``question`` (else ``None``)."""
    lesson = question.lesson
    if lesson is None or not lesson.live or lesson.path[: -lesson.steplen] != quiz.path[: -quiz.steplen]:
        return None
    return lesson


def lessons_to_review(quiz, questions, attempt):
    """``[(lesson, [questions answered wrong that it covers])]`` in course order, for a failed attempt."""
    right = set(attempt.correct_questions or ())
    by_lesson = {}
    for item in questions:
        lesson = lesson_to_review(quiz, item) if item.pk not in right else None
        if lesson is not None:
            by_lesson.setdefault(lesson.pk, (lesson, []))[1].append(item)
    return sorted(by_lesson.values(), key=lambda pair: pair[0].path)


def result(request, quiz, attempt_id):
    if not request.user.is_authenticated:
        return _login(request, quiz)
    attempt = _attempt_or_none(request, quiz, attempt_id)
    if attempt is None:
        return _error(request, quiz, ATTEMPT_NOT_FOUND, 404)
    questions = ordered_questions(attempt, questions_of(quiz))
    if attempt.submitted_at is None:
        return redirect(resume_url(quiz, attempt, questions))
    rows = []
    if quiz.show_answers:
        right = set(attempt.correct_questions or ())
        for number, item in enumerate(questions, start=1):
            picked = set(attempt.answers.get(str(item.pk)) or ())
            rows.append(
                {
                    "number": number,
                    "question": item,
                    "is_right": item.pk in right,
                    "lesson": None if item.pk in right else lesson_to_review(quiz, item),
                    "choices": [{"choice": choice, "picked": choice.pk in picked} for choice in item.choices.all()],
                }
            )
    to_review = [] if attempt.passed else lessons_to_review(quiz, questions, attempt)
    submitted = list(
        QuizAttempt.objects.filter(user=request.user, quiz=quiz, submitted_at__isnull=False).values_list(
            "score", "passed"
        )
    )
    left = attempts_left(quiz, len(submitted))
    certificate = None
    if attempt.passed:
        certificate = Certificate.objects.filter(
            enrollment__user=request.user, enrollment__course__path=quiz.path[: -quiz.steplen]
        ).first()
    return _render(
        request,
        quiz,
        "courses/quiz_result.html",
        {
            "certificate": certificate,
            "attempt": attempt,
            "rows": rows,
            "lessons_to_review": to_review,
            "best_score": max((score or 0 for score, _passed in submitted), default=None),
            "has_passed": any(passed for _score, passed in submitted),
            "attempts_left": left,
            "can_retry": left != 0,
            "correct_count": len(attempt.correct_questions or ()),
            "total": len(questions),
        },
    )
