from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from manifesto.models import ManifestoPage, Signature, refresh_signature_count


class Command(BaseCommand):
    help = (
        "Delete the manifesto signatures never confirmed, older than --days days (daily cron job), then "
        "recount the confirmed signatures of each manifesto."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "MANIFESTO_PURGE_DAYS", 14),
            help="Delete unconfirmed signatures older than this many days (default: 14).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count, delete nothing.")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - timedelta(days=max(days, 0))
        stale = Signature.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        count = stale.count()
        if dry_run:
            self.stdout.write(f"{count} unconfirmed signature(s) older than {days} days would be deleted.")
            return
        stale.delete()
        for page in ManifestoPage.objects.all():
            refresh_signature_count(page)
        self.stdout.write(f"{count} unconfirmed signature(s) older than {days} days deleted.")
