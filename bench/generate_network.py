"""A realistic synthetic network in PostgreSQL: 10,000 cities, 3 assessment cycles each.

    python bench/generate_network.py            # into postgres://postgres@127.0.0.1/wego_bench

The database is dropped and made anew. Cities spread over the six regions, 60 countries,
population bands and income groups; each has a latent maturity that rises a little every
cycle, and answers all 200 CeDS questions around it. About 60% publish their latest results and
20% more share them anonymously; peer scores are built for them. Rows go in with COPY.
Prints how long each part took; the target for the whole is under 10 minutes.
"""

import io
import json
import os
import random
import sys
import time

CITIES = int(os.environ.get("BENCH_CITIES", "10000"))
CYCLES = (2024, 2025, 2026)
DATABASE = os.environ.get("BENCH_DATABASE", "wego_bench")
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")

REGIONS = {
    "asia-pacific": [
        "KR",
        "JP",
        "CN",
        "IN",
        "ID",
        "VN",
        "PH",
        "TH",
        "MY",
        "MN",
        "NP",
        "BD",
        "LK",
        "PK",
        "KZ",
        "UZ",
        "AU",
        "FJ",
    ],
    "europe": ["ES", "FR", "DE", "NL", "FI", "RO", "RU", "TR", "BY", "AZ", "IT", "PL"],
    "africa": ["KE", "ET", "TZ", "MZ", "SD", "SN", "TN", "ZW", "NG", "GH", "RW"],
    "middle-east": ["AE", "OM", "IQ", "PS", "JO", "SA"],
    "latin-america": ["MX", "BR", "PY", "VE", "CO", "PE", "CL", "AR"],
    "north-america": ["US", "CA"],
}
INCOME = {
    "high": {
        "KR",
        "JP",
        "AU",
        "ES",
        "FR",
        "DE",
        "NL",
        "FI",
        "RO",
        "RU",
        "IT",
        "PL",
        "AE",
        "OM",
        "SA",
        "US",
        "CA",
        "CL",
    },
    "low": {"ET", "MZ", "SD", "RW"},
}
REGION_WEIGHTS = [38, 16, 22, 8, 12, 4]


def recreate_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"


def income_of(country: str) -> str:
    for group, countries in INCOME.items():
        if country in countries:
            return group
    return "upper-middle" if hash(country) % 2 else "lower-middle"


def answer_for(question, framework, maturity, rng):
    from wego.diagnostic.domain.framework import QuestionType

    level = min(max(rng.gauss(maturity, 0.18), 0.0), 1.0)
    kind = question.type
    if kind == QuestionType.LEVEL:
        return round(level * 4)
    if kind == QuestionType.YES_NO:
        return rng.random() < level
    if kind == QuestionType.PERCENTAGE:
        return round(level * 100, 1)
    if kind == QuestionType.NUMBER:
        full = question.scoring.full_at if question.scoring else 10
        return round(level * full * 1.1, 2)
    if kind == QuestionType.CHOICE:
        choices = framework.choices_of(question)
        return choices[min(int(level * len(choices)), len(choices) - 1)].code
    return None  # text and evidence questions are left empty


def copy_rows(cursor, table, columns, rows):
    buffer = io.StringIO()
    for row in rows:
        buffer.write(
            "\t".join(
                "\\N"
                if v is None
                else str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
                for v in row
            )
        )
        buffer.write("\n")
    buffer.seek(0)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


def main():
    started = time.perf_counter()
    recreate_database()
    sys.path.insert(0, os.path.dirname(__file__))
    from common import setup_django

    setup_django(load_demo=False)
    from django.db import connection
    from django.utils import timezone

    from wego.diagnostic.domain.answers import AnswerValue
    from wego.diagnostic.domain.benchmarking import population_band
    from wego.diagnostic.domain.scoring import CityContext, score
    from wego.diagnostic.models import Assessment, FrameworkVersion
    from wego.members.models import Member

    print(f"database ready: {time.perf_counter() - started:.1f} s")
    rng = random.Random(2026)
    version = FrameworkVersion.objects.get(code="ceds")
    framework = version.framework
    questions = [q for _d, _i, q in framework.questions()]
    now = timezone.now()

    step = time.perf_counter()
    members = []
    for n in range(CITIES):
        region = rng.choices(list(REGIONS), REGION_WEIGHTS)[0]
        country = rng.choice(REGIONS[region])
        population = int(10 ** rng.uniform(4.3, 7.2))
        members.append(
            Member(
                name=f"Bench City {n:05d}",
                name_en=f"Bench City {n:05d}",
                slug=f"bench-{n:05d}",
                kind="city",
                country=country,
                region=region,
                population=population,
                income_group=income_of(country),
                membership_type="full",
                status="active",
            )
        )
    Member.objects.bulk_create(members, batch_size=2000)
    members = list(Member.objects.order_by("pk"))
    print(f"{len(members)} members: {time.perf_counter() - step:.1f} s")

    step = time.perf_counter()
    assessments, answers_by_key = [], {}
    for member in members:
        maturity = rng.betavariate(2.2, 2.6)
        sharing = rng.random()
        for index, year in enumerate(CYCLES):
            level = min(maturity + 0.05 * index, 1.0)
            answers = {}
            for question in questions:
                value = answer_for(question, framework, level, rng)
                if value is not None:
                    answers[question.code] = value
            result = score(
                framework,
                {c: AnswerValue(v) for c, v in answers.items()},
                CityContext(member.population, "city"),
            )
            latest = year == CYCLES[-1]
            assessments.append(
                Assessment(
                    member=member,
                    framework_version=version,
                    year=year,
                    status="validated",
                    is_public=latest and sharing < 0.6,
                    share_with_peers=latest and 0.6 <= sharing < 0.8,
                    population=member.population,
                    validated_at=now,
                    submitted_at=now,
                    overall_score=result.overall.value,
                    coverage=result.overall.coverage,
                    stage=result.stage.code if result.stage else "",
                    domain_scores={
                        c: {"score": s.value, "coverage": s.coverage}
                        for c, s in result.domains.items()
                    },
                    indicator_scores={
                        c: s.value for c, s in result.indicators.items() if s.value is not None
                    },
                )
            )
            answers_by_key[(member.pk, year)] = answers
    print(f"{len(assessments)} assessments answered and scored: {time.perf_counter() - step:.1f} s")

    step = time.perf_counter()
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    ids = {(a.member_id, a.year): a.pk for a in Assessment.objects.only("pk", "member_id", "year")}
    stamp = now.isoformat()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        rows = (
            (ids[key], code, json.dumps(value), "f", "", "", "", None, stamp)
            for key, answers in answers_by_key.items()
            for code, value in answers.items()
        )
        copy_rows(
            raw,
            "diagnostic_answer",
            [
                "assessment_id",
                "question_code",
                "value",
                "not_applicable",
                "comment",
                "evidence_url",
                "evidence_file",
                "updated_by_id",
                "updated_at",
            ],
            rows,
        )
    count = sum(len(a) for a in answers_by_key.values())
    print(f"{count} answers copied: {time.perf_counter() - step:.1f} s")

    step = time.perf_counter()
    by_member = {m.pk: m for m in members}
    peer_rows = []
    for a in Assessment.objects.filter(year=CYCLES[-1]).only(
        "pk",
        "member_id",
        "is_public",
        "share_with_peers",
        "overall_score",
        "domain_scores",
        "indicator_scores",
        "population",
    ):
        if not (a.is_public or a.share_with_peers):
            continue
        member = by_member[a.member_id]
        metrics = a.score_metrics()
        for metric, value in metrics.items():
            if value is not None:
                peer_rows.append(
                    (
                        version.pk,
                        member.pk,
                        a.pk,
                        CYCLES[-1],
                        metric,
                        value,
                        member.region,
                        member.country.code,
                        population_band(a.population),
                        member.income_group,
                        "t" if a.is_public else "f",
                    )
                )
    with connection.cursor() as cursor:
        copy_rows(
            cursor.cursor,
            "diagnostic_peerscore",
            [
                "framework_version_id",
                "member_id",
                "assessment_id",
                "year",
                "metric",
                "value",
                "region",
                "country",
                "population_band",
                "income_group",
                "published",
            ],
            peer_rows,
        )
        cursor.execute("ANALYZE")
    network_rows = []
    previous = dict(
        Assessment.objects.filter(year=CYCLES[-2]).values_list("member_id", "overall_score")
    )
    for a in Assessment.objects.filter(year=CYCLES[-1]).only(
        "pk", "member_id", "overall_score", "domain_scores", "indicator_scores"
    ):
        member = by_member[a.member_id]
        metrics = a.score_metrics()
        for metric, value in metrics.items():
            if value is not None:
                before = previous.get(member.pk) if metric == "overall" else None
                network_rows.append(
                    (version.pk, member.pk, a.pk, member.region, metric, value, before)
                )
    with connection.cursor() as cursor:
        copy_rows(
            cursor.cursor,
            "diagnostic_networkscore",
            [
                "framework_version_id",
                "member_id",
                "assessment_id",
                "region",
                "metric",
                "value",
                "previous",
            ],
            network_rows,
        )
        cursor.execute("ANALYZE")
    from wego.diagnostic.services.peers import rebuild_lists

    lists = rebuild_lists(version)
    print(
        f"{len(peer_rows)} peer scores, {lists} peer group lists: "
        f"{time.perf_counter() - step:.1f} s"
    )
    total = time.perf_counter() - started
    print(
        f"network of {CITIES} cities x {len(CYCLES)} cycles generated in {total:.0f} s "
        f"(target 600 s, ratio {total / 600:.2f})"
    )


if __name__ == "__main__":
    main()
