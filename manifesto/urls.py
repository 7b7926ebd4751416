from django.urls import path

from home.http_cache import anonymous_form_view

from . import views
from .models import ManifestoPage

urlpatterns = [
    # The signature form of the (shareable) manifesto page posts here, without a CSRF token
    # (docs/caching.md): a signed "shown at" stamp, a honeypot, a rate limit and the confirmation e-mail.
    path(
        "formulaires/manifeste/<id:page_id>/",
        anonymous_form_view(ManifestoPage, views.manifesto_page),
        name="manifesto_sign",
    ),
]
