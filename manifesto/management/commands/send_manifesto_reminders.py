from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from manifesto.models import Signature
from manifesto.tasks import REMINDER, send_signature_email


class Command(BaseCommand):
    help = (
        "Send the one automatic reminder to signatories who have not confirmed their signature after "
        "--days days (daily cron job). Nobody is reminded twice; closed manifestos are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "MANIFESTO_REMINDER_DAYS", 3),
            help="Remind signatures left unconfirmed for at least this many days (default: 3).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count, send nothing.")

    def handle(self, *args, days, dry_run, **options):
        now = timezone.now()
        due = Signature.objects.filter(
            confirmed_at__isnull=True, reminder_sent_at__isnull=True, created_at__lte=now - timedelta(days=max(days, 0))
        ).select_related("manifesto")
        sent = 0
        for signature in due.iterator():
            if not signature.manifesto.is_open:
                continue
            if dry_run:
                sent += 1
                continue
            # Mark first, atomically: two runs at once never send the reminder twice.
            if Signature.objects.filter(pk=signature.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
                send_signature_email.enqueue(signature.pk, REMINDER)
                sent += 1
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{sent} reminder(s) {verb}.")
