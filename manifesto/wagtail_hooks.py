"""Staff tools for the manifesto: the list of signatures (search, filters, export, moderation
actions) and a dashboard table of confirmed signatures per day. Seen only by staff holding the
signature permissions (the "Modération" group gets them in a migration)."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_panels import DashboardTablePanel, count_per_day
from home.exports import SafeExportIndexView, neutralise_formula

from .models import ManifestoProfession, Signature
from .tasks import CONFIRM, send_signature_email

__all__ = ["neutralise_formula"]  # imported from here by older code and tests


class SignatureFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("confirmed", _("Confirmed")), ("pending", _("Awaiting confirmation"))],
        method="filter_status",
        empty_label=_("All"),
    )
    profession = django_filters.ModelChoiceFilter(
        label=_("Profession"), queryset=ManifestoProfession.objects.order_by("sort_order", "name")
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Signed"), widget=DateRangePickerWidget)
    is_public = django_filters.BooleanFilter(label=_("Shown on the public list"))
    is_hidden = django_filters.BooleanFilter(label=_("Hidden by a moderator"))

    class Meta:
        model = Signature
        fields = ["status", "profession", "created_at", "is_public", "is_hidden"]

    def filter_status(self, queryset, name, value):
        if value == "confirmed":
            return queryset.filter(confirmed_at__isnull=False)
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


class SignatureIndexView(SafeExportIndexView):
    # Names never break inside a word; the table scrolls sideways rather than squeezing its columns.
    table_classname = "listing wa-compact-table"


class SignatureViewSet(SnippetViewSet):
    model = Signature
    index_view_class = SignatureIndexView
    icon = "edit"
    menu_label = _("Signatures")
    menu_name = "manifesto-signatures"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    # Never the per-signature secret nor the hashed address.
    inspect_view_fields = [
        "first_name",
        "last_name",
        "email",
        "role",
        "organisation",
        "city",
        "message",
        "skills",
        "is_public",
        "is_hidden",
        "newsletter",
        "newsletter_consent_at",
        "language",
        "revision",
        "created_at",
        "confirmed_at",
        "reminder_sent_at",
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    filterset_class = SignatureFilterSet
    search_fields = ["first_name", "last_name", "email", "organisation", "city"]
    list_display = [
        TitleColumn("full_name", label=_("Name"), url_name="wagtailsnippets_manifesto_signature:edit"),
        "email",
        Column("role", label=_("Profession")),
        "organisation",
        "city",
        # One status column instead of three (confirmed, public, hidden) so the others keep their width.
        Column("admin_status", label=_("Status")),
        DateColumn("created_at", label=_("Signed")),
    ]
    list_export = [
        "first_name",
        "last_name",
        "email",
        "role",
        "organisation",
        "city",
        "message",
        "skills_display",
        "is_public",
        "is_hidden",
        "newsletter_consent_at",
        "status_label",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {
        "role": _("Profession"),
        "skills_display": _("Skills offered"),
        "status_label": _("Status"),
        "created_at": _("Signature date"),
        "confirmed_at": _("Confirmation date"),
        "newsletter_consent_at": _("Newsletter consent"),
    }
    export_filename = "signatures-manifeste"
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]), FieldPanel("email", read_only=True)],
            heading=_("Signatory"),
        ),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("city"),
        FieldPanel("message"),
        # What only the signatory may decide (to appear on the list, to get the newsletter) is shown,
        # never editable: moderators can hide a signature, not publish one its signatory kept private.
        MultiFieldPanel(
            [
                FieldPanel("is_public", read_only=True),
                FieldPanel("is_hidden"),
                FieldPanel("confirmed_at", read_only=True),
            ],
            heading=_("Public list"),
        ),
        MultiFieldPanel(
            [FieldPanel("newsletter", read_only=True), FieldPanel("newsletter_consent_at", read_only=True)],
            heading=_("Newsletter"),
        ),
    ]

    def get_queryset(self, request):
        return Signature.objects.select_related("profession")


register_snippet(SignatureViewSet)


# --- bulk moderation actions --------------------------------------------------------------------


class SignatureBulkAction(SnippetBulkAction):
    models = [Signature]
    template_name = "manifesto/admin/confirm_bulk_action.html"
    permission = "change"
    question = ""
    button_text = ""

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, self.permission, obj)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"question": self.question, "button_text": self.button_text, "title": self.display_name})
        return context


class HideBulkAction(SignatureBulkAction):
    display_name = _("Hide")
    action_type = "hide_signatures"
    aria_label = _("Hide the selected signatures from the public list")
    action_priority = 10
    question = _("Hide these signatures from the public list? They still count.")
    button_text = _("Yes, hide them")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return Signature.objects.filter(pk__in=[obj.pk for obj in objects]).update(is_hidden=True), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d signature hidden from the public list.",
            "%(count)d signatures hidden from the public list.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class ShowBulkAction(SignatureBulkAction):
    display_name = _("Show again")
    action_type = "show_signatures"
    aria_label = _("Show the selected signatures on the public list again")
    action_priority = 11
    question = _("Show these signatures again? Only those whose signatory chose to appear are listed.")
    button_text = _("Yes, show them")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return Signature.objects.filter(pk__in=[obj.pk for obj in objects]).update(is_hidden=False), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d signature shown again.", "%(count)d signatures shown again.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ResendConfirmationBulkAction(SignatureBulkAction):
    display_name = _("Resend confirmation")
    action_type = "resend_confirmation"
    aria_label = _("Resend the confirmation e-mail to the selected signatories")
    action_priority = 12
    question = _("Send the confirmation e-mail again to these signatories? Confirmed signatures are skipped.")
    button_text = _("Yes, send it")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # The links point at the site's address (the Site record), as in the first confirmation e-mail,
        # not at the host the admin happens to be reached by.
        sent = 0
        for signature in objects:
            if signature.confirmed_at is None:
                send_signature_email.enqueue(signature.pk, CONFIRM)
                sent += 1
        return sent, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d confirmation e-mail sent.", "%(count)d confirmation e-mails sent.", num_parent_objects
        ) % {"count": num_parent_objects}


for _action in (HideBulkAction, ShowBulkAction, ResendConfirmationBulkAction):
    hooks.register("register_bulk_action", _action)


# --- dashboard ------------------------------------------------------------------------------------


class SignaturesPerDayPanel(DashboardTablePanel):
    """Confirmed signatures per day over the last 30 days: one aggregate query."""

    name = "manifesto_signatures_per_day"
    heading = _("Confirmed signatures (last 30 days)")
    order = 480
    columns = (_("Day"), _("Confirmed signatures"))
    empty_message = _("No signature confirmed in the last 30 days.")
    link_text = _("See every signature")

    def __init__(self, request):
        super().__init__(request)
        self.link_url = reverse("wagtailsnippets_manifesto_signature:list")

    def get_rows(self):
        return count_per_day(Signature.objects.all(), "confirmed_at", days=30)


@hooks.register("construct_homepage_panels")
def add_signatures_panel(request, panels):
    if request.user.has_perm("manifesto.view_signature") or request.user.has_perm("manifesto.change_signature"):
        panels.append(SignaturesPerDayPanel(request))
