"""Stored framework versions: loaded from the shipped files, their structure immutable once used
(a change of wording only: test_framework_wording.py)."""

import copy

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_assessment
from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.models import FrameworkVersion
from wego.diagnostic.services.frameworks import FrameworkChangedError, store_framework

pytestmark = pytest.mark.django_db


def tiny(folder, title="Tiny framework", version="1.0", weight=None):
    header = {**HEADER, "version": version, "title": {"en": title}}
    domains = copy.deepcopy(DOMAINS)
    if weight is not None:  # a change of structure
        domains["AA"]["weight"] = weight
    return load_framework(write_framework(folder, header, domains))


def test_load_frameworks_command(capsys):
    call_command("load_frameworks")
    assert "created: ceds 1.0" in capsys.readouterr().out
    call_command("load_frameworks")
    assert "unchanged: ceds 1.0" in capsys.readouterr().out
    assert FrameworkVersion.objects.count() == 2


def test_unused_version_may_still_change(tmp_path):
    stored, outcome = store_framework(tiny(tmp_path / "a"))
    assert outcome == "created"
    stored, outcome = store_framework(tiny(tmp_path / "b", title="Tiny, corrected", weight=3))
    assert outcome == "updated"
    assert stored.title == {"en": "Tiny, corrected"}
    assert stored.framework.domain("AA").weight == 3


def test_used_version_is_immutable(tmp_path):
    stored, _ = store_framework(tiny(tmp_path / "a"))
    make_assessment(framework_version=stored)
    with pytest.raises(FrameworkChangedError, match="used by 1 assessment"):
        store_framework(tiny(tmp_path / "b", title="Changed after use", weight=3))
    stored.refresh_from_db()
    assert stored.title == {"en": "Tiny framework"}


def test_a_new_version_becomes_the_one_offered(tmp_path):
    first, _ = store_framework(tiny(tmp_path / "a"))
    second, _ = store_framework(tiny(tmp_path / "b", version="2.0"))
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)


def test_command_explains_a_changed_used_version(monkeypatch, tmp_path):
    from wego.diagnostic.services import frameworks as service

    stored, _ = store_framework(tiny(tmp_path / "a"))
    make_assessment(framework_version=stored)
    domains = {**DOMAINS, "BB": {**DOMAINS["BB"], "weight": 4}}
    write_framework(tmp_path / "tiny" / "1.0", {**HEADER, "title": {"en": "Edited"}}, domains)
    monkeypatch.setattr(service, "shipped_frameworks", lambda: [tmp_path / "tiny" / "1.0"])
    with pytest.raises(CommandError, match="cannot change. Publish the change as a new version"):
        call_command("load_frameworks")
