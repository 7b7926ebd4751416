"""Print the public key that signs the verifiable attestations, or a new private key for rotation."""

from django.core.management.base import BaseCommand

from courses import credentials


class Command(BaseCommand):
    help = "Shows the attestations' public signing key (for CREDENTIALS_PREVIOUS_PUBLIC_KEYS), or makes a new key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new", action="store_true", help="print a new private key for CREDENTIALS_SIGNING_KEY and its public key"
        )

    def handle(self, *args, **options):
        if options["new"]:
            text = credentials.new_private_key_text()
            public = credentials.public_key_multibase(credentials.private_key_from_text(text).public_key())
            self.stdout.write(f"CREDENTIALS_SIGNING_KEY={text}")
            self.stdout.write(f"public key: {public}")
            return
        key = credentials.signing_key()
        if key is None:
            self.stderr.write("No signing key: set CREDENTIALS_SIGNING_KEY (manage.py credentials_key --new).")
            return
        self.stdout.write(credentials.public_key_multibase(key.public_key()))
