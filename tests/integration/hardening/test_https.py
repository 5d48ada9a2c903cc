"""Behind HTTPS (SECURE_COOKIES on) plain HTTP is redirected and browsers are told, by HSTS, to
come back over HTTPS only; the proxy in front says a request was HTTPS in X-Forwarded-Proto."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

VISIT = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
plain = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain):
    client = Client()
    http = client.get("/no-such-page/")
    https = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "http": [http.status_code, http.get("Location", ""), http.get("Strict-Transport-Security")],
    "https": [https.status_code, https.get("Strict-Transport-Security"),
              https.cookies.get("csrftoken") and https.cookies["csrftoken"]["secure"]],
}))
"""


def visit(tmp_path, **env) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wego.settings",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", VISIT],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_secure_cookies_bring_https_redirect_and_hsts(tmp_path):
    seen = visit(tmp_path, SECURE_COOKIES="true")
    status, location, hsts = seen["http"]
    assert status == 301 and location == "https://testserver/no-such-page/"
    status, hsts, _secure = seen["https"]
    assert status == 404  # a page that needs no database; every HTTPS answer carries HSTS
    assert hsts == "max-age=31536000"


def test_hsts_length_is_a_setting(tmp_path):
    seen = visit(tmp_path, SECURE_COOKIES="true", SECURE_HSTS_SECONDS="600")
    assert seen["https"][1] == "max-age=600"


def test_without_secure_cookies_plain_http_is_served_without_hsts(tmp_path):
    seen = visit(tmp_path, SECURE_COOKIES="false")
    status, _location, hsts = seen["http"]
    assert status == 404 and hsts is None  # served as asked, not redirected
