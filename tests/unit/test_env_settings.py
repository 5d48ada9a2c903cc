"""Malformed environment settings stop start-up with one line naming the setting."""

import os
import subprocess
import sys

import pytest

from wego.env import SettingError, env_bool, env_int, env_list

CHECK = [sys.executable, "-c", "import django; django.setup(); print('started')"]


def start_with(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "wego.settings", **env}
    return subprocess.run(CHECK, env=environment, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("DEBUG", "maybe", "must be true or false"),
        ("EMAIL_PORT", "twenty-five", "must be a whole number"),
        ("EMAIL_PORT", "0", "must be at least 1"),
        ("DATABASE_URL", "nosuchdb://somewhere/db", "is not a valid database URL"),
        ("INVITATION_DAYS", "1.5", "must be a whole number"),
    ],
)
def test_malformed_setting_stops_startup_with_one_line(name, value, problem):
    result = start_with(**{name: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"Setting {name} {problem}" in lines[0]
    assert "started" not in result.stdout


def test_good_settings_start():
    result = start_with(DEBUG="off", EMAIL_PORT="2525")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_env_bool_words(monkeypatch):
    for word, expected in [("yes", True), ("ON", True), ("0", False), ("false", False)]:
        monkeypatch.setenv("WEGO_FLAG", word)
        assert env_bool("WEGO_FLAG") is expected
    monkeypatch.delenv("WEGO_FLAG")
    assert env_bool("WEGO_FLAG", True) is True


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("WEGO_N", "12")
    assert env_int("WEGO_N", 3) == 12
    monkeypatch.setenv("WEGO_N", "x")
    with pytest.raises(SettingError, match="WEGO_N must be a whole number"):
        env_int("WEGO_N", 3)
    monkeypatch.setenv("WEGO_HOSTS", "a.org, b.org,,")
    assert env_list("WEGO_HOSTS", []) == ["a.org", "b.org"]


def test_secret_key_is_generated_once_and_kept(tmp_path):
    env = {"WEGO_HOME": str(tmp_path), "SECRET_KEY": ""}
    probe = [
        sys.executable,
        "-c",
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "wego.settings", **env}
    first = subprocess.run(probe, env=environment, capture_output=True, text=True, timeout=60)
    second = subprocess.run(probe, env=environment, capture_output=True, text=True, timeout=60)
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode)[-3:] == "600"
    assert first.stdout.strip() == second.stdout.strip() == key_file.read_text().strip()
    assert len(first.stdout.strip()) >= 50
