"""Staff actions on a session, in Wagtail's admin: cancel it, change its number of seats, write to its
participants, mark attendance. Each is a small form in Wagtail's own admin templates; the rules
(who keeps a seat, who is told) live in ``registrations.py``.

An action that cannot apply now (a session already cancelled, not started yet for attendance…) says
why in French and changes nothing.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import EditView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button

from . import registrations as seats
from .forms import AttendanceForm, CancelSessionForm, CapacityForm, MessageForm
from .models import Registration, Session

URL_PREFIX = "events_session"
Status = Registration.Status


def session_url(name, session):
    return reverse(f"{URL_PREFIX}:{name}", args=[session.pk])


def participants_url(session, export=None):
    url = reverse("events_registration:index") + f"?session={session.pk}"
    return url + f"&export={export}" if export else url


def sessions_for_staff():
    return Session.objects.select_related("page").annotate(
        confirmed_total=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting_total=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


class SessionEditView(EditView):
    """A session is edited in its workshop page (drafts, revisions, moderation): go there."""

    def dispatch(self, request, *args, **kwargs):
        session = get_object_or_404(Session, pk=kwargs["pk"])
        return redirect("wagtailadmin_pages:edit", session.page_id)


class SessionInspectView(InspectView):
    """One session for staff: its details, its numbers, and the actions."""

    page_title = gettext_lazy("Session")
    template_name = "events/admin/session_inspect.html"
    display_fields = [
        "workshop_title",
        "date_label",
        "place_label",
        "capacity",
        "confirmed_count",
        "waiting_count",
        "registration_deadline",
        "status_label",
    ]
    labels = {
        "workshop_title": gettext_lazy("Workshop"),
        "date_label": gettext_lazy("Date"),
        "place_label": gettext_lazy("Place"),
        "capacity": gettext_lazy("Seats"),
        "confirmed_count": gettext_lazy("Confirmed participants"),
        "waiting_count": gettext_lazy("Waiting list"),
        "registration_deadline": gettext_lazy("Registration deadline"),
        "status_label": gettext_lazy("Status"),
    }

    def get_object(self, queryset=None):
        return get_object_or_404(sessions_for_staff(), pk=self.pk)

    def get_field_label(self, field_name, field):
        return self.labels.get(field_name) or super().get_field_label(field_name, field)

    def get_place_label_display_value(self):
        if self.object.page.is_online:
            return _("Online")
        return self.object.place_label or "-"

    def get_registration_deadline_display_value(self):
        if not self.object.registration_deadline:
            return _("Until the session starts")
        return date_format(timezone.localtime(self.object.registration_deadline), "DATETIME_FORMAT")

    def get_page_subtitle(self):
        return str(self.object)

    def get_fields(self):
        # Not the model's columns (UTC times, sort order…): what staff need, in Paris time.
        return list(self.display_fields)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = self.header_more_buttons
        return context

    @property
    def header_more_buttons(self):
        session = self.object
        buttons = [
            Button(_("Edit in the workshop page"), url=session_url("edit", session), icon_name="edit", priority=10),
            Button(_("Participants"), url=participants_url(session), icon_name="group", priority=20),
            Button(_("Download CSV"), url=participants_url(session, "csv"), icon_name="download", priority=30),
            Button(_("Download XLSX"), url=participants_url(session, "xlsx"), icon_name="download", priority=31),
        ]
        if self.user_has_permission("change"):
            buttons += [
                Button(
                    _("Write to the participants"), url=session_url("message", session), icon_name="mail", priority=40
                ),
                Button(_("Change the seats"), url=session_url("capacity", session), icon_name="cog", priority=50),
                Button(_("Mark attendance"), url=session_url("attendance", session), icon_name="tick", priority=60),
                Button(
                    _("Cancel the session"),
                    url=session_url("cancel", session),
                    icon_name="cross",
                    classname="no",
                    priority=70,
                ),
            ]
        return buttons


class SessionActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """The frame of every staff action: permission, the session, breadcrumbs, refusals."""

    model = Session
    permission_required = "change"
    template_name = "events/admin/session_action.html"
    header_icon = "date"
    submit_button_label = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(sessions_for_staff(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """Why the action cannot apply to this session now (a French sentence), or ""."""
        return ""

    def get(self, request, *args, **kwargs):
        if reason := self.refusal():
            messages.error(request, reason)
            return redirect(session_url("inspect", self.session))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if reason := self.refusal():
            messages.error(request, reason)
            return redirect(session_url("inspect", self.session))
        return super().post(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{URL_PREFIX}:index"), "label": _("Sessions")},
            {"url": session_url("inspect", self.session), "label": str(self.session)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_intro(self):
        return self.intro

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "session": self.session,
                "intro": self.get_intro(),
                "action_url": self.request.path,
                "submit_button_label": self.submit_button_label,
                "submit_button_active_label": self.submit_button_label,
                "cancel_url": session_url("inspect", self.session),
                "destructive": getattr(self, "destructive", False),
            }
        )
        return context

    def done(self):
        return redirect(session_url("inspect", self.session))


class CancelSessionView(SessionActionView):
    page_title = gettext_lazy("Cancel the session")
    form_class = CancelSessionForm
    submit_button_label = gettext_lazy("Yes, cancel the session")
    destructive = True

    def refusal(self):
        if self.session.is_cancelled:
            return _("This session is already cancelled: nothing has changed.")
        if self.session.has_started:
            return _("This session has already started: it can no longer be cancelled.")
        return ""

    def get_intro(self):
        people = self.session.confirmed_count + self.session.waiting_count
        return ngettext(
            "Registrations close and the %(count)d person registered or waiting is told by e-mail. "
            "This cannot be undone.",
            "Registrations close and the %(count)d people registered or waiting are told by e-mail. "
            "This cannot be undone.",
            people,
        ) % {"count": people}

    def form_valid(self, form):
        told = seats.cancel_session(self.session, base_url(self.request), message=form.cleaned_data["message"])
        if told is None:
            messages.error(self.request, _("This session is already cancelled: nothing has changed."))
        else:
            messages.success(
                self.request,
                ngettext(
                    "Session cancelled: %(count)d person was told by e-mail.",
                    "Session cancelled: %(count)d people were told by e-mail.",
                    told,
                )
                % {"count": told},
            )
        return self.done()


class CapacityView(SessionActionView):
    page_title = gettext_lazy("Change the seats")
    form_class = CapacityForm
    submit_button_label = gettext_lazy("Save the number of seats")

    def refusal(self):
        if self.session.is_cancelled:
            return _("This session is cancelled: its seats can no longer change.")
        if self.session.has_started:
            return _("This session has already started: its seats can no longer change.")
        return ""

    def get_initial(self):
        return {"capacity": self.session.capacity}

    def get_intro(self):
        session = self.session
        return _("%(confirmed)d confirmed, %(waiting)d waiting, %(capacity)d seats at the moment.") % {
            "confirmed": session.confirmed_count,
            "waiting": session.waiting_count,
            "capacity": session.capacity,
        }

    def form_valid(self, form):
        capacity = form.cleaned_data["capacity"]
        if capacity == self.session.capacity:
            messages.info(
                self.request, _("The session already has %(count)d seats: nothing has changed.") % {"count": capacity}
            )
            return self.done()
        promoted = seats.change_capacity(self.session, capacity, base_url(self.request))
        keep_capacity_in_page(self.session, capacity, self.request.user)
        text = _("The session now has %(count)d seats.") % {"count": capacity}
        if promoted:
            text += " " + ngettext(
                "%(count)d person from the waiting list got a seat and was told by e-mail.",
                "%(count)d people from the waiting list got a seat and were told by e-mail.",
                len(promoted),
            ) % {"count": len(promoted)}
        messages.success(self.request, text)
        return self.done()


def keep_capacity_in_page(session, capacity, user):
    """The workshop page's revisions hold its sessions: record the new number of seats in a new
    revision, so that publishing the page later keeps it. The revision is published at once when the
    live page had no pending changes (it then differs from the live page by the seats only); a
    pending draft stays a draft, now with the new number."""
    page = session.page.specific
    stored = page.get_latest_revision()
    if stored is None:
        return  # never saved through the editor: the database row is the only copy
    # The revision itself (``get_latest_revision_as_object`` answers with the live rows when nothing
    # is pending, and those already hold the new number).
    latest = stored.as_object()
    sessions = list(latest.sessions.all())
    changed = False
    for item in sessions:
        if item.pk == session.pk and item.capacity != capacity:
            item.capacity = capacity
            changed = True
    if not changed:
        return
    publish = page.live and not page.has_unpublished_changes
    latest.sessions = sessions
    revision = latest.save_revision(user=user, clean=False, log_action=True)
    if publish:
        revision.publish(user=user)


class MessageView(SessionActionView):
    page_title = gettext_lazy("Write to the participants")
    form_class = MessageForm
    submit_button_label = gettext_lazy("Send the message")

    def refusal(self):
        if self.session.is_cancelled:
            return _("This session is cancelled: its participants were told by e-mail.")
        return ""

    def get_intro(self):
        return _(
            "Each person receives your message by e-mail, with the session's details and their own "
            "cancellation link. %(confirmed)d confirmed, %(waiting)d waiting."
        ) % {"confirmed": self.session.confirmed_count, "waiting": self.session.waiting_count}

    def form_valid(self, form):
        data = form.cleaned_data
        include_waiting = data["recipients"] == MessageForm.WITH_WAITING
        statuses = [Status.CONFIRMED, Status.WAITING] if include_waiting else [Status.CONFIRMED]
        if not self.session.registrations.filter(status__in=statuses).exists():
            form.add_error("recipients", _("Nobody is registered there yet: the message was not sent."))
            return self.form_invalid(form)
        sent = seats.message_participants(
            self.session, data["subject"], data["message"], include_waiting, base_url(self.request)
        )
        messages.success(
            self.request,
            ngettext("Message sent to %(count)d person.", "Message sent to %(count)d people.", sent) % {"count": sent},
        )
        return self.done()


class AttendanceView(SessionActionView):
    page_title = gettext_lazy("Mark attendance")
    form_class = AttendanceForm
    submit_button_label = gettext_lazy("Save attendance")

    def refusal(self):
        if self.session.is_cancelled:
            return _("This session was cancelled: there is no attendance to mark.")
        if not self.session.has_started:
            return _("Attendance is marked once the session has started (%(date)s).") % {
                "date": self.session.date_label
            }
        return ""

    def participants(self):
        return list(self.session.registrations.filter(status=Status.CONFIRMED).order_by("name", "pk"))

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"participants": self.participants()}

    def get_initial(self):
        return {"present": [str(r.pk) for r in self.participants() if r.attended]}

    def get_intro(self):
        if not self.participants():
            return _("Nobody held a seat in this session.")
        return _(
            "Only confirmed participants are listed. Attendance shows in each participant’s “My courses” "
            "and in the export."
        )

    def form_valid(self, form):
        present, absent = seats.mark_attendance(self.session, [int(pk) for pk in form.cleaned_data["present"]])
        messages.success(
            self.request,
            _("Attendance saved: %(present)d present, %(absent)d absent.") % {"present": present, "absent": absent},
        )
        return self.done()
