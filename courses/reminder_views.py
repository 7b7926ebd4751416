"""The learner's reminder preferences, and the one-click unsubscribe link of the reminder e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from home.optin import TokenExpired, TokenInvalid, object_from_token

from .models import LearnerPreferences, Reminder
from .reminders import UNSUBSCRIBE_SALT


@never_cache
@login_required
def preferences(request):
    """Turn the reminders on or off, and see those already received."""
    prefs, _created = LearnerPreferences.objects.get_or_create(user=request.user)
    if request.method == "POST":
        prefs.reminders = request.POST.get("reminders") == "on"
        prefs.save(update_fields=["reminders", "updated_at"])
        messages.success(
            request,
            _("Reminders are on: we write at most once a week.")
            if prefs.reminders
            else _("You will get no more reminders."),
        )
        return redirect("courses:reminder_preferences")
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    received = Reminder.objects.filter(user=request.user).select_related("course")[:20]
    return render(request, "courses/reminder_preferences.html", {"preferences": prefs, "received": received})


# Mail clients post to this address without a session or a CSRF token (RFC 8058 one-click): the
# signed personal token is the protection, and turning reminders off is all it can do.
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    try:
        prefs = object_from_token(LearnerPreferences.objects.all(), token, UNSUBSCRIBE_SALT)
    except (TokenInvalid, TokenExpired):
        prefs = None
    if prefs is None:
        return render(request, "courses/reminders_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if prefs.reminders:
            prefs.reminders = False
            prefs.save(update_fields=["reminders", "updated_at"])
        return render(request, "courses/reminders_unsubscribe.html", {"done": True})
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return render(request, "courses/reminders_unsubscribe.html", {"preferences": prefs, "token": token})
