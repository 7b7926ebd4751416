"""``manage.py restore_site <backup dir>``: replace the database and media with a backup's content."""

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Restore the database and media files from a backup directory made by backup_site."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="Path of the backup directory (the one holding manifest.json).")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation."
        )

    def handle(self, *args, **options):
        try:
            manifest = read_manifest(options["backup"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["interactive"]:
            answer = input(
                f"This replaces the current database and media with the backup of {manifest['created_at']}.\n"
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(options["backup"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {manifest['created_at']}."))
