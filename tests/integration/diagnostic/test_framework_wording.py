"""A framework version in use takes better wording and new translations, never a new structure;
a workbook downloaded before the wording changed still uploads."""

import copy
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.accounts.models import Role
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.models import Answer, FrameworkVersion
from wego.diagnostic.services.frameworks import FrameworkChangedError, store_framework

pytestmark = pytest.mark.django_db


def better_worded():
    """The small framework with a new help text, a Korean title and a choice relabelled."""
    header, domains = copy.deepcopy(HEADER), copy.deepcopy(DOMAINS)
    header["scales"]["status"]["choices"][1]["label"] = {"en": "Partly", "ko": "부분적"}
    domains["AA"]["title"] = {"en": "Alpha", "ko": "알파"}
    domains["AA"]["indicators"][0]["questions"][1]["help"] = {"en": "Ask the mayor's office."}
    return header, domains


def stored_in_use(folder):
    stored, _outcome = store_framework(load_framework(write_framework(folder)))
    assessment = make_assessment(framework_version=stored)
    return stored, assessment


def test_a_used_version_takes_better_wording(tmp_path):
    stored, assessment = stored_in_use(tmp_path / "before")
    reworded = load_framework(write_framework(tmp_path / "after", *better_worded()))

    again, outcome = store_framework(reworded)

    assert outcome == "reworded"
    stored.refresh_from_db()
    assert stored.checksum == reworded.checksum
    framework = stored.framework
    assert framework.domain("AA").title == {"en": "Alpha", "ko": "알파"}
    assert framework.question_map()["AA1.2"].help == {"en": "Ask the mayor's office."}
    # The assessment reads the new texts through its version.
    assessment.refresh_from_db()
    assert assessment.framework.domain("AA").title["ko"] == "알파"


def test_a_used_version_still_refuses_a_change_of_structure(tmp_path):
    stored, _assessment = stored_in_use(tmp_path / "before")
    header, domains = better_worded()
    domains["AA"]["indicators"][0]["questions"][1]["weight"] = 3
    changed = load_framework(write_framework(tmp_path / "after", header, domains))

    with pytest.raises(FrameworkChangedError, match="used by 1 assessment.*cannot change"):
        store_framework(changed)

    stored.refresh_from_db()
    assert stored.framework.question_map()["AA1.2"].help is None  # the wording did not pass


def test_load_frameworks_says_a_version_was_reworded(monkeypatch, tmp_path, capsys):
    from wego.diagnostic.services import frameworks as service

    stored_in_use(tmp_path / "before")
    write_framework(tmp_path / "tiny" / "1.0", *better_worded())
    monkeypatch.setattr(service, "shipped_frameworks", lambda: [tmp_path / "tiny" / "1.0"])

    call_command("load_frameworks")

    assert capsys.readouterr().out == "updated (wording): tiny 1.0\n"
    assert FrameworkVersion.objects.get(code="tiny").framework.domain("AA").title["ko"] == "알파"


@pytest.fixture
def city_client(client, tmp_path):
    stored, _outcome = store_framework(load_framework(write_framework(tmp_path / "before")))
    city = make_member(population=500_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, stored, user=user)
    client.force_login(user)
    return client, assessment


def filled_workbook(client, assessment, changes: dict[tuple[str, int], object]) -> bytes:
    response = client.get(reverse("diagnostic:workbook", args=[assessment.pk]))
    book = load_workbook(io.BytesIO(response.content))
    for (sheet, row), value in changes.items():
        book[sheet].cell(row=row, column=value[0]).value = value[1]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, assessment, data: bytes):
    file = SimpleUploadedFile("filled.xlsx", data, content_type="application/octet-stream")
    return client.post(
        reverse("diagnostic:workbook_upload", args=[assessment.pk]), {"workbook": file}
    )


def test_a_workbook_made_before_a_wording_update_uploads_after_it(city_client, tmp_path):
    client, assessment = city_client
    # BB1.1 answered with the label its dropdown offered then: "Some".
    data = filled_workbook(client, assessment, {("AA", 3): (3, 2), ("BB", 3): (3, "Some")})
    store_framework(load_framework(write_framework(tmp_path / "after", *better_worded())))

    response = upload(client, assessment, data)

    assert response.status_code == 302, response.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert "2 answers change" in page
    client.post(response["Location"])
    saved = {a.question_code: a.value for a in Answer.objects.filter(assessment=assessment)}
    assert saved == {"AA1.1": 2, "BB1.1": "some"}


def test_a_workbook_of_another_structure_is_refused(city_client):
    client, assessment = city_client
    data = filled_workbook(client, assessment, {("_wego", 7): (2, "0" * 64)})

    response = upload(client, assessment, data)

    assert response.status_code == 400
    assert "made from another edition of the framework" in response.content.decode()


def test_a_workbook_from_before_the_structure_row_still_uploads(city_client):
    """Workbooks downloaded before this release carry only the full checksum."""
    client, assessment = city_client
    data = filled_workbook(client, assessment, {("_wego", 7): (1, None), ("AA", 3): (3, 4)})
    book = load_workbook(io.BytesIO(data))
    book["_wego"].cell(row=7, column=2).value = None
    out = io.BytesIO()
    book.save(out)

    response = upload(client, assessment, out.getvalue())

    assert response.status_code == 302, response.content.decode()
    assert "1 answer changes" in client.get(response["Location"]).content.decode()
