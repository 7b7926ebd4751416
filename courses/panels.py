"""The course outline on a course's edit form: its steps in learner order with their number, minutes
and state, and links to act on the whole course (courses/admin_outline.py). No model import here:
courses/models.py uses this panel."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.panels import Panel

PUBLISH, SUBMIT = "publier", "soumettre"


@dataclass
class OutlineRow:
    number: int
    page: object  # a specific LessonPage or QuizPage

    @property
    def is_quiz(self):
        return self.page.specific_class.__name__ == "QuizPage"

    @property
    def minutes(self):
        return getattr(self.page, "estimated_minutes", 0) or 0

    @property
    def status(self):
        # Wagtail's own wording, the one its page listings show ("brouillon", "en modération", ...).
        return self.page.status_string

    @property
    def is_pending(self):
        """Something learners do not see yet: never published, or published with newer changes."""
        return not self.page.live or self.page.has_unpublished_changes

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def outline(course):
    """Every step of ``course``, drafts included, in the order learners follow them."""
    return [OutlineRow(number, page) for number, page in enumerate(course.get_outline_steps(), start=1)]


def pending_pages(course):
    """The course and those of its steps with something not yet published, course first."""
    pages = [course] + [row.page for row in outline(course)]
    return [page for page in pages if not page.live or page.has_unpublished_changes]


def can_publish_all(user, pages):
    return bool(pages) and all(page.permissions_for_user(user).can_publish() for page in pages)


def can_submit_all(user, pages):
    submittable = [page for page in pages if not page.workflow_in_progress]
    return bool(submittable) and all(
        page.get_workflow() is not None and page.permissions_for_user(user).can_submit_for_moderation()
        for page in submittable
    )


class CourseOutlinePanel(Panel):
    """Shown on a course's edit form (not on the creation form: a new course has no steps yet)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/course_outline_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            course = self.instance
            rows = outline(course)
            pending = pending_pages(course)
            user = self.request.user
            context.update(
                course=course,
                rows=rows,
                total_minutes=sum(row.minutes for row in rows),
                hidden_steps=[row for row in rows if not row.page.live] if course.live else [],
                can_add=course.permissions_for_user(user).can_add_subpage(),
                can_reorder=course.permissions_for_user(user).can_reorder_children() and len(rows) > 1,
                add_lesson_url=reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", course.pk)),
                add_quiz_url=reverse("wagtailadmin_pages:add", args=("courses", "quizpage", course.pk)),
                reorder_url=reverse("wagtailadmin_explore", args=[course.pk]) + "?ordering=ord",
                publish_url=(
                    reverse("courses_course_steps", args=[course.pk, PUBLISH]) if can_publish_all(user, pending) else ""
                ),
                submit_url=(
                    reverse("courses_course_steps", args=[course.pk, SUBMIT])
                    if not can_publish_all(user, pending) and can_submit_all(user, pending)
                    else ""
                ),
            )
            return context
