import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
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


# --- The Wagtail admin's own log-in and password reset: one door for everyone -----------------------


def _with_next(url_name, request, default_next):
    """``url_name``'s address with the ``next`` the admin was given (allauth checks it is on this site)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    next_url = request.GET.get("next") or default_next
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "HEAD", "POST"])
def admin_login(request):
    """``/admin/login/`` is allauth's log-in: verified e-mail, rate limits, lock-out and two-factor apply
    to staff as to everyone, and no session is created by Wagtail's own form (which knows none of that).
    A POST is not replayed: the form is shown again on the site's page."""
    return redirect(_with_next("account_login", request, "/admin/"))


@require_http_methods(["GET", "HEAD", "POST"])
def admin_password_reset(request, rest=""):
    """``/admin/password_reset/…`` is allauth's reset, with its rate limits per address and per client."""
    from django.urls import reverse

    return redirect(reverse("account_reset_password"))
