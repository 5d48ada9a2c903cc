"""The demo practices: the 15 winners of the 2nd WeGO Awards (2014) and practices of members."""

from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from wego.members.models import Member
from wego.practices.models import TRANSLATIONS, Practice
from wego.practices.services import practices, semantic

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo_data" / "practices.yaml"


def translations(entry: dict) -> dict:
    """The title and summary in other languages (title_ko, summary_ar...), empty if not given."""
    return {
        f"{field}_{code}": entry.get(f"{field}_{code}", "")
        for code in TRANSLATIONS
        for field in ("title", "summary")
    }


@transaction.atomic
def load_demo_practices(path: Path = DEMO_FILE) -> int:
    """Create or update every demo practice, published. Returns how many."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    members = dict(Member.objects.values_list("slug", "pk"))
    now = timezone.now()
    for entry in entries:
        practice = Practice.objects.filter(slug=entry["slug"]).first() or Practice(
            slug=entry["slug"]
        )
        award = entry.get("award") or {}
        fields = {
            "title": entry["title"],
            "member_id": members.get(entry.get("member") or ""),
            "city": entry["city"],
            "country": entry["country"],
            "category": entry["category"],
            "award_year": award.get("year"),
            "award_tier": award.get("tier", ""),
            "year_started": entry.get("year_started"),
            "summary": entry["summary"],
            "problem": entry["problem"],
            "solution": entry["solution"],
            "results": entry["results"],
            "lessons": entry.get("lessons", ""),
            "technologies": entry.get("technologies", []),
            "cost_range": entry["cost_range"],
            "months_to_implement": entry["months_to_implement"],
            "indicators": entry.get("indicators", []),
            "sdg_targets": [str(t) for t in entry.get("sdg_targets", [])],
            "language": entry.get("language", "en"),
            "status": Practice.Status.PUBLISHED,
            "is_demo": bool(entry.get("demo", True)),
        } | translations(entry)
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.published_at = practice.published_at or now
        practices.save(practice, None, embed=False)
    semantic.start_embedding()
    return len(entries)
