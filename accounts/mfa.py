"""Two-factor authentication for staff (allauth's MFA: TOTP with recovery codes).

In production settings (``STAFF_MFA_REQUIRED = True``, the default in ``base.py``) every user who may open
the Wagtail admin must have an authenticator app set up before any admin page answers: the admin sends
them to the set-up page instead. Learners may turn it on from their account; development accounts are
exempt (``dev.py`` and ``test.py`` turn the requirement off).
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"
# Pages of the admin a member without two-factor may still reach: its static sprite and translations
# (shown on the site's pages too), and the log-out.
ALLOWED_ADMIN_PATHS = ("/admin/logout/", "/admin/sprite/", "/admin/jsi18n/", "/admin/login/")
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_admin_access(user):
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")


def needs_second_factor(user):
    """True when ``user`` may open the admin but has no authenticator while the site requires one."""
    if not getattr(settings, "STAFF_MFA_REQUIRED", True) or not has_admin_access(user):
        return False
    return not Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


class StaffTwoFactorMiddleware:
    """Before any admin page: staff without two-factor authentication are sent to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(ADMIN_PREFIX)
            and not path.startswith(ALLOWED_ADMIN_PATHS)
            and needs_second_factor(request.user)
        ):
            messages.warning(
                request,
                _(
                    "The administration is protected by two-factor authentication: set up an "
                    "authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Staff cannot remove their last second factor while the site requires one (they would be
        locked out of the admin on their next page)."""
        user = authenticator.user
        if not getattr(settings, "STAFF_MFA_REQUIRED", True) or not has_admin_access(user):
            return True
        if authenticator.type not in SECOND_FACTORS:
            return True
        others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exclude(pk=authenticator.pk)
        return others.exists()
