import os
import secrets
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.demo_utils import DemoContext
from home.site_url import apply_site_url, parse_site_url

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"


def demo_password():
    """Development-only password: $DEMO_PASSWORD, else one generated once and kept in .demo-password."""
    password = os.environ.get("DEMO_PASSWORD", "").strip()
    if password:
        return password
    if PASSWORD_FILE.exists():
        return PASSWORD_FILE.read_text().strip()
    password = secrets.token_urlsafe(12)
    PASSWORD_FILE.write_text(password + "\n")
    PASSWORD_FILE.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Load the demo content (French). Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create the development accounts.")
        parser.add_argument(
            "--address",
            default=os.environ.get("SITE_URL") or "http://127.0.0.1:8000",
            help=(
                "The site's public address, written into the default Wagtail site (as set_site_url does) and "
                "printed with the accounts; defaults to $SITE_URL, else http://127.0.0.1:8000 (make run passes "
                "the address it serves)."
            ),
        )

    def handle(self, *args, **options):
        address = options["address"].strip().rstrip("/")
        try:
            parse_site_url(address)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        context = DemoContext(self.stdout)
        with transaction.atomic():
            # Every installed app may ship a ``demo`` module with ``load(context)``; ``home`` runs
            # first (it is first in INSTALLED_APPS) and creates the site and its home page.
            for app_config in apps.get_app_configs():
                if module_has_submodule(app_config.module, "demo"):
                    import_module(f"{app_config.name}.demo").load(context)
            # Canonical links, sitemap, feeds and e-mails use the Site record: point it at the address.
            apply_site_url(address)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({context.created} new objects)."))
        if settings.DEBUG and not options["no_users"]:
            self.create_dev_users(context, address)

    def create_dev_users(self, context, address):
        User = get_user_model()
        password = demo_password()
        accounts = [("admin@webassoc.test", "Alex", "Admin", {"is_staff": True, "is_superuser": True}, None)]
        accounts += getattr(context, "extra_dev_users", [])
        lines = []
        for email, first_name, last_name, flags, group_names in accounts:
            user, created = User.objects.get_or_create(
                email=email, defaults={"first_name": first_name, "last_name": last_name, **flags}
            )
            if created or os.environ.get("DEMO_PASSWORD"):
                user.set_password(password)
                user.save()
            if group_names:
                from django.contrib.auth.models import Group

                user.groups.add(*Group.objects.filter(name__in=group_names))
            self.ensure_verified_email(user)
            lines.append(f"  {email}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Development accounts (never created in production):"))
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"  password: {password}   (from $DEMO_PASSWORD or the git-ignored .demo-password file)")
        self.stdout.write(f"  admin: {address}/admin/")

    @staticmethod
    def ensure_verified_email(user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
