"""``manage.py backup_site``: a timestamped backup of the database and media (see home/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump) and the media files into backups/<timestamp>/."

    def add_arguments(self, parser):
        parser.add_argument("--destination", help="Folder that receives the backup directory (default: BACKUP_ROOT).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            directory = create_backup(options["destination"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {directory}"))
        self.stdout.write(str(directory))
