"""Server time of the platform's public pages over the demo network (83 members).

Runs on a throwaway database (a temporary SQLite file unless DATABASE_URL is set),
renders each page repeatedly through Django's test client, and prints median and
95th percentile with the ratio to the budget (ratio < 1 means within budget).
"""

import statistics
import time

from common import setup_django

ROUNDS = 60
BUDGET_MS = 100.0
PAGES = [
    "/",
    "/members/",
    "/members/?region=africa&kind=state",
    "/members/seoul/",
    "/about/",
    "/ar/members/",
    "/members/?format=xlsx",
]


def time_page(client, path) -> list[float]:
    client.get(path)  # warm caches and template loading
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def main():
    setup_django()
    from django.test import Client

    client = Client()
    print(f"{'page':42} {'median ms':>10} {'p95 ms':>8} {'ratio to ' + str(BUDGET_MS) + ' ms':>18}")
    worst = 0.0
    for path in PAGES:
        samples = sorted(time_page(client, path))
        median = statistics.median(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        ratio = median / BUDGET_MS
        worst = max(worst, ratio)
        print(f"{path:42} {median:10.1f} {p95:8.1f} {ratio:18.2f}")
    print(f"worst median ratio to budget: {worst:.2f} ({'within' if worst < 1 else 'over'} budget)")


if __name__ == "__main__":
    main()
