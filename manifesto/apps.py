from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ManifestoConfig(AppConfig):
    name = "manifesto"
    verbose_name = _("Manifesto")

    def ready(self):
        from home.personal_data import register_eraser, register_exporter

        from . import signals
        from .personal_data import erase_signatures, export_signatures

        signals.connect()
        register_exporter("manifesto", export_signatures)
        register_eraser("manifesto", erase_signatures)
