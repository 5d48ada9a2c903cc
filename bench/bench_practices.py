"""Search over 10,000 good practices in PostgreSQL: by keywords and by meaning.

    python bench/bench_practices.py     # into postgres://postgres@127.0.0.1/wego_bench_practices

Makes 10,000 practices by recombining the sentences of the 63 demo practices with other cities,
builds their embeddings as a background job run by `manage.py db_worker` (progress printed as
the job reports it), then times searches with the labelled test queries. Targets: median under
100 ms by keywords, under 150 ms by meaning (the query's embedding included).
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

PRACTICES = int(os.environ.get("BENCH_PRACTICES", "10000"))
DATABASE = os.environ.get("BENCH_PRACTICE_DATABASE", "wego_bench_practices")
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
ROOT = Path(__file__).resolve().parent.parent


def recreate_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"


def sentences(text: str) -> list[str]:
    return [s.strip() + "." for s in text.replace("\n", " ").split(". ") if s.strip()]


def generate(rng):
    import yaml

    from wego.members.models import Member
    from wego.practices.models import Practice, PracticeTag
    from wego.practices.services.demo_data import DEMO_FILE

    demo = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    members = list(Member.objects.all())
    rows, tags = [], []
    for number in range(PRACTICES):
        base, other = rng.choice(demo), rng.choice(demo)
        member = rng.choice(members)
        mix = sentences(base["summary"]) + rng.sample(sentences(other["summary"]), 1)
        rows.append(
            Practice(
                slug=f"bench-{number}",
                title=f"{base['title']} ({member.name} {number})",
                member=member,
                city=member.name,
                country=member.country.code,
                category=base["category"],
                summary=" ".join(mix),
                problem=base["problem"],
                solution=" ".join(
                    sentences(base["solution"])[:4] + sentences(other["solution"])[:1]
                ),
                results=base["results"],
                lessons=base.get("lessons", ""),
                technologies=base.get("technologies", []),
                cost_range=base["cost_range"],
                months_to_implement=base["months_to_implement"],
                indicators=base.get("indicators", []),
                sdg_targets=[str(t) for t in base.get("sdg_targets", [])],
                status=Practice.Status.PUBLISHED,
                is_demo=True,
            )
        )
    Practice.objects.bulk_create(rows, batch_size=1000)
    for practice in Practice.objects.only("pk", "technologies", "indicators"):
        tags += [
            PracticeTag(practice=practice, kind="technology", value=v)
            for v in practice.technologies
        ]
        tags += [
            PracticeTag(practice=practice, kind="indicator", value=v) for v in practice.indicators
        ]
    PracticeTag.objects.bulk_create(tags, batch_size=5000, ignore_conflicts=True)


def build_embeddings_in_background():
    """Queue the embedding job, let a real worker do it, and print its progress as it goes."""
    from django.test.utils import override_settings

    from wego.practices.services import semantic

    # override_settings (not plain assignment) so django-tasks drops its cached backend.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job = semantic.start_embedding()
    if job is None:
        sys.exit("No sentence model installed (pip install -e '.[semantic]').")
    worker = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
        ],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    start, last = time.perf_counter(), -1
    while worker.poll() is None:
        job.refresh_from_db()
        if job.done != last:
            print(
                f"  embeddings: {job.done:6d} / {job.total} ({job.percent}%), "
                f"{job.get_status_display()}"
            )
            last = job.done
        time.sleep(2)
    job.refresh_from_db()
    took = time.perf_counter() - start
    print(f"  embeddings: {job.done} / {job.total}, {job.get_status_display()}, {took:.0f} s")
    return job


def main():
    sys.path.insert(0, os.path.dirname(__file__))
    recreate_database()
    from common import measure, report, setup_django

    started = time.perf_counter()
    setup_django(load_demo=False)
    from django.core.management import call_command
    from django.test.utils import override_settings

    # The 63 demo practices are embedded at once; the 10,000 below by the background worker.
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        call_command("load_demo_data", "--no-users", verbosity=0)
    rng = random.Random(11)
    import yaml

    from wego.practices.models import Practice
    from wego.practices.services import keyword
    from wego.practices.services.search import KEYWORD, MEANING, Filters, search

    generate(rng)
    keyword.reindex_all()
    total = Practice.objects.count()
    print(f"{total} practices generated and indexed in {time.perf_counter() - started:.0f} s")
    build_embeddings_in_background()

    queries = [
        q["query"]
        for q in yaml.safe_load((ROOT / "tests" / "data" / "practice_queries.yaml").read_text())
    ]
    cycle = iter(queries * 10)
    worst = report(
        "keyword search, 10,000 practices",
        measure(lambda: search(next(cycle), Filters(), KEYWORD), 60, 3),
        100.0,
    )
    cycle = iter(queries * 10)
    worst = max(
        worst,
        report(
            "semantic search (query embedding included)",
            measure(lambda: search(next(cycle), Filters(), MEANING), 60, 3),
            150.0,
        ),
    )
    cycle = iter(queries * 10)
    filtered = Filters(category="services")
    report(
        "semantic search within a category",
        measure(lambda: search(next(cycle), filtered, MEANING), 40, 2),
        150.0,
    )
    verdict = "all within target" if worst < 1 else "OVER target"
    print(f"worst ratio to target: {worst:.2f} ({verdict})")


if __name__ == "__main__":
    main()
