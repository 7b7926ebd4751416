from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from wagtail.models import Site


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Sign e-mails with the organisation's name (django.contrib.sites is not installed, so
        allauth would otherwise use the bare host name)."""
        request = allauth_context.request
        if request is not None and "current_site" not in context:
            context = {**context, "current_site": site_for_emails(request)}
        super().send_mail(template_prefix, email, context)


def site_for_emails(request):
    from home.models import OrganisationSettings

    domain = request.get_host()
    site = Site.find_for_request(request)
    name = OrganisationSettings.for_site(site).name if site else ""
    return SimpleNamespace(name=name or domain, domain=domain)
