"""The site's URLs plus small views that exercise what the page cache must never store."""

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from webassoc.urls import urlpatterns as site_urlpatterns

MESSAGE_TEXT = "Votre signature est enregistrée"


def page_with_form(request):
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button type="submit">Envoyer</button></form>'
    )
    return HttpResponse(template.render({}, request))


def page_with_token_elsewhere(request):
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}</form><div data-token="{{ csrf_token }}"></div>'
    )
    return HttpResponse(template.render({}, request))


def page_with_message(request):
    if request.headers.get("X-Add-Message"):
        messages.success(request, MESSAGE_TEXT)
    return render(request, "base.html", {})


@never_cache
def private_page(request):
    return HttpResponse(f"token {get_token(request) if request.GET.get('token') else ''}")


urlpatterns = [
    path("_perf/form/", page_with_form),
    path("_perf/token-elsewhere/", page_with_token_elsewhere),
    path("_perf/message/", page_with_message),
    path("_perf/private/", private_page),
    *site_urlpatterns,
]
