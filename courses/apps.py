from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from home.personal_data import register_eraser, register_exporter

        from . import session_progress, signals
        from .personal_data import erase_courses, export_courses

        signals.connect()
        session_progress.connect()
        register_exporter("courses", export_courses)
        register_eraser("courses", erase_courses)
