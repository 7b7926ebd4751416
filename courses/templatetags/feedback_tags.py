from django import template

from courses.feedback import LessonFeedbackForm
from courses.models import LessonFeedback

register = template.Library()


@register.inclusion_tag("courses/includes/lesson_feedback.html", takes_context=True)
def lesson_feedback(context, lesson):
    """The "did this lesson help you?" form for a logged-in learner (one query), nothing otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "is_preview", False):
        return {"show": False}
    existing = LessonFeedback.objects.filter(user=user, lesson_id=lesson.pk).first()
    initial = {"helpful": ("yes" if existing.helpful else "no"), "comment": existing.comment} if existing else {}
    draft = request.session.pop("lesson_feedback_draft", None) if hasattr(request, "session") else None
    if draft and draft.get("lesson") == lesson.pk:
        initial["comment"] = draft.get("comment", "")
    return {"show": True, "lesson": lesson, "form": LessonFeedbackForm(initial=initial), "existing": existing}
