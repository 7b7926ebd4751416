from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.exports import SafeExportIndexView

from .models import Author, Category


class CategoryChooserViewSet(SnippetChooserViewSet):
    # A "Create" tab in the chooser, for staff who may add one: no detour through the snippets menu.
    form_fields = ["name", "slug", "description"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    index_view_class = SafeExportIndexView
    chooser_viewset_class = CategoryChooserViewSet
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug"]
    list_filter = {"name": ["icontains"]}
    list_export = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class AuthorChooserViewSet(SnippetChooserViewSet):
    # A "Create" tab in the chooser, for staff who may add one: no detour through the snippets menu.
    form_fields = ["name", "role", "bio"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    index_view_class = SafeExportIndexView
    chooser_viewset_class = AuthorChooserViewSet
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "photo"]
    list_filter = {"name": ["icontains"]}
    list_export = ["name", "role", "bio"]
    search_fields = ["name", "bio"]
    ordering = ["name"]


class NewsSnippetsGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, AuthorViewSet)
    menu_icon = "list-ul"
    menu_label = _("News settings")
    menu_name = "news-settings"


register_snippet(NewsSnippetsGroup)
