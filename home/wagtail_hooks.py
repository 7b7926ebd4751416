from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_panels import DashboardTablePanel


class NewMembersPanel(DashboardTablePanel):
    """Members who joined in the last 30 days, per day: one aggregate query."""

    name = "new_members"
    heading = _("New members (last 30 days)")
    order = 160
    columns = (_("Day"), _("New members"))
    empty_message = _("No new member in the last 30 days.")

    def get_rows(self):
        since = timezone.now() - timedelta(days=30)
        per_day = (
            get_user_model()
            .objects.filter(date_joined__gte=since)
            .annotate(day=TruncDate("date_joined"))
            .values("day")
            .annotate(count=Count("pk"))
            .order_by("-day")
        )
        rows = [[date_format(item["day"], "DATE_FORMAT"), item["count"]] for item in per_day]
        if rows:
            rows.append([_("Total"), sum(row[1] for row in rows)])
        return rows


@hooks.register("construct_homepage_panels")
def add_new_members_panel(request, panels):
    if (
        request.user.has_perm("wagtailusers.view_user")
        or request.user.is_superuser
        or request.user.groups.filter(name="Modération").exists()
    ):
        panels.append(NewMembersPanel(request))
