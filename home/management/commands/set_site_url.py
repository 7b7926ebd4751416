import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.site_url import apply_site_url


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at the public address (SITE_URL, e.g. https://webassoc.fr): canonical "
        "links, sitemap, feeds, sharing and e-mails use it. Run it on every deployment; it changes nothing "
        "when the address is already set."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="The address; defaults to the SITE_URL environment variable.")

    def handle(self, *args, url=None, **options):
        url = url or os.environ.get("SITE_URL", "")
        if not url.strip():
            raise CommandError(_("Give the address (set_site_url https://example.org) or set SITE_URL."))
        try:
            site, changed = apply_site_url(url)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        state = "set to" if changed else "already"
        self.stdout.write(self.style.SUCCESS(f"Site address {state} {site.root_url}"))
