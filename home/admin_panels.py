"""A small table panel for the admin dashboard, shared by the apps' own dashboard panels."""

from wagtail.admin.ui.components import Component


class DashboardTablePanel(Component):
    """A dashboard panel showing a captioned table. Subclasses set ``name``, ``heading``, ``order``,
    ``columns`` and implement ``get_rows()`` (a list of row lists) — in a fixed number of queries."""

    template_name = "home/admin/dashboard_table_panel.html"
    name = ""
    heading = ""
    order = 150
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
