from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Live trainings: workshops with dated sessions, registrations and waiting lists.

    Depends on ``home`` and ``courses`` (themes, levels, trainers, the linked course); neither knows
    this app. The course page and "Mes formations" show what this app adds through the hooks that
    ``courses`` declares (``courses/extensions.py``).
    """

    name = "events"
    verbose_name = _("Live trainings")

    def ready(self):
        from home.personal_data import register_eraser, register_exporter

        from . import signals
        from .personal_data import erase_events, export_events

        signals.connect()
        register_exporter("events", export_events)
        register_eraser("events", erase_events)
