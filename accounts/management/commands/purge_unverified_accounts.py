"""Delete sign-ups that were never completed. Run daily from cron (see the README, "Accounts")."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from home.personal_data import erase_user_data


def unverified_accounts(days):
    """Accounts older than ``days`` days whose owner never verified an e-mail address nor logged in.

    Staff and superusers are never included (they may have been created by hand without allauth).
    """
    cutoff = timezone.now() - timedelta(days=days)
    verified_users = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(date_joined__lt=cutoff, last_login__isnull=True, is_staff=False, is_superuser=False)
        .exclude(pk__in=verified_users)
    )


class Command(BaseCommand):
    help = "Delete accounts whose e-mail address was never verified and that never logged in, after N days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Age in days after which to delete (default 30).")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        accounts = unverified_accounts(days)
        if dry_run:
            self.stdout.write(f"{accounts.count()} unverified account(s) would be deleted.")
            return
        deleted = 0
        for user in list(accounts):
            with transaction.atomic():
                erase_user_data(user)
                user.delete()
            deleted += 1
        self.stdout.write(f"{deleted} unverified account(s) deleted.")
