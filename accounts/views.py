import json
from urllib.parse import urlencode

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from home.personal_data import erase_user_data, export_user_data

from .forms import DeleteAccountForm, ProfileForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("account_profile")
    else:
        form = ProfileForm(instance=request.user)
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
@require_GET
def export(request):
    """Everything the site holds about the member, as a JSON file to download."""
    now = timezone.now()
    data = {"exported_at": now.isoformat(), **export_user_data(request.user)}
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mes-donnees-{timezone.localdate(now).isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Delete the member's account once they typed their password again (POST only)."""
    user = request.user
    if request.method == "POST":
        form = DeleteAccountForm(user, request.POST)
        if form.is_valid():
            logout(request)
            with transaction.atomic():
                erase_user_data(user)
                user.delete()
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("wagtail_serve", "")
    else:
        form = DeleteAccountForm(user)
    return render(request, "accounts/delete.html", {"form": form})


# --- One door for every log-in ----------------------------------------------------------------------
# Wagtail brings two log-in forms of its own (the admin's /admin/login/ and the front end's /_util/login/,
# both Django's LoginView) and the admin's password reset. They know nothing of the site's rules, so each
# of their addresses is answered here by allauth: verified e-mail, rate limits per client and per address,
# lock-out, two-factor authentication and the same French messages, whichever door is knocked on.


def _login_url(request, default_next=""):
    """allauth's log-in address, with the ``next`` this request was given (allauth checks that it stays
    on this site) or ``default_next``."""
    next_url = request.GET.get("next") or default_next
    url = reverse("account_login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _site_login(request, default_next):
    if request.method in ("GET", "HEAD"):
        return redirect(_login_url(request, default_next))
    # A POST (a bookmarked form, a script) is handled by allauth's own log-in view, so that every password
    # tried here counts against the same limits and lock-out as on the site's page. Wagtail's form calls
    # the e-mail field "username"; allauth's calls it "login".
    data = request.POST.copy()
    if not data.get("login") and data.get("username"):
        data["login"] = data["username"]
    if not data.get("next") and default_next:
        data["next"] = request.GET.get("next") or default_next
    request.POST = data
    return allauth_views.login(request)


@require_http_methods(["GET", "HEAD", "POST"])
def admin_login(request):
    """``/admin/login/``: the site's log-in, then back to the admin."""
    return _site_login(request, "/admin/")


@require_http_methods(["GET", "HEAD", "POST"])
def frontend_login(request):
    """``/_util/login/``: Wagtail's front-end log-in form, answered by the site's log-in."""
    return _site_login(request, "")


@require_http_methods(["GET", "HEAD", "POST"])
def admin_password_reset(request, rest=""):
    """``/admin/password_reset/…`` is allauth's reset, with its rate limits per address and per client.
    Nothing is sent from here: a POST is not replayed, the visitor types the address on the site's page."""
    return redirect(reverse("account_reset_password"))


def admin_logout(request):
    """``/admin/logout/`` (the admin's "Log out" button, a POST) is allauth's log-out: the same message,
    and the same end of the session as on the site."""
    return allauth_views.logout(request)
