from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from wagtail.models import Site

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
        allauth would otherwise use the bare host name), and put every link on the site's address."""
        request = allauth_context.request
        if request is not None and "current_site" not in context:
            context = {**context, "current_site": site_for_emails(request)}
        # allauth builds links from the request's host; the Site record is the one address (home/site_url.py).
        context = {key: rebase(value, request) if key in LINK_KEYS else value for key, value in context.items()}
        super().send_mail(template_prefix, email, context)


# The absolute links allauth puts in its e-mails' context (confirmation, password reset, "already
# registered" e-mails).
LINK_KEYS = {"activate_url", "password_reset_url", "signup_url"}


def site_for_emails(request):
    from home.models import OrganisationSettings

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    domain = urlsplit(site_root_url(request)).netloc if site else request.get_host()
    name = OrganisationSettings.for_site(site).name if site else ""
    return SimpleNamespace(name=name or domain, domain=domain)
