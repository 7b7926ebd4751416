from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.personal_data import register_eraser, register_exporter
        from home.sections import register_section

        from .figures import forget_figures, home_section_context
        from .personal_data import erase_member_data, export_member_data

        register_exporter("community", export_member_data)
        register_eraser("community", erase_member_data)
        register_section("home", "community/includes/home_figures.html", context=home_section_context, order=30)
        register_section("account", "community/includes/account_section.html", order=30)
        for model in (
            "community.HelpRequest",
            "community.VolunteerPage",
            "courses.Trainer",
            "community.HelpRequestPage",
            "community.VolunteerIndexPage",
            "home.OrganisationSettings",
        ):
            post_save.connect(forget_figures, sender=model, dispatch_uid=f"community-figures-save-{model}")
            post_delete.connect(forget_figures, sender=model, dispatch_uid=f"community-figures-delete-{model}")
