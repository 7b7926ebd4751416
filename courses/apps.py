from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


@checks.register(checks.Tags.security, deploy=True)
def credentials_key_check(app_configs, **kwargs):
    """``check --deploy``: without a signing key, learners cannot download verifiable attestations."""
    if getattr(settings, "CREDENTIALS_SIGNING_KEY", "") or getattr(settings, "CREDENTIALS_KEY_FILE", ""):
        return []
    return [
        checks.Warning(
            "CREDENTIALS_SIGNING_KEY is not set: verifiable attestations (Open Badges) cannot be signed.",
            hint="Run `manage.py credentials_key --new` and set CREDENTIALS_SIGNING_KEY in the environment.",
            id="courses.W001",
        )
    ]


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from home.personal_data import register_eraser, register_exporter

        from . import session_progress, signals
        from .personal_data import erase_courses, export_courses

        signals.connect()
        from .paths import on_course_completed

        signals.course_completed.connect(on_course_completed, dispatch_uid="courses-path-certificates")
        session_progress.connect()
        register_exporter("courses", export_courses)
        register_eraser("courses", erase_courses)
