"""500 delegates vote within one minute against a real multi-process app server on PostgreSQL:
none lost, none counted twice, p95 under 500 ms.

    python bench/bench_voting.py        # postgres://postgres@127.0.0.1:5432/wego_bench_voting
    python bench/bench_voting.py --setup-only   # build, start and stop the server, vote nothing

The database is dropped and made anew, migrated, and holds 500 full member cities, one General
Assembly, each city's accredited delegate (an approved registered person with an account) and
an election of the four default offices (1, 1, 6 and 14 seats), the host city and three
resolutions, with 30 candidacies, opened through the service. Each delegate gets a signed-in
session made directly (the bench measures voting, not signing in: no password hasher runs).

gunicorn then serves the platform as in production (DEBUG off, collected static files, no
access log; gunicorn never logs bodies; the shared cache in Redis, database 14 of
127.0.0.1:6379 or BENCH_CACHE_URL, emptied first) and 500 clients arrive at random over 50 s
(a Poisson process: uniform arrival times), each GETs the ballot page (CSRF cookie and token)
and POSTs a random valid ballot; 25 of them double-click (two POSTs at once, on two
connections, so two workers may race). Then every delegate tries to vote again, 16 at a time.
Checked: 500 receipts, as many ballots and voter records, one per city; every twin and every
second vote refused (400); after closing and publishing, every receipt finds its ballot, as
cast, once in the published list, and the list recounts to its result. Printed: latency of
the ballot page, the vote and both (median, p95, max), and the wall time of the 500 votes;
the budget is a p95 under 500 ms for each page a delegate waits for (the ballot, then the
receipt) and 60 s for the whole, and the exit status is 1 when a check fails or a figure is
over. The second votes' latency is printed without a budget: sent back to back, it measures
the line they wait in. Beside them, the CPU the server's workers and PostgreSQL spent per
request, and the machine's load: on a machine shared with other work, the latencies say how
long delegates waited, the CPU how much work a vote is.
The database is left for inspection (the next run drops it).

The receipts stay in this process's memory, for the checks: nothing prints or writes them.
"""

import html
import http.client
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATABASE = os.environ.get("BENCH_VOTING_DATABASE", "wego_bench_voting")
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
# The cache the app servers share in production (README: CACHE_URL); the bench's own database
# number, emptied before the run. Without a Redis server there, each worker caches in process.
CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")

CITIES = 500
ARRIVALS_S = 50.0  # delegates arrive over this many seconds
WALL_BUDGET_S = 60.0
P95_BUDGET_MS = 500.0
DOUBLE_CLICKS = 25
# Then every delegate tries again, this many at once and back to back: a check of refusals
# under load, whose latency is mostly waiting in line (the budget is for arrivals, above).
AGAIN_AT_ONCE = 16
# A client gives up after this long (a browser waits minutes): a vote taken after its client
# left is counted, but its receipt is never seen; the checks tell the two apart.
TIMEOUT_S = 60.0
RESOLUTIONS = ("regulations", "budget", "new_members")
# Candidacies per office (30): contested everywhere, 15 for the 14 seats of the Committee.
CANDIDATES = {
    "president": 3,
    "executive_vice_president": 2,
    "vice_presidents": 8,
    "executive_committee": 15,
    "host_city": 2,
}
# gunicorn on 2 cores: 3 worker processes (one more than the cores, so both stay busy while a
# worker waits on PostgreSQL; each is a separate interpreter, so the GIL does not serialise
# them) of 4 threads each (gthread: while one thread waits on the database another runs, and a
# burst of Poisson arrivals is taken in instead of waiting for a free process). Five sync
# workers (gunicorn's 2 x cores + 1: BENCH_WORKERS=5 BENCH_THREADS=1) spent more CPU per
# request here (130 ms against 114) and took longer (84 s against 76).
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WORKER_CLASS = "gthread" if THREADS > 1 else "sync"  # BENCH_THREADS=1: sync workers

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
RECEIPT = re.compile(r'id="receipt-code"[^>]*>(.*?)<', re.S)


# --- the database -----------------------------------------------------------------------------


def recreate_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def build(rng):
    """The cities, the Assembly, the delegates and the open election; returns what the clients
    need: the election and one Delegate per city."""
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from wego.accounts.models import Role, RoleAssignment, User
    from wego.core.regions import Region
    from wego.events.domain.elections import DEFAULT_OFFICES
    from wego.events.models import (
        Accreditation,
        Candidacy,
        Delegation,
        Election,
        Event,
        Office,
        Registration,
        Resolution,
    )
    from wego.events.services import elections as service
    from wego.members.models import Member

    regions = [value for value, _label in Region.choices]
    cities = Member.objects.bulk_create(
        Member(
            name=f"Bench City {n:03}",
            name_en=f"Bench City {n:03}",
            slug=f"bench-city-{n:03}",
            country=rng.choice(["KR", "KE", "ES", "MX", "AE", "CA", "MN", "PS"]),
            region=rng.choice(regions),
            membership_type=Member.MembershipType.FULL,
            status=Member.Status.ACTIVE,
        )
        for n in range(CITIES)
    )
    starts = timezone.now().replace(microsecond=0) - timedelta(hours=2)  # the Assembly is on
    event = Event.objects.create(
        slug="bench-general-assembly",
        kind=Event.Kind.GENERAL_ASSEMBLY,
        title="Bench General Assembly",
        title_en="Bench General Assembly",
        audience=Event.Audience.PUBLIC,
        published=True,
        starts_at=starts,
        ends_at=starts + timedelta(days=2),
        time_zone="Asia/Seoul",
        venue="Bench Convention Centre",
        city="Seoul",
        country="KR",
    )
    unusable = make_password(None)  # no password: sessions are made directly
    users = User.objects.bulk_create(
        User(email=f"delegate{n:03}@bench.example", full_name=f"Delegate {n:03}", password=unusable)
        for n in range(CITIES)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.CITY_USER, member=city)
        for user, city in zip(users, cities, strict=True)
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(event=event, member=city) for city in cities
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            delegation=delegation,
            user=user,
            full_name=user.full_name,
            email=user.email,
            position="Director of digital government",
            role=Registration.Role.HEAD,
            status=Registration.Status.APPROVED,
        )
        for delegation, user in zip(delegations, users, strict=True)
    )
    Accreditation.objects.bulk_create(
        Accreditation(event=event, member=city, registration=registration)
        for city, registration in zip(cities, registrations, strict=True)
    )

    election = Election.objects.create(
        event=event, title="Elections of the Bench Assembly", title_en="Elections of the Bench"
    )
    standing = iter(rng.sample(cities, sum(CANDIDATES.values())))
    offices = {}
    for order, (key, count) in enumerate(CANDIDATES.items()):
        seats = dict(DEFAULT_OFFICES).get(key, 1)  # the host city: one seat
        title = key.replace("_", " ").capitalize()
        office = Office.objects.create(
            election=election, key=key, title=title, title_en=title, seats=seats, order=order
        )
        members = [next(standing) for _ in range(count)]
        Candidacy.objects.bulk_create(
            Candidacy(office=office, member=m, statement=f"{m.name} stands.") for m in members
        )
        offices[key] = (seats, [m.pk for m in members])
    for order, key in enumerate(RESOLUTIONS):
        title = key.replace("_", " ").capitalize()
        Resolution.objects.create(
            election=election, key=key, title=title, title_en=title, order=order
        )
    service.close_candidacies(election)
    service.open_voting(election)
    sessions = signed_in_sessions(users)
    delegates = [
        Delegate(city.pk, session, random_ballot(rng, offices), rng.random())
        for city, session in zip(cities, sessions, strict=True)
    ]
    return election, delegates


def signed_in_sessions(users) -> list[str]:
    """A database session per user holding what django.contrib.auth.login would put there."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    backend = "wego.accounts.backends.AccountBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def random_ballot(rng, offices) -> list[tuple[str, str]]:
    """The form fields of a valid ballot: most delegates fill every seat, some leave some blank."""
    fields = []
    for key, (seats, candidates) in offices.items():
        marked = min(rng.choice([seats] * 4 + [0, seats // 2]), len(candidates))
        fields += [(f"office-{key}", str(pk)) for pk in rng.sample(candidates, marked)]
    fields += [
        (f"resolution-{key}", rng.choice(["yes"] * 6 + ["no"] * 3 + ["abstain"]))
        for key in RESOLUTIONS
    ]
    return fields


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shared_cache() -> str:
    """CACHE, emptied, when a Redis server answers there; else "" (the in-process cache)."""
    import redis

    try:
        client = redis.Redis.from_url(CACHE, socket_connect_timeout=2)
        client.flushdb()
        client.close()
        return CACHE
    except redis.RedisError:
        return ""


def server_environment(static_root: str, cache_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        CACHE_URL=cache_url,
        DATABASE_URL=os.environ["DATABASE_URL"],
        SECRET_KEY=os.environ["SECRET_KEY"],
        STATIC_ROOT=static_root,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "wego.settings"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
    )
    return env


def start_server(port: int, env: dict, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "wego.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        f"--worker-class={WORKER_CLASS}",
        f"--threads={THREADS}",
        "--log-level=warning",  # no access log: none is asked for, and gunicorn's is off
        "--graceful-timeout=10",
    ]
    # gunicorn's own messages and the platform's log (server errors, refused votes) to a file.
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )


def wait_until_it_answers(port: int, server: subprocess.Popen, seconds: float = 60.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}) before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            connection.close()
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {seconds:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: the master and its workers
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


class CpuMeter:
    """CPU seconds used by the server's workers, the PostgreSQL backends of the bench database
    and this client, read from /proc (Linux) once a second, so that a backend which closes
    (connections last DATABASE_CONN_MAX_AGE) is counted up to its last second. On a machine
    shared with other work, latency says how long a delegate waited; this says how much work
    a vote is."""

    def __init__(self, server: subprocess.Popen):
        import psycopg

        self.master = server.pid
        self.database = psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True)
        self.seen: dict[str, dict[int, float]] = {"app": {}, "database": {}}
        self.start = self.snapshot()
        self.client_start = sum(os.times()[:2])
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    @staticmethod
    def cpu(pid: int) -> float | None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def pids(self) -> dict[str, list[int]]:
        children = Path(f"/proc/{self.master}/task/{self.master}/children")
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        backends = self.database.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
        return {"app": workers, "database": [pid for (pid,) in backends]}

    def snapshot(self) -> dict[str, dict[int, float]]:
        now = {}
        for group, pids in self.pids().items():
            now[group] = {pid: cpu for pid in pids if (cpu := self.cpu(pid)) is not None}
            self.seen[group].update(now[group])
        return now

    def watch(self):
        while not self.stopping.wait(1.0):
            self.snapshot()

    def stop(self) -> dict[str, float]:
        """CPU seconds per group since the meter started."""
        self.stopping.set()
        self.thread.join()
        self.snapshot()
        self.database.close()
        used = {
            group: sum(cpu - self.start[group].get(pid, 0.0) for pid, cpu in seen.items())
            for group, seen in self.seen.items()
        }
        used["client"] = sum(os.times()[:2]) - self.client_start
        return used


# --- the clients ------------------------------------------------------------------------------


@dataclass
class Delegate:
    city: int
    session: str
    ballot: list[tuple[str, str]]
    arrives: float  # 0..1 of the arrival window
    cookies: dict = field(default_factory=dict)
    token: str = ""
    receipt: str = ""
    get_ms: float = 0.0
    post_ms: float = 0.0
    started: float = 0.0
    finished: float = 0.0
    failures: list = field(default_factory=list)


@dataclass
class Response:
    status: int
    body: str
    cookies: dict
    cache_control: str
    ms: float


class Client:
    """One delegate's browser: their cookies, a new connection per request (nothing to retry:
    a request is sent once)."""

    def __init__(self, port: int, cookie_names: tuple[str, str]):
        self.port = port
        self.session_cookie, self.csrf_cookie = cookie_names
        self.sent = Counter()  # requests sent, by method (Counter's += is not atomic: a lock)
        self.lock = threading.Lock()

    def request(self, delegate: Delegate, method: str, path: str, form=None) -> Response:
        cookies = {self.session_cookie: delegate.session, **delegate.cookies}
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with self.lock:
            self.sent[method] += 1
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_S)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
        finally:
            connection.close()
        ms = (time.perf_counter() - start) * 1000
        set_cookies = {}
        for line in answer.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = line.partition("=")
            set_cookies[name.strip()] = rest.split(";", 1)[0]
        return Response(
            answer.status, text, set_cookies, answer.headers.get("Cache-Control", ""), ms
        )

    def open_ballot(self, delegate: Delegate, path: str) -> bool:
        page = self.request(delegate, "GET", path)
        delegate.get_ms = page.ms
        delegate.cookies.update({k: v for k, v in page.cookies.items() if k == self.csrf_cookie})
        token = CSRF_INPUT.search(page.body)
        if page.status != 200 or not token or self.csrf_cookie not in delegate.cookies:
            delegate.failures.append(f"ballot page: {page.status}, token {bool(token)}")
            return False
        delegate.token = html.unescape(token.group(1))
        return True

    def post_ballot(self, delegate: Delegate, path: str) -> Response:
        form = [("csrfmiddlewaretoken", delegate.token), ("city", str(delegate.city))]
        return self.request(delegate, "POST", path, form + delegate.ballot)


def receipt_in(response: Response) -> str:
    found = RECEIPT.search(response.body) if response.status == 200 else None
    return html.unescape(found.group(1)).strip() if found else ""


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    twins_refused: int = 0
    twins_both_taken: int = 0
    without_no_store: int = 0
    refused_ms: list = field(default_factory=list)
    second_refused: int = 0
    second_taken: int = 0
    again_s: float = 0.0  # how long the second votes took, all of them


def vote(client: Client, delegate: Delegate, path: str, double_click: bool, tally: Tally):
    delegate.started = time.perf_counter()
    if not client.open_ballot(delegate, path):
        delegate.finished = time.perf_counter()
        return
    if double_click:
        twins = [None, None]
        barrier = threading.Barrier(2)

        def send(i):
            barrier.wait()
            try:
                twins[i] = client.post_ballot(delegate, path)
            except (OSError, http.client.HTTPException) as error:
                delegate.failures.append(f"double click: {type(error).__name__}")

        threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        twins = [t for t in twins if t is not None]
        taken = [t for t in twins if receipt_in(t)]
        refused = [t for t in twins if t.status == 400 and not receipt_in(t)]
        with tally.lock:
            tally.twins_refused += len(refused)
            tally.twins_both_taken += len(taken) == 2
        if not twins:
            delegate.finished = time.perf_counter()
            return
        answer = taken[0] if taken else twins[0]
    else:
        answer = client.post_ballot(delegate, path)
    delegate.finished = time.perf_counter()
    delegate.post_ms = answer.ms
    delegate.receipt = receipt_in(answer)
    if not delegate.receipt:
        delegate.failures.append(f"vote: {answer.status} without a receipt")
    if "no-store" not in answer.cache_control:
        with tally.lock:
            tally.without_no_store += 1


def vote_again(client: Client, delegate: Delegate, path: str, tally: Tally):
    again = client.post_ballot(delegate, path)
    with tally.lock:
        tally.refused_ms.append(again.ms)
        if again.status == 400 and not receipt_in(again):
            tally.second_refused += 1
        elif receipt_in(again):
            tally.second_taken += 1


def run_clients(server, port, path, delegates, rng, cookie_names) -> tuple[float, Tally, dict]:
    client = Client(port, cookie_names)
    tally = Tally()
    double_clickers = {id(d) for d in rng.sample(delegates, DOUBLE_CLICKS)}
    # Warm-up: each worker loads its templates and catalogues once; a server at an Assembly
    # has been serving pages for hours. Ballot pages only (they change nothing), spread over
    # the workers by asking several at once; their cookies are forgotten.
    warm = [Delegate(d.city, d.session, [], 0) for d in delegates[: WORKERS * THREADS * 2]]
    with ThreadPoolExecutor(WORKERS * THREADS) as pool:
        list(pool.map(lambda d: client.open_ballot(d, path), warm))

    def arrive(delegate):
        time.sleep(max(0.0, begin + delegate.arrives * ARRIVALS_S - time.perf_counter()))
        try:
            vote(client, delegate, path, id(delegate) in double_clickers, tally)
        except (OSError, http.client.HTTPException) as error:  # a timeout, a dropped connection
            delegate.failures.append(f"vote: {type(error).__name__}")
            delegate.finished = time.perf_counter()

    def again(delegate):
        try:
            vote_again(client, delegate, path, tally)
        except (OSError, http.client.HTTPException) as error:
            delegate.failures.append(f"second vote: {type(error).__name__}")

    meter = CpuMeter(server)
    client.sent.clear()
    begin = time.perf_counter()
    with ThreadPoolExecutor(len(delegates)) as pool:
        list(pool.map(arrive, delegates))
    cpu = meter.stop()
    cpu["requests"] = client.sent.total()
    first = min(d.started for d in delegates)
    wall = max(d.finished for d in delegates) - first
    started = time.perf_counter()
    with ThreadPoolExecutor(AGAIN_AT_ONCE) as pool:
        list(pool.map(again, delegates))
    tally.again_s = time.perf_counter() - started
    return wall, tally, cpu


# --- the figures ------------------------------------------------------------------------------


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def report_latency(name, samples, budget_ms=P95_BUDGET_MS, beside="") -> float:
    """Median, p95 and max in the shape of common.report; the ratio is the p95's (none for a
    figure without a budget: `beside` then says what it is)."""
    median, p95, worst = percentile(samples, 0.5), percentile(samples, 0.95), max(samples)
    figures = f"{name:48} median {median:9.2f} ms  p95 {p95:9.2f} ms  max {worst:9.2f} ms  "
    if budget_ms is None:
        print(figures + beside)
        return 0.0
    ratio = p95 / budget_ms
    verdict = "within" if ratio < 1 else "OVER"
    print(figures + f"p95 budget {budget_ms:5.0f} ms  ratio {ratio:5.2f} ({verdict})")
    return ratio


def report_cpu(cpu: dict, loads: tuple[float, float]) -> None:
    """The work of a request, and what 500 votes in 50 s (a GET and a POST each) ask of the
    machine's cores."""
    requests = max(cpu["requests"], 1)
    app, database = (cpu[group] * 1000 / requests for group in ("app", "database"))
    cores = (app + database) * 2 * CITIES / ARRIVALS_S / 1000
    print(
        f"{'CPU of the votes (' + str(cpu['requests']) + ' requests)':48} app {cpu['app']:6.1f} s  "
        f"PostgreSQL {cpu['database']:5.1f} s  client {cpu['client']:5.1f} s"
    )
    print(
        f"{'CPU per request':48} app {app:6.1f} ms  PostgreSQL {database:5.1f} ms: "
        f"{cores:4.2f} of {os.cpu_count()} cores for {CITIES / ARRIVALS_S:.0f} votes/s"
    )
    print(
        f"{'load average (1 min) before and after':48} {loads[0]:5.2f} and {loads[1]:5.2f} "
        f"on {os.cpu_count()} cores (other work on the machine shows here)"
    )


def check(failures, ok, what):
    print(f"{'check: ' + what:72} {'ok' if ok else 'FAILED'}")
    if not ok:
        failures.append(what)


def check_database(election, delegates, failures, successes):
    from django.db.models import Count

    from wego.events.models import Ballot, VoterRecord

    ballots = Ballot.objects.filter(election=election).count()
    records = VoterRecord.objects.filter(election=election)
    twice = records.values("member").annotate(n=Count("pk")).filter(n__gt=1).count()
    voted = set(records.values_list("member_id", flat=True))
    print(f"ballots {ballots}, voter records {records.count()}, receipts {successes}")
    check(failures, ballots == records.count(), "none lost nor half-written: ballots = records")
    check(failures, twice == 0, "none counted twice: no city has two voter records")
    check(
        failures,
        records.count() == successes == CITIES,
        f"every delegate's vote taken, with its receipt: records = receipts = {CITIES}",
    )
    check(failures, voted == {d.city for d in delegates}, "every city is marked as having voted")


def check_published(election, delegates, failures):
    from wego.events.domain import elections_publish as publish
    from wego.events.services import elections as service

    start = time.perf_counter()
    service.close_voting(election)
    service.count_and_publish(election)
    took = time.perf_counter() - start
    print(f"{'close, seal (VACUUM FULL), count and publish':48} {took * 1000:9.2f} ms")
    document = service.published_document(election)
    digests = Counter(b["receipt_digest"] for b in document["ballots"])
    found = as_cast = 0
    for delegate in delegates:
        ballot = publish.find_ballot(document, delegate.receipt)
        if ballot and digests[ballot["receipt_digest"]] == 1:
            found += 1
            as_cast += ballot_matches(ballot, delegate.ballot)
    receipts = sum(1 for d in delegates if d.receipt)
    check(failures, found == receipts, f"every receipt is listed once ({found} of {receipts})")
    check(failures, as_cast == found, f"every receipt's ballot is as cast ({as_cast})")
    check(failures, len(document["ballots"]) == CITIES, "the list holds 500 ballots")
    check(failures, publish.check_published(document) == [], "the list recounts to its result")


def ballot_matches(published: dict, form: list[tuple[str, str]]) -> bool:
    offices, answers = {}, {}
    for name, value in form:
        kind, _dash, key = name.partition("-")
        if kind == "office":
            offices.setdefault(key, set()).add(int(value))
        else:
            answers[key] = value
    marked = {key: set(ids) for key, ids in published["offices"].items() if ids}
    given = {key: answer for key, answer in published["resolutions"].items() if answer}
    return marked == offices and given == answers


def main() -> int:
    rng = random.Random(2026)
    recreate_database()
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # this process and the server agree
    sys.path.insert(0, str(HERE))
    from common import setup_django

    started = time.perf_counter()
    setup_django(load_demo=False)
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    election, delegates = build(rng)
    print(
        f"database {DATABASE}: {CITIES} cities, delegates and sessions, an open election "
        f"of {sum(CANDIDATES.values())} candidacies, built in {time.perf_counter() - started:.1f} s"
    )
    try:
        path = reverse("events:election_vote", args=[election.event.slug, election.pk])
    except NoReverseMatch:
        if "--setup-only" not in sys.argv:
            raise SystemExit("No vote page (events:election_vote) to measure yet.") from None
    cookie_names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)

    with tempfile.TemporaryDirectory(prefix="bench-voting-") as folder:
        cache_url = shared_cache()
        env = server_environment(str(Path(folder) / "static"), cache_url)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        # The server's log outlives the run, to read after it (it holds no choice, no receipt).
        port, log_path = free_port(), Path(tempfile.gettempdir()) / "bench-voting-server.log"
        log_path.unlink(missing_ok=True)
        server = start_server(port, env, log_path)
        try:
            ready = wait_until_it_answers(port, server)
            print(
                f"gunicorn {WORKERS} workers x {THREADS} threads ({WORKER_CLASS}) on "
                f"127.0.0.1:{port}, DEBUG off, answering after {ready:.1f} s; session cookie "
                f"{cookie_names[0]!r}, CSRF cookie {cookie_names[1]!r}; {os.cpu_count()} cores; "
                f"cache {cache_url or 'in each process (no Redis at ' + CACHE + ')'}"
            )
            home = Client(port, cookie_names).request(delegates[0], "GET", "/")
            signed_in = home.status == 200 and 'class="account-link"' in home.body
            print(f"a delegate's session signs them in: {signed_in}")
            if "--setup-only" in sys.argv or not signed_in:
                return 0 if signed_in else 1
            load_before = os.getloadavg()[0]
            wall, tally, cpu = run_clients(server, port, path, delegates, rng, cookie_names)
            load_after = os.getloadavg()[0]
        finally:
            stop_server(server)
        log = log_path.read_text(errors="replace").splitlines()
    server_errors = sum(" ERROR " in line or "[ERROR]" in line for line in log)
    refusals_logged = sum("Election step refused" in line for line in log)
    print(
        f"server log: {len(log)} lines, {refusals_logged} refusals, {server_errors} errors "
        f"({log_path})"
    )

    failures = []
    problems = Counter(p for d in delegates for p in d.failures)
    for problem, times in problems.most_common(5):
        print(f"  {times} delegates: {problem}")
    successes = sum(1 for d in delegates if d.receipt)
    print(f"{CITIES} delegates over {ARRIVALS_S:.0f} s, {DOUBLE_CLICKS} of them double-clicking")
    gets = [d.get_ms for d in delegates if d.get_ms]
    posts = [d.post_ms for d in delegates if d.receipt]
    ratios = [
        report_latency("ballot page (GET)", gets),
        report_latency("vote (POST, until the receipt)", posts),
    ]
    report_latency(
        "whole vote (GET + POST)", [d.get_ms + d.post_ms for d in delegates if d.receipt]
    )
    report_latency(
        "second votes (POST, refused)",
        tally.refused_ms,
        budget_ms=None,
        beside=f"{AGAIN_AT_ONCE} at a time back to back, not arrivals: "
        f"{len(tally.refused_ms) / tally.again_s:.0f} refusals/s",
    )
    wall_ratio = wall / WALL_BUDGET_S
    print(
        f"{'wall time of the 500 votes':48} {wall:9.2f} s   budget {WALL_BUDGET_S:5.0f} s  "
        f"ratio {wall_ratio:5.2f} ({'within' if wall_ratio <= 1 else 'OVER'})"
    )

    report_cpu(cpu, (load_before, load_after))
    check(failures, not any(d.failures for d in delegates), "every delegate got a receipt")
    check(failures, len(set(d.receipt for d in delegates)) == CITIES, "500 distinct receipts")
    check(failures, tally.twins_both_taken == 0, "no double click was taken twice")
    check(
        failures,
        tally.twins_refused == DOUBLE_CLICKS,
        f"each double click's twin refused ({tally.twins_refused} of {DOUBLE_CLICKS})",
    )
    check(failures, tally.second_taken == 0, f"no second vote taken ({tally.second_taken})")
    check(
        failures,
        tally.second_refused == CITIES,
        f"every second vote refused with 400 ({tally.second_refused} of {CITIES})",
    )
    check(failures, tally.without_no_store == 0, "every vote answered Cache-Control: no-store")
    check(failures, server_errors == 0, f"no server error logged ({server_errors})")
    check_database(election, delegates, failures, successes)
    check_published(election, delegates, failures)
    print(f"database {DATABASE} left for inspection (dropped and made anew by the next run)")

    over = [r for r in ratios if r >= 1] + ([wall_ratio] if wall_ratio > 1 else [])
    if failures or over:
        print(f"FAILED: {len(failures)} checks, {len(over)} figures over budget")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
