from django.core.management.base import BaseCommand, CommandError

from wego.diagnostic.domain.framework import FrameworkError
from wego.diagnostic.services.frameworks import FrameworkChangedError, sync_shipped_frameworks

# A reworded version keeps its structure: the assessments that use it see the new texts.
OUTCOMES = (
    ("created", "created"),
    ("updated", "updated"),
    ("reworded", "updated (wording)"),
    ("unchanged", "unchanged"),
)


class Command(BaseCommand):
    help = "Store the diagnostic frameworks shipped with the platform (CeDS, UN LOSI)."

    def handle(self, *args, **options):
        try:
            report = sync_shipped_frameworks()
        except (FrameworkError, FrameworkChangedError) as error:
            raise CommandError(str(error)) from None
        for outcome, label in OUTCOMES:
            for name in getattr(report, outcome):
                self.stdout.write(f"{label}: {name}")
