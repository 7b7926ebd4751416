from django.core.management.base import BaseCommand

from community.purge import anonymise_closed, purge_unconfirmed


class Command(BaseCommand):
    help = "Delete help requests never confirmed and anonymise those closed long ago (community/purge.py)."

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        anonymised = anonymise_closed()
        self.stdout.write(f"{deleted} unconfirmed help request(s) deleted, {anonymised} closed one(s) anonymised.")
