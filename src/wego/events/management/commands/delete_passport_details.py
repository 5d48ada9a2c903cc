from django.core.management.base import BaseCommand, CommandError

from wego.events.services.arrival import delete_passport_details


class Command(BaseCommand):
    help = (
        "Delete the passport details kept for invitation letters of events that ended more "
        "than N days ago (default 0: every event over). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=0,
            help="Keep the details of events that ended fewer than this many days ago.",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days cannot be negative.")
        deleted = delete_passport_details(after_days=days)
        self.stdout.write(f"Deleted the passport details of {deleted} registration(s).")
