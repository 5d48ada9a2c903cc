"""Shared set-up for benchmarks: Django on a throwaway database, and timing helpers."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(load_demo: bool = True):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    if "DATABASE_URL" not in os.environ:
        handle, path = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("load_frameworks", verbosity=0)
    if load_demo:
        call_command("load_demo_data", "--if-empty", verbosity=0)


def measure(function, rounds: int, warmup: int = 1) -> list[float]:
    """Milliseconds per call, after warm-up calls that are not counted."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def report(name: str, samples: list[float], budget_ms: float) -> float:
    median = statistics.median(samples)
    p95 = samples[max(int(len(samples) * 0.95) - 1, 0)]
    ratio = median / budget_ms
    verdict = "within" if ratio < 1 else "OVER"
    print(
        f"{name:48} median {median:9.2f} ms  p95 {p95:9.2f} ms  "
        f"budget {budget_ms:7.1f} ms  ratio {ratio:5.2f} ({verdict})"
    )
    return ratio


def report_size(name: str, size: int, budget_bytes: int) -> float:
    """A page's weight against its budget, printed like the timings."""
    ratio = size / budget_bytes
    verdict = "within" if ratio < 1 else "OVER"
    print(
        f"{name:48} size {size / 1000:9.1f} kB  {'':18}"
        f"budget {budget_bytes / 1000:7.1f} kB ratio {ratio:5.2f} ({verdict})"
    )
    return ratio
