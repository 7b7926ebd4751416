from django.urls import path
from django.views.generic import RedirectView

from home.http_cache import anonymous_form_view

from . import credential_views, feedback, paths, reminder_views, survey, views
from .models import LessonPage

app_name = "courses"

urlpatterns = [
    path("mes-formations/", views.dashboard, name="dashboard"),
    path("mes-formations/attestations/<str:code>/", views.certificate, name="certificate"),
    path(
        "mes-formations/attestations/<str:code>/felicitations/",
        views.certificate_celebration,
        name="certificate_celebration",
    ),
    path("mes-formations/attestations/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    # Public verification: anyone with the code sees the name, the course and the date, nothing else.
    path("attestations/verifier/", views.certificate_verify, name="certificate_verify_form"),
    path("attestations/verifier/<str:code>/", views.certificate_verify, name="certificate_verify"),
    # Verifiable attestations (Open Badges 3.0): the signed file, the issuer's keys, the public check.
    path(
        "mes-formations/attestations/<str:code>/badge/",
        credential_views.certificate_credential,
        name="certificate_credential",
    ),
    # The first addresses said "certificats": links already printed, e-mailed or shared keep working.
    *[
        path(old, RedirectView.as_view(pattern_name=f"courses:{name}", permanent=True, query_string=True))
        for old, name in [
            ("mes-formations/certificats/<str:code>/", "certificate"),
            ("mes-formations/certificats/<str:code>/pdf/", "certificate_pdf"),
            ("mes-formations/certificats/<str:code>/badge/", "certificate_credential"),
            ("certificats/verifier/", "certificate_verify_form"),
            ("certificats/verifier/<str:code>/", "certificate_verify"),
        ]
    ],
    path("mes-formations/attestations-parcours/<str:code>/", paths.path_certificate, name="path_certificate"),
    path("mes-formations/avis/lecon/<id:lesson_id>/", feedback.lesson_feedback, name="lesson_feedback"),
    path("mes-formations/avis/formation/<id:course_id>/", survey.course_survey, name="course_survey"),
    # Reminders: the learner's preferences, and the one-click unsubscribe link of the e-mails.
    path("mes-formations/rappels/", reminder_views.preferences, name="reminder_preferences"),
    path("rappels/desinscription/<str:token>/", reminder_views.unsubscribe, name="reminders_unsubscribe"),
    path("attestations/emetteur/", credential_views.issuer, name="credential_issuer"),
    path("attestations/verifier-un-fichier/", credential_views.credential_check, name="credential_check"),
    # A lesson's "I'm done" for visitors without an account (the lesson page is shareable for them): no
    # CSRF token (docs/caching.md). Members post to the lesson's own "terminer/" route, with theirs.
    path(
        "formulaires/lecon-terminee/<id:page_id>/",
        anonymous_form_view(LessonPage, views.complete_lesson_anonymously),
        name="lesson_complete_anonymously",
    ),
]
