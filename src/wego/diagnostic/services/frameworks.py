"""Storing shipped framework files as framework versions. A version that assessments use keeps
its structure (what answers and scores depend on) but takes better wording and translations."""

from dataclasses import dataclass

from django.db import transaction

from wego.diagnostic.domain.framework import Framework, load_framework, shipped_frameworks
from wego.diagnostic.models import FrameworkVersion


class FrameworkChangedError(ValueError):
    """A framework version already used by assessments was changed on disk."""


@dataclass
class SyncReport:
    created: list[str]
    updated: list[str]
    reworded: list[str]
    unchanged: list[str]


def store_framework(framework: Framework) -> tuple[FrameworkVersion, str]:
    """Create or update the stored version; returns it and 'created', 'updated' (its structure
    changed: only while no assessment uses it), 'reworded' (only its texts changed, allowed
    even when used) or 'unchanged'."""
    content = framework.model_dump(mode="json", by_alias=True)
    stored = FrameworkVersion.objects.filter(code=framework.code, version=framework.version).first()
    if stored is None:
        stored = FrameworkVersion.objects.create(
            code=framework.code,
            version=framework.version,
            title=framework.header.title,
            checksum=framework.checksum,
            content=content,
        )
        _make_current(stored)
        return stored, "created"
    if stored.checksum == framework.checksum:
        return stored, "unchanged"
    # Compared with the stored content as parsed (defaults filled in), not as once dumped.
    reworded = stored.framework.structure == framework.structure
    used = 0 if reworded else stored.assessments.count()
    if used:
        raise FrameworkChangedError(
            f"Framework {framework.code} {framework.version} is used by {used} assessment(s) "
            "and cannot change. Publish the change as a new version with a crosswalk."
        )
    stored.title, stored.checksum, stored.content = (
        framework.header.title,
        framework.checksum,
        content,
    )
    stored.save(update_fields=["title", "checksum", "content"])
    return stored, "reworded" if reworded else "updated"


def _make_current(stored: FrameworkVersion) -> None:
    FrameworkVersion.objects.filter(code=stored.code).exclude(pk=stored.pk).update(is_current=False)


@transaction.atomic
def sync_shipped_frameworks() -> SyncReport:
    report = SyncReport([], [], [], [])
    for folder in shipped_frameworks():
        framework = load_framework(folder)
        _stored, outcome = store_framework(framework)
        getattr(report, outcome).append(f"{framework.code} {framework.version}")
    return report
