"""Staff tools for the community: triage of help requests (status, notes, filters, formula-safe
export), the volunteers suggested for a request and the proposal e-mail sent to the chosen ones.

Seen only by staff holding the help request permissions (the "Modération" group gets them in a
migration); everyone else is sent back to the admin's dashboard, like the other snippets.
"""

import django_filters
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_panels import DashboardTablePanel
from home.departements import DEPARTEMENT_CHOICES, REGION_CHOICES, departements_of
from home.exports import SafeExportIndexView
from manifesto.models import Skill

from . import admin_views
from .forms import HelpRequestAdminForm
from .models import Cause, HelpRequest, Status


class HelpRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=django_filters.widgets.forms.CheckboxSelectMultiple
    )
    confirmed = django_filters.ChoiceFilter(
        label=_("E-mail address"),
        choices=[("yes", _("Confirmed")), ("no", _("Awaiting confirmation"))],
        method="filter_confirmed",
        empty_label=_("All"),
    )
    skill = django_filters.ChoiceFilter(label=_("Skill needed"), choices=Skill.choices, method="filter_skill")
    region = django_filters.ChoiceFilter(label=_("Region"), choices=REGION_CHOICES, method="filter_region")
    departement = django_filters.ChoiceFilter(label=_("Département"), choices=DEPARTEMENT_CHOICES)
    cause = django_filters.ChoiceFilter(label=_("Cause"), choices=Cause.choices)
    created_at = django_filters.DateFromToRangeFilter(label=_("Sent"), widget=DateRangePickerWidget)

    class Meta:
        model = HelpRequest
        fields = ["status", "confirmed", "skill", "region", "departement", "cause", "created_at"]

    def filter_confirmed(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if value == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset

    def filter_skill(self, queryset, name, value):
        # Help requests are a few thousand a year: their ids are read once, the JSON list compared in Python.
        ids = [pk for pk, skills in queryset.values_list("pk", "skills") if value in (skills or [])]
        return queryset.filter(pk__in=ids)

    def filter_region(self, queryset, name, value):
        return queryset.filter(departement__in=departements_of(value))


class HelpRequestIndexView(SafeExportIndexView):
    pass


class SuggestionsColumn(Column):
    """A link to the volunteers suggested for the request (and the proposal form)."""

    cell_template_name = "community/admin/suggestions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("community_admin:propose", args=[instance.pk])
        return context


class HelpRequestViewSet(SnippetViewSet):
    model = HelpRequest
    index_view_class = HelpRequestIndexView
    icon = "help"
    menu_label = _("Help requests")
    menu_name = "community-help-requests"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "association",
        "city",
        "departement",
        "size",
        "cause",
        "skills_display",
        "need",
        "timing",
        "contact_name",
        "contact_email",
        "contact_phone",
        "status",
        "staff_notes",
        "volunteers_wanted",
        "created_at",
        "confirmed_at",
        "matched_at",
        "follow_up_sent_at",
        "closed_at",
        "outcome",
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    filterset_class = HelpRequestFilterSet
    search_fields = ["association", "city", "need", "contact_name", "contact_email"]
    list_display = [
        TitleColumn("association", label=_("Association"), url_name="wagtailsnippets_community_helprequest:edit"),
        "city",
        Column("departement", label=_("Département")),
        Column("skills_display", label=_("Skills needed")),
        Column("get_status_display", label=_("Status")),
        Column("confirmation_label", label=_("E-mail address")),
        DateColumn("created_at", label=_("Sent")),
        SuggestionsColumn("suggestions", label=_("Volunteers")),
    ]
    list_export = [
        "association",
        "city",
        "departement",
        "get_size_display",
        "get_cause_display",
        "skills_display",
        "need",
        "get_timing_display",
        "contact_name",
        "contact_email",
        "contact_phone",
        "get_status_display",
        "staff_notes",
        "confirmation_label",
        "created_at",
        "matched_at",
        "closed_at",
        "get_outcome_display",
    ]
    export_headings = {
        "get_size_display": _("Size"),
        "get_cause_display": _("Cause"),
        "skills_display": _("Skills needed"),
        "get_timing_display": _("When"),
        "get_status_display": _("Status"),
        "confirmation_label": _("E-mail address"),
        "get_outcome_display": _("Outcome"),
    }
    export_filename = "demandes-accompagnement"
    edit_handler = ObjectList(
        [
            HelpPanel(template="community/admin/propose_help_panel.html", heading=_("Volunteers")),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("volunteers_wanted"), FieldPanel("staff_notes")],
                heading=_("Triage"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("association"),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("departement")]),
                    FieldRowPanel([FieldPanel("size"), FieldPanel("cause")]),
                    FieldPanel("skills"),
                    FieldPanel("need"),
                    FieldPanel("timing"),
                ],
                heading=_("The request"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email", read_only=True),
                    FieldPanel("contact_phone"),
                    FieldPanel("confirmed_at", read_only=True),
                ],
                heading=_("Contact"),
            ),
        ],
        base_form_class=HelpRequestAdminForm,
    )

    def get_queryset(self, request):
        return HelpRequest.objects.filter(anonymised_at__isnull=True)


register_snippet(HelpRequestViewSet)


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    from django.urls import include

    urls = [path("<int:pk>/benevoles/", admin_views.ProposeView.as_view(), name="propose")]
    return [path("community/requests/", include((urls, "community_admin"), namespace="community_admin"))]


class HelpRequestsToTriagePanel(DashboardTablePanel):
    """Confirmed help requests nobody has looked at yet, oldest first: part of the staff's to-do list,
    so it sits with Wagtail's review panels, above the figures. One query."""

    name = "community_help_requests_to_triage"
    heading = _("Help requests to triage")
    order = 230
    columns = (_("Association"), _("City"), _("Sent"))
    empty_message = _("No new help request: every confirmed request has been triaged.")
    link_text = _("See every new help request")
    limit = 5

    def __init__(self, request):
        super().__init__(request)
        self.link_url = reverse("wagtailsnippets_community_helprequest:list") + f"?status={Status.NEW}"

    def get_rows(self):
        requests = (
            HelpRequest.objects.filter(status=Status.NEW, confirmed_at__isnull=False, anonymised_at__isnull=True)
            .only("pk", "association", "city", "created_at")
            .order_by("created_at")[: self.limit]
        )
        return [
            [
                format_html(
                    '<a href="{}">{}</a>',
                    reverse("wagtailsnippets_community_helprequest:edit", args=[item.pk]),
                    item.association,
                ),
                item.city,
                formats.date_format(timezone.localtime(item.created_at), "SHORT_DATE_FORMAT"),
            ]
            for item in requests
        ]


@hooks.register("construct_homepage_panels")
def add_help_requests_panel(request, panels):
    if request.user.has_perm("community.change_helprequest"):
        panels.append(HelpRequestsToTriagePanel(request))
