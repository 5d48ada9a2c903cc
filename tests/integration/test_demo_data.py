"""The demo network matches the WeGO 2014 Annual Report."""

import pytest
from django.core.management import call_command

from wego.accounts.models import Role, RoleAssignment, User
from wego.core.regions import Region
from wego.diagnostic.models import Answer, AnswerRevision, Assessment, NetworkScore, PeerScore
from wego.members.models import LeadershipSeat, Member, NetworkOffice

pytestmark = pytest.mark.django_db


def test_loads_all_83_members_of_the_2014_report(demo_network):
    assert demo_network["members"] == 83
    assert Member.objects.count() == 83
    assert Member.objects.filter(status=Member.Status.ACTIVE).count() == 83


@pytest.mark.parametrize(
    ("slug", "country", "region", "kind"),
    [
        ("seoul", "KR", Region.ASIA_PACIFIC, Member.Kind.CITY),
        ("ulyanovsk-region", "RU", Region.EUROPE, Member.Kind.PROVINCE),
        ("khartoum-state", "SD", Region.AFRICA, Member.Kind.STATE),
        ("hebron", "PS", Region.MIDDLE_EAST, Member.Kind.CITY),
        ("mexico-city", "MX", Region.LATIN_AMERICA, Member.Kind.CITY),
        ("san-francisco", "US", Region.NORTH_AMERICA, Member.Kind.CITY),
        ("umelgoura-locality", "SD", Region.AFRICA, Member.Kind.LOCALITY),
        ("zhejiang-province", "CN", Region.ASIA_PACIFIC, Member.Kind.PROVINCE),
        ("issy-les-moulineaux", "FR", Region.EUROPE, Member.Kind.CITY),
    ],
)
def test_member_country_region_and_kind(demo_network, slug, country, region, kind):
    member = Member.objects.get(slug=slug)
    assert (member.country.code, member.region, member.kind) == (country, region, kind)


def test_every_region_has_members(demo_network):
    regions = set(Member.objects.values_list("region", flat=True))
    assert regions == set(Region.values)


def test_names_are_translated(demo_network):
    seoul = Member.objects.get(slug="seoul")
    assert seoul.name_en == "Seoul"
    assert seoul.name_ko.startswith("서울")
    assert seoul.name_ar == "سيول"
    assert all(Member.objects.values_list("name_ko", flat=True))
    assert all(Member.objects.values_list("name_ar", flat=True))


def test_leadership_2014_2017(demo_network):
    seats = LeadershipSeat.objects.filter(term_start=2014, term_end=2017)
    by_position = {}
    for seat in seats.select_related("member"):
        by_position.setdefault(seat.position, set()).add(seat.member.slug)
    assert by_position[LeadershipSeat.Position.PRESIDENT] == {"seoul"}
    assert by_position[LeadershipSeat.Position.EXECUTIVE_VICE_PRESIDENT] == {"ulyanovsk-region"}
    assert by_position[LeadershipSeat.Position.VICE_PRESIDENT] == {
        "barcelona",
        "chengdu",
        "hebron",
        "jakarta",
        "khartoum-state",
        "sennar-state",
    }
    assert len(by_position[LeadershipSeat.Position.EXCOM_MEMBER]) == 14


def test_secretariat_and_two_regional_offices(demo_network):
    secretariat = NetworkOffice.objects.get(kind=NetworkOffice.Kind.SECRETARIAT)
    assert secretariat.host.slug == "seoul"
    assert secretariat.staff.count() == 7
    regional = NetworkOffice.objects.filter(kind=NetworkOffice.Kind.REGIONAL_OFFICE)
    assert {(o.host.slug, o.region) for o in regional} == {
        ("chengdu", Region.ASIA_PACIFIC),
        ("ulyanovsk-region", Region.EUROPE),
    }


def test_one_demo_account_per_role(demo_network):
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


LOADED = (
    Member,
    LeadershipSeat,
    User,
    RoleAssignment,
    NetworkOffice,
    Assessment,
    Answer,
    AnswerRevision,
    PeerScore,
    NetworkScore,
)


def test_loading_twice_changes_nothing(demo_network):
    call_command("load_demo_data")
    counts = [model.objects.count() for model in LOADED]
    call_command("load_demo_data")
    assert counts == [model.objects.count() for model in LOADED]


def test_the_demo_network_has_assessments_unless_told_not_to(db, capsys):
    """Without load_frameworks first, as after a plain migrate: the loader stores them."""
    call_command("load_demo_data", "--no-users", "--no-assessments")
    assert not Assessment.objects.exists()
    assert "demo assessments" not in capsys.readouterr().out
    call_command("load_demo_data", "--no-users")
    published = Assessment.objects.filter(is_demo=True, is_public=True)
    assert published.values("member").distinct().count() > 50
    assert Assessment.objects.filter(is_demo=False).count() == 0
    assert "new demo assessments" in capsys.readouterr().out


def test_if_empty_skips_a_loaded_database(demo_network, capsys):
    Member.objects.filter(slug="seoul").update(population=1)
    call_command("load_demo_data", "--if-empty")
    assert Member.objects.get(slug="seoul").population == 1
    assert "already loaded" in capsys.readouterr().out
