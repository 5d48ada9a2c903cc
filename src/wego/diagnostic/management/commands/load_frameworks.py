from django.core.management.base import BaseCommand, CommandError

from wego.diagnostic.domain.framework import FrameworkError
from wego.diagnostic.services.frameworks import FrameworkChangedError, sync_shipped_frameworks


class Command(BaseCommand):
    help = "Store the diagnostic frameworks shipped with the platform (CeDS, UN LOSI)."

    def handle(self, *args, **options):
        try:
            report = sync_shipped_frameworks()
        except (FrameworkError, FrameworkChangedError) as error:
            raise CommandError(str(error)) from None
        for label in ("created", "updated", "unchanged"):
            for name in getattr(report, label):
                self.stdout.write(f"{label}: {name}")
