"""Actions on a whole course in the admin: publish it with its steps, or submit them all for moderation.

Wagtail publishes and moderates one page at a time; a course is a page and its steps, so staff would
otherwise open, publish or submit each lesson and the quiz one by one (four submissions, then four
approvals, for a two-lesson course). Everything here goes through Wagtail's public API: revisions'
``publish()``, ``Workflow.start()``, ``WorkflowState.cancel()`` and the page permission tester.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .models import CoursePage
from .panels import PUBLISH, SUBMIT, can_publish_all, can_submit_all, pending_pages


class CourseStepsActionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then publish (or submit for moderation) a course together with its steps."""

    template_name = "courses/admin/course_steps_action.html"
    header_icon = "list-ol"

    def dispatch(self, request, course_id, action):
        if action not in (PUBLISH, SUBMIT):
            raise Http404
        self.course = get_object_or_404(CoursePage, pk=course_id)
        self.action = action
        if not self.course.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, course_id, action)

    def get_page_title(self):
        if self.action == PUBLISH:
            return _("Publish the course with its steps")
        return _("Submit the course with its steps for moderation")

    def get_page_subtitle(self):
        return self.course.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.course.title},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.course.pk])

    def targets(self):
        pending = pending_pages(self.course)
        if self.action == PUBLISH:
            return pending if can_publish_all(self.request.user, pending) else None
        submittable = [page for page in pending if not page.workflow_in_progress]
        return submittable if can_submit_all(self.request.user, pending) else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(course=self.course, action=self.action, targets=self.targets(), cancel_url=self.edit_url)
        context["publishing"] = self.action == PUBLISH
        return context

    def get(self, request, course_id, action):
        if self.targets() is None:
            return self.refuse()
        return self.render_to_response(self.get_context_data())

    def post(self, request, course_id, action):
        with transaction.atomic():
            targets = self.targets()
            if targets is None:
                return self.refuse()
            for page in targets:
                revision = page.latest_revision or page.save_revision(user=request.user)
                if self.action == PUBLISH:
                    if page.workflow_in_progress:
                        page.current_workflow_state.cancel(user=request.user)
                    revision.publish(user=request.user)
                else:
                    page.get_workflow().start(page, request.user)
        if self.action == PUBLISH:
            message = ngettext(
                "%(count)s page published: the course and its steps are online.",
                "%(count)s pages published: the course and its steps are online.",
                len(targets),
            )
        else:
            message = ngettext(
                "%(count)s page submitted for moderation.",
                "%(count)s pages submitted for moderation.",
                len(targets),
            )
        messages.success(request, message % {"count": len(targets)})
        return redirect(self.edit_url)

    def refuse(self):
        """Nothing to do, or not allowed for one of the pages: say so, change nothing."""
        if not pending_pages(self.course):
            messages.info(self.request, _("Everything in this course is already published."))
        elif self.action == PUBLISH:
            messages.error(self.request, _("You may not publish every page of this course: submit it for moderation."))
        else:
            messages.error(self.request, _("These pages cannot be submitted for moderation: one is already waiting."))
        return redirect(self.edit_url)
