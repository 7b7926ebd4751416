from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import Site

from home.mail import FAILED, RETRYING, send_later
from home.ratelimit import hash_address
from home.site_url import rebase, site_root_url


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """A keyed hash of the client's address, never the address itself.

        allauth uses it as the key of its rate-limit counters (log-in, sign-up, password reset) in the
        shared cache, which must not hold members' addresses (home/ratelimit.py does the same for the
        site's own limits). The address is found as allauth finds it (``ALLAUTH_TRUSTED_PROXY_COUNT``)
        and an IPv6 address is first cut to its network prefix, as allauth does, so that a client
        cannot escape the limit by changing the last bits of its address.
        """
        from allauth.core.internal.ratelimit import truncate_ip

        return hash_address(truncate_ip(super().get_client_ip(request)))

    def send_mail(self, template_prefix, email, context):
        """Sign e-mails with the organisation's name (django.contrib.sites is not installed, so
        allauth would otherwise use the bare host name), put every link on the site's address, and
        send through a task (home/mail.py): a mail server that is down never turns a sign-up or a
        password reset into a server error; the visitor is told, and the task tries again later."""
        request = allauth_context.request
        if "current_site" not in context:
            context = {**context, "current_site": site_for_emails(request)}
        # allauth builds links from the request's host; the Site record is the one address (home/site_url.py).
        context = {key: rebase(value, request) if key in LINK_KEYS else value for key, value in context.items()}
        message = self.render_mail(template_prefix, email, {"request": request, "email": email, **context})
        outcome = send_later(message)
        if request is not None and outcome in (FAILED, RETRYING):
            messages.warning(request, mail_outage_message(template_prefix, outcome))


# The absolute links allauth puts in its e-mails' context (confirmation, password reset, "already
# registered" e-mails).
LINK_KEYS = {"activate_url", "password_reset_url", "signup_url"}


# Sign-up sends one of these whether the address is new or already has an account: the same message
# for both, so that it tells nothing about the address.
SIGNUP_EMAILS = ("account/email/email_confirmation_signup", "account/email/account_already_exists")
PASSWORD_RESET_EMAILS = ("account/email/password_reset_key", "account/email/unknown_account")


def mail_outage_message(template_prefix, outcome):
    if outcome == RETRYING:
        return _(
            "Our mail server is not answering right now: the e-mail will leave as soon as it is back, "
            "within a few minutes. You have nothing else to do."
        )
    if template_prefix in SIGNUP_EMAILS:
        return _(
            "Your account is saved, but the e-mail with the confirmation link could not be sent: our mail "
            "server is not answering. Log in again in a few minutes to receive a new link."
        )
    if template_prefix in PASSWORD_RESET_EMAILS:
        return _(
            "The e-mail with the link to choose a new password could not be sent: our mail server is not "
            "answering. Ask for a new link in a few minutes."
        )
    return _("The e-mail could not be sent: our mail server is not answering. Try again in a few minutes.")


def site_for_emails(request):
    from home.models import OrganisationSettings

    # Without a request (an e-mail sent by a command or a worker): the default site.
    found = Site.find_for_request(request) if request is not None else None
    site = found or Site.objects.filter(is_default_site=True).first()
    domain = urlsplit(site_root_url(request)).netloc if site else ""
    if not domain and request is not None:
        domain = request.get_host()
    name = OrganisationSettings.for_site(site).name if site else ""
    return SimpleNamespace(name=name or domain, domain=domain)
