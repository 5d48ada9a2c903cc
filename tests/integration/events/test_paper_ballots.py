"""The paper-ballot fallback: sheets printed with fresh codes, cities recorded as they hand them
in, every sheet entered by two staff members, and the ballots made only when both agree;
published with the online ballots, found by a delegate under the code of their stub."""

import json
import logging
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import EventFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.roles import Role
from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.domain.elections_paper import Difference
from wego.events.models import Ballot, PaperEntry, VoterRecord
from wego.events.services import elections as service
from wego.events.services import elections_paper as paper

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def city():
    names = ("Seoul", "Nairobi", "Hebron", "Lyon")
    return {name: make_member(name=name, name_en=name) for name in names}


@pytest.fixture
def election(city):
    made = make_election(
        event=EventFactory(slug="assembly-2026"),
        candidates={
            domain.PRESIDENT: [city["Seoul"], city["Nairobi"]],
            domain.VICE_PRESIDENTS: [city["Hebron"], city["Lyon"]],
        },
        resolutions=["statutes"],
    )
    return open_election(made)


@pytest.fixture
def alice():
    return make_secretariat(full_name="Alice Martin")


@pytest.fixture
def bashir():
    return make_secretariat(full_name="Bashir Haddad")


def url(name, election, **query):
    address = reverse(name, args=[election.event.slug, election.pk])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def sheet(code, president=(), vice_presidents=(), statutes=""):
    """The entry form as a staff member fills it from a sheet."""
    return {
        "sheet": code,
        f"office-{domain.PRESIDENT}": [m.pk for m in president],
        f"office-{domain.VICE_PRESIDENTS}": [m.pk for m in vice_presidents],
        "resolution-statutes": statutes,
    }


def enter(client, user, election, data):
    client.force_login(user)
    return client.post(url("events:election_paper_entry", election), data)


def hand_in(client, user, election, member):
    client.force_login(user)
    return client.post(url("events:election_paper_vote", election), {"member": member.pk})


def flat(response) -> str:
    return " ".join(response.content.decode().split())


def words(response) -> str:
    """What the page says, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def test_two_staff_enter_the_same_sheets_and_the_ballots_are_published_with_the_online_ones(
    client, election, city, alice, bashir
):
    seoul_delegate, _ = make_delegate(election.event, city["Seoul"])
    online = service.cast_vote(
        election,
        seoul_delegate,
        city["Seoul"].pk,
        domain.Choices(offices={domain.PRESIDENT: [city["Seoul"].pk]}),
    )
    for member in (city["Nairobi"], city["Hebron"]):
        recorded = hand_in(client, alice, election, member)
        assert recorded.status_code == 302
    page = flat(client.get(recorded["Location"]))
    assert "Hebron has voted: its sheet, without the stub, goes in the ballot box." in page
    assert "3 of 4 eligible cities have voted" in page

    first, second = domain.new_receipt(), domain.new_receipt()
    for user in (alice, bashir):
        # Bashir types the codes as they come: in small letters, without the dashes.
        typed = (lambda code: code) if user == alice else (lambda c: c.replace("-", "").lower())
        enter(client, user, election, sheet(typed(first), [city["Nairobi"]], [], "yes"))
        response = enter(
            client, user, election, sheet(typed(second), [city["Seoul"]], [city["Lyon"]], "no")
        )
        assert response.status_code == 302
    page = flat(client.get(response["Location"]))
    assert "The sheet is entered. You have entered 2 sheets." in page
    assert "Alice Martin" in page and "Bashir Haddad" in page
    assert first not in page  # a code never travels through a message

    confirmed = client.post(url("events:election_paper_confirm", election))
    assert confirmed.status_code == 302
    assert "2 paper ballots are added to the ballot box" in flat(client.get(confirmed["Location"]))
    assert not PaperEntry.objects.exists()
    assert Ballot.objects.filter(election=election).count() == 3

    service.close_voting(election)
    result = service.count_and_publish(election)
    assert result.ballots == 3
    assert result.offices[0].votes == {city["Seoul"].pk: 2, city["Nairobi"].pk: 1}
    document = json.loads(election.published_list)
    assert publish.check_published(document) == []
    found = publish.find_ballot(document, second)
    assert found["offices"] == {
        domain.PRESIDENT: [city["Seoul"].pk],
        domain.EXECUTIVE_VICE_PRESIDENT: [],
        domain.VICE_PRESIDENTS: [city["Lyon"].pk],
        domain.EXECUTIVE_COMMITTEE: [],
    }
    assert found["resolutions"] == {"statutes": "no"}
    assert publish.find_ballot(document, online)["offices"][domain.PRESIDENT] == [city["Seoul"].pk]
    assert document["voted"] == ["Hebron", "Nairobi", "Seoul"]


def test_one_staff_member_entering_both_rounds_is_refused(client, election, city, alice):
    hand_in(client, alice, election, city["Seoul"])
    code = domain.new_receipt()
    enter(client, alice, election, sheet(code, [city["Seoul"]]))
    enter(client, alice, election, sheet(code, [city["Seoul"]]))  # again: replaces her entry
    assert PaperEntry.objects.count() == 1

    response = client.post(url("events:election_paper_confirm", election))
    assert "Only Alice Martin has entered sheets: a second staff member" in words(response)
    assert not Ballot.objects.exists() and PaperEntry.objects.count() == 1
    done = paper.confirm(election, alice)
    assert [m.difference for m in done.mismatches] == [Difference.SAME_PERSON]


def test_entries_that_differ_list_each_mismatch_and_write_nothing(
    client, election, city, alice, bashir, caplog
):
    for member in (city["Seoul"], city["Nairobi"]):
        hand_in(client, alice, election, member)
    shared, only_alice, only_bashir = (domain.new_receipt() for _ in range(3))
    enter(client, alice, election, sheet(shared, [city["Seoul"]], [city["Lyon"]], "yes"))
    enter(client, alice, election, sheet(only_alice, [city["Seoul"]]))
    enter(client, bashir, election, sheet(shared, [city["Nairobi"]], [city["Lyon"]], "abstain"))
    enter(client, bashir, election, sheet(only_bashir, [city["Seoul"]]))

    with caplog.at_level(logging.WARNING, logger="wego.events.elections"):
        response = client.post(url("events:election_paper_confirm", election))
    page = words(response)
    assert "The entries differ in 4 places: nothing is counted" in page
    assert f"Sheet {shared}: the two entries differ on President City." in page
    assert f"Sheet {shared}: the two entries differ on Statutes." in page
    assert f"Sheet {only_alice}: entered by Alice Martin only." in page
    assert f"Sheet {only_bashir}: entered by Bashir Haddad only." in page
    assert "Vice President Cities" not in page.split("The entries differ")[1].split("Compare")[0]
    assert page.count("Remove my entry of this sheet") == 1  # Bashir's own sheet
    assert not Ballot.objects.exists() and PaperEntry.objects.count() == 4
    assert "mismatches=4" in caplog.text
    assert all(code not in caplog.text for code in (shared, only_alice, only_bashir))

    # Bashir typed a code wrongly: he removes his entry, types the sheet again, and it agrees.
    client.post(url("events:election_paper_remove", election), {"sheet": only_bashir})
    enter(client, bashir, election, sheet(only_alice, [city["Seoul"]]))
    enter(client, bashir, election, sheet(shared, [city["Seoul"]], [city["Lyon"]], "yes"))
    assert client.post(url("events:election_paper_confirm", election)).status_code == 302
    assert Ballot.objects.count() == 2


def test_more_ballots_than_cities_recorded_is_refused(client, election, city, alice, bashir):
    hand_in(client, alice, election, city["Seoul"])  # one city recorded, two sheets entered
    codes = [domain.new_receipt(), domain.new_receipt()]
    for user in (alice, bashir):
        for code in codes:
            enter(client, user, election, sheet(code, [city["Seoul"]]))
    response = client.post(url("events:election_paper_confirm", election))
    assert response.status_code == 400
    assert (
        "2 sheets and 0 ballots already cast would make more ballots than the 1 cities "
        "recorded as having voted"
    ) in flat(response)
    assert not Ballot.objects.exists() and PaperEntry.objects.count() == 4


def test_a_sheet_counted_already_is_not_entered_again(client, election, city, alice, bashir):
    hand_in(client, alice, election, city["Seoul"])
    code = domain.new_receipt()
    for user in (alice, bashir):
        enter(client, user, election, sheet(code, [city["Seoul"]]))
    client.post(url("events:election_paper_confirm", election))
    response = enter(client, alice, election, sheet(code, [city["Nairobi"]]))
    assert response.status_code == 400
    assert "This sheet has already been confirmed and counted" in flat(response)
    assert Ballot.objects.count() == 1


def test_recording_a_city_twice_is_refused(client, election, city, alice):
    assert hand_in(client, alice, election, city["Nairobi"]).status_code == 302
    again = hand_in(client, alice, election, city["Nairobi"])
    assert again.status_code == 400
    assert "This city has already voted in this election (online or on paper)" in flat(again)
    assert VoterRecord.objects.filter(election=election).count() == 1
    with pytest.raises(service.Refused) as refused:
        paper.record_paper_vote(election, city["Nairobi"], alice)
    assert refused.value.code == "already-voted"
    # the select offers only the cities still to vote
    offered = re.findall(r'<option value="(\d+)"', again.content.decode())
    assert str(city["Nairobi"].pk) not in offered and str(city["Seoul"].pk) in offered


def test_an_associate_member_cannot_hand_in_a_sheet(client, election, alice):
    associate = make_member(name="Partner Town", membership_type="associate")
    response = hand_in(client, alice, election, associate)
    assert response.status_code == 400
    assert "Only full member cities in good standing vote" in flat(response)
    assert not VoterRecord.objects.exists()


def test_an_over_marked_office_is_refused_with_the_rule_and_what_was_typed_is_kept(
    client, election, city, alice
):
    code = domain.new_receipt()
    both = sheet(code, [city["Seoul"], city["Nairobi"]], [city["Lyon"]], "yes")
    response = enter(client, alice, election, both)
    assert response.status_code == 400
    page = flat(response)
    assert (
        "2 boxes are ticked, but this office takes one candidate. A sheet marked for more "
        "candidates than seats is spoilt for that office: enter it with no box ticked."
    ) in page
    assert f'value="{code}"' in page
    checked = re.findall(r'<input type="checkbox" name="([\w-]+)" value="(\d+)"[^>]*checked', page)
    assert (f"office-{domain.VICE_PRESIDENTS}", str(city["Lyon"].pk)) in checked
    assert re.search(r'value="yes"[^>]*checked', page)
    assert not PaperEntry.objects.exists()


def test_a_malformed_code_is_refused_next_to_its_field(client, election, city, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="wego.events.elections"):
        response = enter(client, alice, election, sheet("K7QF-2MXP-9RTA", [city["Seoul"]]))
    assert response.status_code == 400
    assert "This is not the code of a sheet" in flat(response)
    assert 'value="K7QF-2MXP-9RTA"' in flat(response)
    assert "bad-sheet" in caplog.text and "K7QF" not in caplog.text
    assert not PaperEntry.objects.exists()


def test_the_paper_page_is_never_cached_and_staff_only(client, election, city):
    client.force_login(make_secretariat())
    response = client.get(url("events:election_paper", election))
    assert "no-store" in response["Cache-Control"]
    assert "1. Print the sheets" in flat(response)
    client.force_login(make_user(Role.CITY_USER, member=city["Seoul"]))
    assert client.get(url("events:election_paper", election)).status_code == 403


# --- the printed sheets ---------------------------------------------------------------------


def pdf_pages(data: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return text.split("\f")[:-1]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is needed")
def test_the_sheets_are_one_page_each_with_a_fresh_code_twice(client, election, alice):
    client.force_login(alice)
    response = client.get(url("events:election_paper_sheets", election, count=3))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    pages = pdf_pages(response.content)
    assert len(pages) == 3
    codes = []
    for text in pages:
        found = CODE.findall(text)
        assert len(found) == 2 and found[0] == found[1]  # on the sheet and on its stub
        codes.append(found[0])
        flat_text = " ".join(text.split())
        assert "vote for up to 6 candidates" in flat_text
        assert "Statutes" in flat_text and "Abstain" in flat_text
        order = [
            c.member.name
            for c in service.candidacies_in_order(election.offices.get(key="president"))
        ]
        assert flat_text.index(order[0]) < flat_text.index(order[1])
    assert len(set(codes)) == 3
    assert all(domain.normalise_receipt(code) == code for code in codes)
    assert not PaperEntry.objects.exists() and not Ballot.objects.exists()  # stored nowhere


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is needed")
def test_the_assemblys_whole_ballot_fits_one_page_per_sheet_in_arabic(client, alice):
    """WeGO's 22 seats with 30 candidates, the next host and three resolutions: each sheet
    is one page, every name on it, in the staff's language."""
    arabic = [f"سيمار{letter}" for letter in "ابتثجحخدذرزسشصضطظعغفقكلمنهويءة"]  # 30 names
    cities = [make_member(name=f"City {n}", name_ar=name) for n, name in enumerate(arabic)]
    election = make_election(
        candidates={
            domain.PRESIDENT: cities[:3],
            domain.EXECUTIVE_VICE_PRESIDENT: cities[3:5],
            domain.VICE_PRESIDENTS: cities[5:15],
            domain.EXECUTIVE_COMMITTEE: cities[:30],
            domain.HOST_CITY: cities[27:30],
        },
        extra_offices=[(domain.HOST_CITY, 1)],
        resolutions=["statutes", "budget", "regulations"],
    )
    open_election(election)
    client.force_login(alice)
    with translation.override("ar"):
        address = url("events:election_paper_sheets", election, count=25)
    pages = pdf_pages(client.get(address).content)
    assert len(pages) == 25
    assert len({CODE.findall(text)[0] for text in pages}) == 25
    for text in pages:
        words = set(BIDI_MARKS.sub(" ", text).split())  # pdftotext marks the right-to-left runs
        assert set(arabic) <= words
        assert "Regulations" in text


@pytest.mark.parametrize("count", ["0", "301", "abc", "", "2.5"])
def test_a_bad_count_of_sheets_is_a_clear_400(client, election, alice, count):
    client.force_login(alice)
    response = client.get(url("events:election_paper_sheets", election) + f"?count={count}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = flat(response)
    assert "Number of sheets" in page and 'class="field-errors"' in page


def test_no_sheets_before_the_ballot_order_is_drawn(client, alice, city):
    preparing = make_election(candidates={domain.PRESIDENT: [city["Seoul"]]})
    client.force_login(alice)
    response = client.get(url("events:election_paper_sheets", preparing, count=2))
    assert response.status_code == 400
    assert "print them after that" in flat(response)
