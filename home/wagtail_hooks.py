from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_panels import DashboardTablePanel, count_per_day


class NewMembersPanel(DashboardTablePanel):
    """Members who joined in the last 30 days, per day: one aggregate query."""

    name = "new_members"
    heading = _("New members (last 30 days)")
    order = 160
    columns = (_("Day"), _("New members"))
    empty_message = _("No new member in the last 30 days.")

    def get_rows(self):
        return count_per_day(get_user_model().objects.all(), "date_joined")


@hooks.register("construct_homepage_panels")
def add_new_members_panel(request, panels):
    if (
        request.user.has_perm("wagtailusers.view_user")
        or request.user.is_superuser
        or request.user.groups.filter(name="Modération").exists()
    ):
        panels.append(NewMembersPanel(request))


@hooks.register("insert_global_admin_css")
def admin_css():
    """Admin screens that fit a laptop: wide tables scroll inside their container (docs in the file)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def autosave_guard_js():
    """Hold a Publish/Save clicked while Wagtail's autosave is running (see the script's comment)."""
    return format_html('<script src="{}"></script>', static("js/admin-autosave-guard.js"))


@hooks.register("insert_editor_js")
def checks_take_turns_js():
    """Keep the checks panel working when the preview reloads during a check (see the script's comment)."""
    return format_html('<script src="{}"></script>', static("js/admin-checks-take-turns.js"))
