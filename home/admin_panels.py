"""A small table panel for the admin dashboard, shared by the apps' own dashboard panels."""

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


def count_per_day(queryset, date_field, days=30):
    """``[[day, count], …, ["Total", n]]`` for the rows of ``queryset`` whose ``date_field`` falls in the
    last ``days`` days, newest day first, days without rows left out: one aggregate query."""
    since = timezone.now() - timedelta(days=days)
    per_day = (
        queryset.filter(**{f"{date_field}__gte": since})
        .annotate(day=TruncDate(date_field))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("-day")
    )
    rows = [[date_format(item["day"], "DATE_FORMAT"), item["count"]] for item in per_day]
    if rows:
        rows.append([_("Total"), sum(row[1] for row in rows)])
    return rows


class DashboardTablePanel(Component):
    """A dashboard panel showing a captioned table. Subclasses set ``name``, ``heading``, ``order``,
    ``columns`` and implement ``get_rows()`` (a list of row lists) — in a fixed number of queries.

    Figures come after each role's to-do list: Wagtail's "waiting for your review" and "your pages in
    moderation" panels are ordered 210 and 220, locked pages 300, so the tables start at 450."""

    template_name = "home/admin/dashboard_table_panel.html"
    name = ""
    heading = ""
    order = 450
    columns = ()
    empty_message = ""
    link_url = ""
    link_text = ""

    def __init__(self, request):
        self.request = request

    def get_rows(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "panel_id": f"dashboard-{self.name}",
                "heading": self.heading,
                "columns": self.columns,
                "rows": self.get_rows(),
                "empty_message": self.empty_message,
                "link_url": self.link_url,
                "link_text": self.link_text,
            }
        )
        return context
