import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_secretariat, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.core.regions import Region

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


def reference_records(members, version):
    """Each member with its latest validated assessment, read the plain way."""
    from wego.diagnostic.domain.network import MemberRecord
    from wego.diagnostic.models import Assessment

    records = []
    for member in members:
        own = Assessment.objects.filter(member=member, framework_version__code=version.code)
        validated = sorted(
            (a for a in own if a.status == "validated"), key=lambda a: a.year, reverse=True
        )
        latest = None
        if validated:
            top = validated[0]
            latest = {
                "overall": top.overall_score,
                "domains": {c: d.get("score") for c, d in top.domain_scores.items()},
                "indicators": top.indicator_scores,
            }
        previous = validated[1].overall_score if len(validated) > 1 else None
        records.append(MemberRecord(member.slug, member.region, own.exists(), latest, previous))
    return records


def test_database_aggregates_equal_the_reference(frameworks, network):
    from tests.integration.diagnostic.test_peers import scored
    from wego.diagnostic.domain.network import dashboard
    from wego.diagnostic.services.network import dashboard_from_scores
    from wego.members.models import Member

    scored(frameworks, 4, share="none", country="BR", region=Region.LATIN_AMERICA)
    make_assessment_started = scored(
        frameworks, 0, share="none", country="PE", region=Region.LATIN_AMERICA, year=2024
    )
    scored(frameworks, 2, share="none", member=make_assessment_started.member, year=2025)
    version = frameworks["ceds"]
    domains = [d.code for d in version.framework.domains]
    members = Member.objects.all()
    found = dashboard_from_scores(version, members, domains)
    expected = dashboard(reference_records(members, version), domains)
    assert found.members == expected.members
    assert found.regions == expected.regions
    assert found.movement == pytest.approx(expected.movement)
    assert [(c, n) for c, _m, n in found.gaps] == [(c, n) for c, _m, n in expected.gaps]
    assert [m for _c, m, _n in found.gaps] == pytest.approx([m for _c, m, _n in expected.gaps])
    for domain in domains:
        for region, mean in expected.domain_means[domain].items():
            assert found.domain_means[domain][region] == pytest.approx(mean)
