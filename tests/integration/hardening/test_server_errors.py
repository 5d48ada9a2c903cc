"""A server error leaves its traceback in the log with DEBUG off, and the error page gives the
user the request's id, the same one the log line carries, to quote."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.integration.hardening.failing_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def log_output(caplog_handler_records) -> str:
    formatter = logging.Formatter("%(levelname)s %(name)s [%(correlation_id)s] %(message)s")
    return "\n".join(formatter.format(record) for record in caplog_handler_records)


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_traceback_and_request_id(failing_site, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_site.get("/broken/")
    assert response.status_code == 500
    reference = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", reference)
    page = response.content.decode()
    assert "Something went wrong" in page
    assert reference in page and "quote this reference" in page
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert errors, "the error was not logged"
    record = errors[-1]
    assert record.exc_info and "the reporting database went away" in str(record.exc_info[1])
    assert record.correlation_id == reference
    text = log_output(errors)
    assert f"[{reference}]" in text and "Internal Server Error: /broken/" in text


FAIL_ONCE = """
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # no collectstatic
with override_settings(ROOT_URLCONF="tests.integration.hardening.failing_urls", STORAGES=plain):
    response = Client(raise_request_exception=False).get("/broken/")
print(response.status_code, response["X-Request-ID"])
"""


def test_with_debug_off_the_console_log_has_the_traceback_and_the_id(tmp_path):
    """As an operator sees it: a real process with DEBUG off, its console output read back."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wego.settings",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", FAIL_ONCE],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, reference = result.stdout.split()
    assert status == "500"
    log = result.stderr
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the reporting database went away" in log
    assert f"ERROR django.request [{reference}] Internal Server Error: /broken/" in log


@pytest.mark.django_db
def test_a_request_id_from_the_proxy_is_kept(client):
    given = "5f0c6f1c0d0b4a9e8a7f3c2b1a0e9d8c"
    response = client.get("/", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given


@pytest.mark.django_db
def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>\nINFO forged")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
