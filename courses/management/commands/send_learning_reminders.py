"""Cron, daily: the reminders that bring learners back (courses/reminders.py). Idempotent."""

from django.core.management.base import BaseCommand

from courses.reminders import send_reminders


class Command(BaseCommand):
    help = "Sends the learning reminders due now (at most one a week per learner, each situation once)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count the reminders that are due")

    def handle(self, *args, **options):
        count = send_reminders(dry_run=options["dry_run"])
        verb = "due" if options["dry_run"] else "sent"
        self.stdout.write(f"{count} reminder(s) {verb}.")
