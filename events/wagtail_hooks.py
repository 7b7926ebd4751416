"""The live trainings in the admin (sessions, participants, exports, staff actions) and on the
courses' pages.

"Ateliers en direct" in the admin menu holds two listings: the sessions (each with its staff actions:
cancel, seats, message, attendance) and the registrations (filtered by session, exported as CSV or
XLSX). Sessions are created and edited only in their workshop page, so that drafts, revisions and
moderation cover them; registrations are only read here (people register and cancel themselves).
"""

import django_filters
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views, sections
from .exports import ParticipantsExportMixin
from .models import Registration, Session


class SessionPermissionPolicy(ModelPermissionPolicy):
    """No adding nor deleting sessions here (the workshop page does it); "change" runs the actions."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are read-only for staff: people register and cancel themselves."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)


register_permission_policy(Session, SessionPermissionPolicy(Session), exact_class=True)
register_permission_policy(Registration, RegistrationPermissionPolicy(Registration), exact_class=True)


class SessionFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("cancelled", _("Cancelled"))],
        method="filter_period",
        empty_label=_("All"),
    )

    class Meta:
        model = Session
        fields = ["period"]

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gt=now, cancelled_at__isnull=True)
        if value == "past":
            return queryset.filter(ends_at__lte=now, cancelled_at__isnull=True)
        if value == "cancelled":
            return queryset.filter(cancelled_at__isnull=False)
        return queryset


class SessionIndexView(IndexView):
    # Titles never break inside a word; on a phone the table scrolls sideways instead.
    table_classname = "listing wa-compact-table"


class SessionViewSet(ModelViewSet):
    model = Session
    index_view_class = SessionIndexView
    icon = "date"
    menu_label = _("Sessions")
    menu_name = "events-sessions"
    url_prefix = "ateliers/sessions"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = admin_views.SessionInspectView
    edit_view_class = admin_views.SessionEditView
    filterset_class = SessionFilterSet
    search_fields = ["page__title", "city", "venue"]
    ordering = ["-starts_at"]
    list_per_page = 50
    panels = [FieldPanel("capacity")]  # unused: the edit view leads to the workshop page
    list_display = [
        TitleColumn("workshop_title", label=_("Workshop"), url_name="events_session:inspect"),
        Column("date_label", label=_("Date")),
        Column("city", label=_("City")),
        Column("seats_label", label=_("Confirmed / seats")),
        Column("waiting_count", label=_("Waiting list")),
        Column("status_label", label=_("Status")),
    ]

    def get_queryset(self, request):
        return admin_views.sessions_for_staff()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("cancel/<int:pk>/", admin_views.CancelSessionView.as_view(), name="cancel"),
            path("capacity/<int:pk>/", admin_views.CapacityView.as_view(), name="capacity"),
            path("message/<int:pk>/", admin_views.MessageView.as_view(), name="message"),
            path("attendance/<int:pk>/", admin_views.AttendanceView.as_view(), name="attendance"),
        ]


class RegistrationFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(
        label=_("Session"),
        queryset=Session.objects.select_related("page").order_by("-starts_at"),
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices, empty_label=_("All"))

    class Meta:
        model = Registration
        fields = ["session", "status"]


class ParticipantsIndexView(ParticipantsExportMixin, IndexView):
    table_classname = "listing wa-compact-table"

    def get_filename(self):
        session = self.filters.form.cleaned_data.get("session") if self.filters and self.filters.is_valid() else None
        if session is None:
            return "inscriptions-ateliers"
        return f"inscrits-{session.page.slug}-{session.starts_at:%Y-%m-%d}"


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_name = "events-registrations"
    url_prefix = "ateliers/inscriptions"
    index_view_class = ParticipantsIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "session",
        "name",
        "email",
        "organisation",
        "status",
        "user",
        "created_at",
        "confirmed_at",
        "queued_at",
        "cancelled_at",
        "attended",
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email", "organisation"]
    ordering = ["-created_at"]
    list_per_page = 50
    panels = [FieldPanel("name")]  # unused: registrations are read-only here
    list_display = [
        TitleColumn("name", label=_("Name"), url_name="events_registration:inspect"),
        "email",
        "organisation",
        # The session's date (its workshop is in the filter): the title would take half the table.
        Column("session_start_local", label=_("Session")),
        Column("status_label", label=_("Status")),
        Column("attended_label", label=_("Attendance")),
        DateColumn("created_at", label=_("Registered")),
    ]
    list_export = [
        "workshop_title",
        "session_starts_at",
        "name",
        "email",
        "organisation",
        "status_label",
        "is_member",
        "created_at",
        "confirmed_at",
        "queued_at",
        "cancelled_at",
        "attended",
    ]
    export_headings = {
        "workshop_title": _("Workshop"),
        "session_starts_at": _("Session (Paris time)"),
        "name": _("Name"),
        "email": _("E-mail"),
        "organisation": _("Association"),
        "status_label": _("Status"),
        "is_member": _("Member account"),
        "created_at": _("Registered on"),
        "confirmed_at": _("Seat confirmed on"),
        "queued_at": _("Joined the waiting list on"),
        "cancelled_at": _("Cancelled on"),
        "attended": _("Present"),
    }

    def get_queryset(self, request):
        return Registration.objects.select_related("session__page", "user")


class LiveTrainingsGroup(ModelViewSetGroup):
    menu_label = _("Live trainings")
    menu_icon = "date"
    menu_name = "events"
    menu_order = 260
    items = (SessionViewSet("events_session"), RegistrationViewSet("events_registration"))


@hooks.register("register_admin_viewset")
def register_live_trainings():
    return LiveTrainingsGroup()


@hooks.register("course_page_sections")
def course_page_sessions(request, course):
    return sections.course_sessions(request, course)


@hooks.register("learner_dashboard_sections")
def dashboard_sessions(request):
    return sections.dashboard_sessions(request)
