from django.core.management.base import BaseCommand
from django.utils import timezone

from community.models import HelpRequest
from community.purge import follow_ups_due
from community.tasks import send_follow_up_emails


class Command(BaseCommand):
    help = "Four weeks after a match, ask the association and the volunteers whether the mission succeeded."

    def handle(self, *args, **options):
        sent = 0
        for pk in follow_ups_due().values_list("pk", flat=True):
            # Claim the request first: two runs at once never send the follow-up twice.
            if HelpRequest.objects.filter(pk=pk, follow_up_sent_at__isnull=True).update(
                follow_up_sent_at=timezone.now()
            ):
                send_follow_up_emails.enqueue(pk)
                sent += 1
        self.stdout.write(f"{sent} follow-up(s) sent.")
