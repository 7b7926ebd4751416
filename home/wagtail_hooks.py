from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_panels import DashboardTablePanel, count_per_day
from .editor_guide import EditorGuideView, editor_guide_image


class NewMembersPanel(DashboardTablePanel):
    """Members who joined in the last 30 days, per day: one aggregate query."""

    name = "new_members"
    heading = _("New members (last 30 days)")
    order = 460
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


@hooks.register("register_admin_urls")
def editor_guide_urls():
    return [
        path("guide/", EditorGuideView.as_view(), name="editor_guide"),
        path("guide/images/<str:name>", editor_guide_image, name="editor_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def editor_guide_menu_item():
    """The site's own guide, in French, first in the admin's Help menu."""
    return MenuItem(_("Editor's guide"), reverse("editor_guide"), icon_name="help", order=900, name="site-editor-guide")


@hooks.register("construct_help_menu")
def drop_wagtail_english_guides(request, menu_items):
    """Wagtail's own guide and release notes are in English and describe features the site does not
    use: staff get the site's guide instead (the keyboard shortcuts stay)."""
    menu_items[:] = [
        item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
