from django.urls import path

from home.http_cache import anonymous_form_view

from . import views
from .models import HelpRequestPage

urlpatterns = [
    path("comptes/benevolat/", views.account, name="community_account"),
    # The help request form of the (shareable) page posts here, without a CSRF token (docs/caching.md):
    # a signed "shown at" stamp, a honeypot, a rate limit and the confirmation e-mail.
    path(
        "formulaires/demande-d-aide/<id:page_id>/",
        anonymous_form_view(HelpRequestPage, views.request_form),
        name="community_help_request",
    ),
]
