from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Theme, Trainer


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    list_filter = {"name": ["icontains"]}
    list_export = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("Trainers")
    list_display = ["name", "photo"]
    list_export = ["name", "bio"]
    list_filter = {"name": ["icontains"]}
    search_fields = ["name", "bio"]
    ordering = ["name"]


class CourseSnippetsGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TrainerViewSet)
    menu_icon = "bookmark"
    menu_label = _("Course settings")
    menu_name = "course-settings"


register_snippet(CourseSnippetsGroup)
