"""An event's participant list of 1,000 people under 200 ms.

    python bench/bench_participant_list.py     # SQLite; and PostgreSQL too if DATABASE_URL is set

Makes one published public event with 1,000 approved people who agreed to appear on the list,
in 100 delegations (members and partner organisations), plus 200 people who did not agree or
are not approved (they must not slow the page down), then renders the list page 20 times
through the Django test client. Prints the median against 200 ms; exits non-zero above.
"""

import os
import subprocess
import sys
from pathlib import Path

PEOPLE = 1_000
ROUNDS = 20
BUDGET_MS = 200.0
HERE = Path(__file__).resolve().parent


def build():
    from datetime import timedelta

    from django.utils import timezone

    from wego.events.models import Delegation, Event, Registration
    from wego.members.models import Member

    Event.objects.filter(slug="bench-assembly").delete()  # a database kept from a last run
    Member.objects.filter(slug__startswith="bench-city-").delete()
    starts = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        slug="bench-assembly",
        kind=Event.Kind.GENERAL_ASSEMBLY,
        title="Bench General Assembly",
        title_en="Bench General Assembly",
        published=True,
        starts_at=starts,
        ends_at=starts + timedelta(days=2),
    )
    members = [
        Member.objects.create(
            name=f"Bench City {n}", name_en=f"Bench City {n}", slug=f"bench-city-{n}", country="KR"
        )
        for n in range(80)
    ]
    delegations = [Delegation.objects.create(event=event, member=m) for m in members] + [
        Delegation.objects.create(event=event, organisation=f"Partner organisation {n}")
        for n in range(20)
    ]
    rows = []
    for n in range(PEOPLE + 200):
        status, listed = Registration.Status.APPROVED, True
        if n >= PEOPLE:
            status, listed = (Registration.Status.PENDING, True) if n % 2 else ("approved", False)
        rows.append(
            Registration(
                event=event,
                delegation=delegations[n % len(delegations)],
                full_name=f"Participant number {n}",
                email=f"participant{n}@bench.example",
                position="Director of digital government",
                role="head" if n < len(delegations) else "delegate",
                status=status,
                listed=listed,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    return event


def run_here() -> int:
    sys.path.insert(0, str(HERE))
    from common import measure, report, setup_django

    setup_django(load_demo=False)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    event = build()
    client = Client()
    url = reverse("events:participants", args=[event.slug])
    first = client.get(url)
    text = first.content.decode()
    assert first.status_code == 200, first.status_code
    assert text.count('class="participant-list__name"') == PEOPLE, "not every person listed"

    def page():
        client.get(url)

    samples = measure(page, ROUNDS)
    print(f"participant list of {PEOPLE} people: {len(first.content) / 1000:.0f} kB of HTML")
    ratio = report(f"participant list ({connection.vendor})", samples, BUDGET_MS)
    return 0 if ratio < 1 else 1


def main() -> int:
    if os.environ.get("BENCH_PARTICIPANTS_CHILD"):
        return run_here()
    databases = [None]  # a throwaway SQLite file
    if os.environ.get("DATABASE_URL"):
        databases.append(os.environ["DATABASE_URL"])
    failed = 0
    for database in databases:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["BENCH_PARTICIPANTS_CHILD"] = "1"
        if database:
            env["DATABASE_URL"] = database
        failed |= subprocess.run([sys.executable, __file__], env=env, check=False).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
