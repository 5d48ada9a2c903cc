"""CeDS "Solution" at network scale, on the synthetic network of generate_network.py.

Targets (10,000 cities in PostgreSQL): a city's benchmark page median under 200 ms and p95
under 400 ms; the network dashboard under 1 s; publishing an assessment updates the peer
statistics in under 200 ms; the roadmap for one city under 100 ms.

    python bench/generate_network.py && python bench/bench_network.py
"""

import os
import random
import sys

DATABASE = os.environ.get("BENCH_DATABASE", "wego_bench")
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")


def main():
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    sys.path.insert(0, os.path.dirname(__file__))
    from common import measure, report, setup_django

    try:
        setup_django(load_demo=False)
    except Exception as error:  # no such database: say what to run first
        sys.exit(f"No benchmark network ({error}). Run bench/generate_network.py first.")
    from django.test import Client

    from wego.accounts.models import Role, RoleAssignment, User
    from wego.diagnostic.interfaces.roadmap import roadmap_steps
    from wego.diagnostic.models import Assessment, PeerGroup
    from wego.diagnostic.services import assessments as lifecycle

    latest = Assessment.objects.filter(year=2026).select_related("member", "framework_version")
    cities = latest.count()
    if cities == 0:
        sys.exit("The benchmark network is empty. Run bench/generate_network.py first.")
    print(
        f"network: {cities} cities with a 2026 assessment, "
        f"{latest.filter(is_public=True).count()} published"
    )
    staff, _ = User.objects.get_or_create(
        email="bench@example.org", defaults={"full_name": "Bench"}
    )
    RoleAssignment.objects.get_or_create(user=staff, role=Role.SECRETARIAT)
    client = Client()
    client.force_login(staff)
    rng = random.Random(5)
    sample = list(latest.order_by("?")[:40])

    worst = 0.0
    urls = iter([f"/diagnostic/assessments/{a.pk}/peers/" for a in sample] * 2)
    worst = max(
        worst,
        report(
            "benchmark page of a city (5 peer groups)",
            measure(lambda: client.get(next(urls)), 60, 2),
            200.0,
        ),
    )
    urls_p95 = [f"/diagnostic/assessments/{a.pk}/peers/" for a in sample]
    samples = measure(lambda: client.get(rng.choice(urls_p95)), 40, 1)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{'benchmark page p95':48} {p95:9.2f} ms  target 400 ms  ratio {p95 / 400:5.2f}")
    worst = max(worst, p95 / 400)

    # Not named by the issue: held to the same 200 ms as the benchmark page.
    indicator_urls = iter(
        [f"/diagnostic/assessments/{a.pk}/peers/?domain=EL&group=region" for a in sample] * 2
    )
    worst = max(
        worst,
        report(
            "indicator comparison (one domain, region group)",
            measure(lambda: client.get(next(indicator_urls)), 40, 2),
            200.0,
        ),
    )
    published_members = list(latest.filter(is_public=True).values_list("member_id", flat=True)[:30])
    for assessment in sample[:10]:
        group, _ = PeerGroup.objects.get_or_create(owner=assessment.member, name="Bench peers")
        group.members.set(published_members)
    custom_urls = iter([f"/diagnostic/assessments/{a.pk}/peers/" for a in sample[:10]] * 4)
    worst = max(
        worst,
        report(
            "benchmark page with a custom group of 30 cities",
            measure(lambda: client.get(next(custom_urls)), 30, 2),
            200.0,
        ),
    )
    PeerGroup.objects.filter(name="Bench peers").delete()

    worst = max(
        worst,
        report(
            "network dashboard (secretariat, all cities)",
            measure(lambda: client.get("/diagnostic/network/"), 5, 1),
            1000.0,
        ),
    )

    private = list(latest.filter(is_public=False, share_with_peers=False)[:20])

    def publish_and_withdraw():
        target = private.pop()
        lifecycle.set_published(target, staff, True)

    worst = max(
        worst,
        report(
            "publish one assessment (peer statistics updated)",
            measure(publish_and_withdraw, 15, 1),
            200.0,
        ),
    )

    roadmaps = iter(sample * 3)
    worst = max(
        worst,
        report(
            "roadmap for one city",
            measure(lambda: roadmap_steps(next(roadmaps), "en"), 60, 2),
            100.0,
        ),
    )
    verdict = "all within target" if worst < 1 else "OVER target"
    print(f"worst ratio to target: {worst:.2f} ({verdict})")


if __name__ == "__main__":
    main()
