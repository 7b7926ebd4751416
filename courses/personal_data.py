"""What the courses app holds about a member: exported with the account, erased before it goes."""


def _iso(value):
    return value.isoformat() if value else None


def export_courses(user):
    from .models import (
        Certificate,
        CourseSurvey,
        Enrollment,
        LearnerPreferences,
        LessonCompletion,
        LessonFeedback,
        PathCertificate,
        QuizAttempt,
        Reminder,
    )

    preferences = LearnerPreferences.objects.filter(user=user).first()

    return {
        "enrollments": [
            {"course": e.course.title, "started_at": _iso(e.started_at), "completed_at": _iso(e.completed_at)}
            for e in Enrollment.objects.filter(user=user).select_related("course").order_by("started_at")
        ],
        "completed_lessons": [
            {"lesson": c.lesson.title, "completed_at": _iso(c.completed_at)}
            for c in LessonCompletion.objects.filter(user=user).select_related("lesson").order_by("completed_at")
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "answers": a.answers,
                "score": a.score,
                "passed": a.passed,
                "created_at": _iso(a.created_at),
                "submitted_at": _iso(a.submitted_at),
            }
            for a in QuizAttempt.objects.filter(user=user).select_related("quiz").order_by("created_at")
        ],
        "certificates": [
            {
                "code": c.code,
                "learner_name": c.learner_name,
                "course_title": c.course_title,
                "issued_at": _iso(c.issued_at),
            }
            for c in Certificate.objects.filter(enrollment__user=user).order_by("issued_at")
        ],
        "lesson_feedback": [
            {"lesson": f.lesson.title, "helpful": f.helpful, "comment": f.comment, "updated_at": _iso(f.updated_at)}
            for f in LessonFeedback.objects.filter(user=user).select_related("lesson").order_by("updated_at")
        ],
        "path_certificates": [
            {"code": c.code, "path": c.path_title, "issued_at": _iso(c.issued_at)}
            for c in PathCertificate.objects.filter(user=user).order_by("issued_at")
        ],
        "course_surveys": [
            {
                "course": s.course.title,
                "satisfaction": s.satisfaction,
                "would_recommend": s.would_recommend,
                "change": s.change,
                "updated_at": _iso(s.updated_at),
            }
            for s in CourseSurvey.objects.filter(user=user).select_related("course").order_by("updated_at")
        ],
        "reminders": {
            "enabled": preferences.reminders if preferences else True,
            "received": [
                {"kind": r.kind, "course": r.course.title if r.course else None, "sent_at": _iso(r.sent_at)}
                for r in Reminder.objects.filter(user=user).select_related("course").order_by("sent_at")
            ],
        },
    }


def erase_courses(user):
    from .models import (
        Certificate,
        CourseSurvey,
        Enrollment,
        LearnerPreferences,
        LessonCompletion,
        LessonFeedback,
        PathCertificate,
        QuizAttempt,
        Reminder,
    )

    # Feedback stays counted for its lesson, without the person and without what they wrote.
    LessonFeedback.objects.filter(user=user).update(user=None, comment="")
    CourseSurvey.objects.filter(user=user).update(user=None, change="")
    # Certificates carry the learner's name: they go with the account (their public check then fails).
    Certificate.objects.filter(enrollment__user=user).delete()
    PathCertificate.objects.filter(user=user).delete()
    QuizAttempt.objects.filter(user=user).delete()
    LessonCompletion.objects.filter(user=user).delete()
    Enrollment.objects.filter(user=user).delete()
    Reminder.objects.filter(user=user).delete()
    LearnerPreferences.objects.filter(user=user).delete()
