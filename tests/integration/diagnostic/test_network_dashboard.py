import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_secretariat, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.members.models import Region

pytestmark = pytest.mark.django_db
URL = reverse("diagnostic:network")


@pytest.fixture
def network(frameworks):
    first = scored(frameworks, 1, share="none", year=2025)
    scored(frameworks, 3, share="none", year=2026, member=first.member)  # improved
    scored(frameworks, 2, share="none", country="KE", region=Region.AFRICA)
    return first.member


def test_secretariat_sees_participation_gaps_and_movement(client, network):
    client.force_login(make_secretariat())
    response = client.get(URL)
    context = response.context
    board = context["board"]
    assert {r["region"]: r["validated"] for r in board.regions} == {"asia-pacific": 1, "africa": 1}
    assert board.movement["cities"] == 1 and board.movement["improved"] == 1
    assert context["gap_rows"][0]["mean"] <= context["gap_rows"][-1]["mean"]
    assert "Biggest common gaps" in response.content.decode()


def test_regional_staff_see_their_region_only(client, network):
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.AFRICA))
    board = client.get(URL).context["board"]
    assert [r["region"] for r in board.regions] == ["africa"]


def test_downloads(client, network):
    client.force_login(make_secretariat())
    book = load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content))
    assert book.sheetnames == ["Participation", "Domains", "Common gaps", "Movement"]
    assert client.get(URL, {"format": "pdf"}).content.startswith(b"%PDF")


def test_cities_cannot_open_it(client, network):
    client.force_login(make_user(Role.FOCAL_POINT, member=network))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
