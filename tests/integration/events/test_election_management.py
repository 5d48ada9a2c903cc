"""Preparing and running an election through its pages: staff create it with the default
offices in three languages, add resolutions and step it through; member cities stand for
offices, accredit their voting delegate and give their vote by proxy before voting opens."""

import csv
import io
import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.events.domain import elections as domain
from wego.events.models import Accreditation, Candidacy, Election, Proxy, Registration
from wego.events.services import elections as service
from wego.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(slug="assembly-2026", time_zone="Asia/Seoul")


@pytest.fixture
def seoul():
    return make_member(name="Seoul", name_en="Seoul", region=Region.ASIA_PACIFIC)


@pytest.fixture
def nairobi():
    return make_member(name="Nairobi", name_en="Nairobi", region=Region.AFRICA, country="KE")


@pytest.fixture
def staff(client):
    user = make_secretariat()
    client.force_login(user)
    return user


def delegate(event, member, name):
    """An accredited delegate of `member` called `name`."""
    user = make_user(Role.CITY_USER, member=member, full_name=name)
    return make_delegate(event, member, user=user)[1]


def page(response) -> str:
    return response.content.decode()


def url(name, election, *more):
    return reverse(name, args=[election.event.slug, election.pk, *more])


def day_to_come() -> str:
    return (timezone.now() + timedelta(days=400)).date().isoformat()


def election_data(**changes) -> dict:
    data = {
        "title_en": "Elections of the 2026 General Assembly",
        "title_ko": "",
        "title_ar": "",
        "description_en": "The leadership for 2026-2028.",
        "opens_at": "",
        "closes_at": "",
        "quorum_percent": "50",
        "allows_proxies": "on",
        "host_city": "on",
        "seats_president": "1",
        "seats_executive_vice_president": "1",
        "seats_vice_presidents": "6",
        "seats_executive_committee": "14",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- creating and preparing an election ----------------------------------------------------


def test_staff_create_an_election_with_the_default_offices_in_three_languages(client, staff, event):
    response = client.post(
        reverse("events:election_new", args=[event.slug]),
        election_data(opens_at=f"{day_to_come()} 09:00", closes_at=f"{day_to_come()} 12:00"),
    )
    assert response.status_code == 302, page(response)
    election = Election.objects.get(event=event)
    assert response["Location"] == election.get_absolute_url()
    assert election.status == Election.Status.PREPARING
    # 09:00 at the venue in Seoul is 00:00 UTC
    assert election.opens_at.isoformat() == f"{day_to_come()}T00:00:00+00:00"
    offices = list(election.offices.all())
    assert [(o.key, o.seats) for o in offices] == [*domain.DEFAULT_OFFICES, (domain.HOST_CITY, 1)]
    president = offices[0]
    assert (president.title_en, president.title_ko, president.title_ar) == (
        "President City",
        "회장도시",
        "المدينة الرئيسة",
    )
    for office in offices:
        for language in ("en", "ko", "ar"):
            with override(language):
                assert getattr(office, f"title_{language}") == office.title
    followed = client.get(response["Location"])
    assert "is created and being prepared" in page(followed)


def test_a_refused_election_form_says_why_next_to_the_field_and_keeps_what_was_typed(
    client, staff, event
):
    response = client.post(
        reverse("events:election_new", args=[event.slug]),
        election_data(
            opens_at=f"{day_to_come()} 12:00",
            closes_at=f"{day_to_come()} 09:00",
            seats_vice_presidents="0",
            quorum_percent="120",
        ),
    )
    html = page(response)
    assert response.status_code == 400
    assert not Election.objects.exists()
    assert "Voting must close after it opens." in html
    assert 'id="id_closes_at_error"' in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Ensure this value is less than or equal to 100." in html
    assert 'value="Elections of the 2026 General Assembly"' in html
    assert f'value="{day_to_come()} 12:00"' in html


def test_seats_and_times_cannot_change_once_voting_opened(client, staff, event):
    election = open_election(make_election(event=event))
    response = client.post(
        url("events:election_edit", election),
        election_data(title_en="Renamed", host_city=None, seats_executive_committee="15")
        | {"action": "save", "closes_at": f"{day_to_come()} 10:00"},
    )
    html = page(response)
    assert response.status_code == 400
    assert html.count("Voting has opened: this cannot change now.") >= 2
    assert 'id="id_seats_executive_committee_error"' in html
    assert 'id="id_closes_at_error"' in html
    assert election.offices.get(key=domain.EXECUTIVE_COMMITTEE).seats == 14
    election.refresh_from_db()
    assert election.title == f"{election.title_en}" != "Renamed"


def test_staff_change_the_seats_and_add_the_host_city_while_preparing(client, staff, event):
    election = make_election(event=event, title="Elections")
    response = client.post(
        url("events:election_edit", election),
        election_data(title_en="Elections", seats_executive_committee="12") | {"action": "save"},
    )
    assert response.status_code == 302
    assert dict(election.offices.values_list("key", "seats"))[domain.EXECUTIVE_COMMITTEE] == 12
    host = election.offices.get(key=domain.HOST_CITY)
    assert host.title_en == "Host of the next General Assembly"


def test_resolutions_are_added_with_a_key_from_their_title_and_removed(client, staff, event):
    election = make_election(event=event)
    add = {
        "action": "add-resolution",
        "resolution-title_en": "Amendment of the Statutes",
        "resolution-text_en": "Article 5 reads ...",
        "resolution-majority": "two_thirds",
    }
    client.post(url("events:election_edit", election), add)
    client.post(url("events:election_edit", election), add)
    keys = list(election.resolutions.values_list("key", flat=True))
    assert keys == ["amendment-of-the-statutes", "amendment-of-the-statutes-2"]
    edit_page = page(client.get(url("events:election_edit", election)))
    assert "Amendment of the Statutes" in edit_page and "Two-thirds majority" in edit_page

    first = election.resolutions.get(key="amendment-of-the-statutes")
    response = client.post(
        url("events:election_edit", election),
        {"action": "remove-resolution", "resolution": first.pk},
    )
    assert response.status_code == 302
    assert list(election.resolutions.values_list("key", flat=True)) == [
        "amendment-of-the-statutes-2"
    ]


def test_resolutions_cannot_change_once_candidacies_closed(client, staff, event):
    election = make_election(event=event, resolutions=["statutes"])
    service.close_candidacies(election)
    response = client.post(
        url("events:election_edit", election),
        {
            "action": "add-resolution",
            "resolution-title_en": "Late",
            "resolution-majority": "simple",
        },
    )
    assert response.status_code == 400
    assert "Candidacies are closed: resolutions can no longer be added." in page(response)
    removed = client.post(
        url("events:election_edit", election),
        {"action": "remove-resolution", "resolution": election.resolutions.get().pk},
    )
    assert removed.status_code == 400
    assert election.resolutions.count() == 1


def test_a_resolution_without_a_title_is_refused_next_to_the_field(client, staff, event):
    election = make_election(event=event)
    response = client.post(
        url("events:election_edit", election),
        {"action": "add-resolution", "resolution-text_en": "Kept text", "resolution-majority": ""},
    )
    html = page(response)
    assert response.status_code == 400
    assert 'id="id_resolution-title_en_error"' in html
    assert "Kept text" in html


# --- the steps -----------------------------------------------------------------------------


def step(client, election, name):
    return client.post(url("events:election_step", election), {"step": name}, follow=True)


def test_staff_take_every_step_in_order(client, staff, event, seoul):
    election = make_election(event=event, candidates={domain.PRESIDENT: [seoul]})
    actions = page(client.get(election.get_absolute_url()))
    assert "Announce the election and open candidacies" in actions

    steps = [
        ("announce", Election.Status.CANDIDACIES, "member cities can stand for its offices now"),
        ("close_candidacies", Election.Status.READY, "the ballot order is drawn"),
        ("open", Election.Status.OPEN, "Voting is open"),
        ("close", Election.Status.CLOSED, "Voting is closed."),
        ("publish", Election.Status.PUBLISHED, "The result is counted and published"),
    ]
    buttons = {
        "close_candidacies": "Close candidacies and draw the ballot order: this cannot be undone",
        "open": "Open voting now",
        "close": "Close voting: this cannot be undone",
        "publish": "Count and publish the result: this cannot be undone",
    }
    for name, status, said in steps:
        response = step(client, election, name)
        election.refresh_from_db()
        assert election.status == status
        html = page(response)
        assert said in html
        if name in buttons:
            assert buttons[name] not in html  # the step taken is gone
        next_steps = [n for n, _s, _t in steps]
        following = next_steps.index(name) + 1
        if following < len(steps):
            assert buttons[next_steps[following]] in html
    assert election.seed and election.fingerprint


def test_a_step_out_of_order_is_refused_with_its_message(client, staff, event):
    election = make_election(event=event)
    response = step(client, election, "publish")
    election.refresh_from_db()
    assert election.status == Election.Status.PREPARING
    assert "This step is not possible now: the election is “Being prepared”." in page(response)


def test_an_unknown_step_is_a_bad_request(client, staff, event):
    election = make_election(event=event)
    response = client.post(url("events:election_step", election), {"step": "redraw"})
    assert response.status_code == 400
    assert "Nothing was done" in page(response)
    assert client.get(url("events:election_step", election)).status_code == 405


# --- candidacies ---------------------------------------------------------------------------


@pytest.fixture
def announced(event, seoul, nairobi):
    election = make_election(event=event, extra_offices=[(domain.HOST_CITY, 1)])
    service.announce(election)
    return election


def stand(client, election, office_key, **fields):
    office = election.offices.get(key=office_key)
    data = {"action": "stand", "office": office.pk, "statement": "We stand.", **fields}
    return client.post(url("events:election_candidacies", election), data)


def test_a_city_stands_for_several_offices_and_withdraws(client, announced, seoul):
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    form = page(client.get(url("events:election_candidacies", announced)))
    assert "Seoul stands for an office" in form

    assert stand(client, announced, domain.PRESIDENT, member=seoul.pk).status_code == 302
    assert stand(client, announced, domain.VICE_PRESIDENTS, member=seoul.pk).status_code == 302
    candidacies = Candidacy.objects.filter(office__election=announced, member=seoul)
    assert candidacies.count() == 2
    listed = page(client.get(url("events:election_candidacies", announced)))
    assert "We stand." in listed and "Withdraw the candidacy of Seoul for President City" in listed

    president = candidacies.get(office__key=domain.PRESIDENT)
    response = client.post(
        url("events:election_candidacies", announced),
        {"action": "withdraw", "candidacy": president.pk},
        follow=True,
    )
    assert "The candidacy of Seoul for President City is withdrawn." in page(response)
    assert candidacies.count() == 1


def test_a_city_stands_once_for_an_office(client, announced, seoul, caplog):
    client.force_login(make_user(Role.CITY_USER, member=seoul))
    stand(client, announced, domain.PRESIDENT, member=seoul.pk)
    with caplog.at_level(logging.WARNING, logger="wego.events.elections"):
        response = stand(client, announced, domain.PRESIDENT, member=seoul.pk, statement="Again")
    html = page(response)
    assert response.status_code == 400
    assert "Seoul already stands for President City." in html
    assert 'id="id_office_error"' in html
    assert "Again" in html  # what was typed stays
    logged = caplog.records[-1].getMessage()
    assert "already-standing" in logged and f"member={seoul.pk}" in logged
    assert "Again" not in logged


def test_only_a_city_offering_to_host_stands_for_the_host(client, announced, seoul):
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    refused = stand(client, announced, domain.HOST_CITY, member=seoul.pk)
    assert refused.status_code == 400
    assert "Only a city offering to host the next General Assembly stands for it" in page(refused)
    assert 'id="id_offers_to_host_error"' in page(refused)
    offered = stand(client, announced, domain.HOST_CITY, member=seoul.pk, offers_to_host="on")
    assert offered.status_code == 302


def test_a_city_not_in_good_standing_cannot_stand(client, announced):
    suspended = make_member(name_en="Suspended City", status=Member.Status.SUSPENDED)
    client.force_login(make_user(Role.FOCAL_POINT, member=suspended))
    shown = page(client.get(url("events:election_candidacies", announced)))
    assert "none of your cities is one" in shown
    response = stand(client, announced, domain.PRESIDENT, member=suspended.pk)
    assert response.status_code == 400
    assert "Only full member cities in good standing can stand: Suspended City cannot." in page(
        response
    )
    assert not Candidacy.objects.exists()


def test_a_city_cannot_stand_for_another_city(client, announced, seoul, nairobi):
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    response = stand(client, announced, domain.PRESIDENT, member=nairobi.pk)
    assert response.status_code == 400
    assert not Candidacy.objects.exists()


def test_candidacies_closed_are_refused(client, announced, seoul):
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    service.close_candidacies(announced)
    shown = page(client.get(url("events:election_candidacies", announced)))
    assert "Candidacies are closed." in shown and "Stand for this office" not in shown
    response = stand(client, announced, domain.PRESIDENT, member=seoul.pk)
    assert response.status_code == 400
    assert "Candidacies are closed for this election." in page(response)


def test_staff_add_and_withdraw_a_candidacy_for_any_eligible_city(
    client, staff, announced, seoul, nairobi
):
    form = page(client.get(url("events:election_candidacies", announced)))
    assert "Add a candidacy" in form and "Nairobi" in form
    response = stand(client, announced, domain.EXECUTIVE_COMMITTEE, member=nairobi.pk)
    assert response.status_code == 302
    candidacy = Candidacy.objects.get(member=nairobi)
    assert candidacy.submitted_by == staff
    client.post(
        url("events:election_candidacies", announced),
        {"action": "withdraw", "candidacy": candidacy.pk},
    )
    assert not Candidacy.objects.exists()


def test_a_city_cannot_withdraw_another_citys_candidacy(client, announced, seoul, nairobi):
    office = announced.offices.get(key=domain.PRESIDENT)
    theirs = Candidacy.objects.create(office=office, member=nairobi)
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    response = client.post(
        url("events:election_candidacies", announced),
        {"action": "withdraw", "candidacy": theirs.pk},
    )
    assert response.status_code == 403
    assert Candidacy.objects.filter(pk=theirs.pk).exists()


# --- accreditation -------------------------------------------------------------------------


@pytest.fixture
def delegation(event, seoul):
    service.announce(make_election(event=event))
    return DelegationFactory(event=event, member=seoul)


def accredit(client, event, member, registration):
    return client.post(
        reverse("events:accreditation", args=[event.slug]),
        {"member": member.pk, f"city-{member.pk}-registration": registration.pk},
    )


def test_a_city_user_accredits_their_citys_delegate(client, event, seoul, delegation):
    focal_point = make_user(Role.FOCAL_POINT, member=seoul)
    delegate = RegistrationFactory(delegation=delegation, user=focal_point, full_name="Kim Ji-won")
    RegistrationFactory(delegation=delegation, full_name="No Account")  # cannot sign in to vote
    client.force_login(focal_point)
    shown = page(client.get(reverse("events:accreditation", args=[event.slug])))
    assert "Not accredited yet" in shown
    assert "Kim Ji-won" in shown and "No Account" not in shown

    response = accredit(client, event, seoul, delegate)
    assert response.status_code == 302
    assert Accreditation.objects.get(event=event, member=seoul).registration == delegate
    after = page(client.get(response["Location"]))
    assert "Kim Ji-won is accredited to vote for Seoul." in after


def test_a_person_not_approved_cannot_be_accredited(client, event, seoul, delegation):
    focal_point = make_user(Role.FOCAL_POINT, member=seoul)
    pending = RegistrationFactory(
        delegation=delegation, user=make_user(), status=Registration.Status.PENDING
    )
    client.force_login(focal_point)
    response = accredit(client, event, seoul, pending)
    html = page(response)
    assert response.status_code == 400
    assert "Only an approved participant who has an account on the platform" in html
    assert f'id="id_city-{seoul.pk}-registration_error"' in html
    assert not Accreditation.objects.exists()


def test_a_person_of_another_delegation_cannot_be_accredited(
    client, event, seoul, nairobi, delegation
):
    other = RegistrationFactory(
        delegation=DelegationFactory(event=event, member=nairobi), user=make_user()
    )
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    response = accredit(client, event, seoul, other)
    assert response.status_code == 400
    assert "Choose a person of your city&#x27;s delegation at this event." in page(response)
    assert not Accreditation.objects.exists()


def test_a_city_user_cannot_accredit_for_another_city(client, event, seoul, nairobi, delegation):
    theirs = RegistrationFactory(
        delegation=DelegationFactory(event=event, member=nairobi), user=make_user()
    )
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    assert accredit(client, event, nairobi, theirs).status_code == 404
    assert not Accreditation.objects.exists()


def test_regional_staff_accredit_for_the_cities_they_look_after(
    client, event, seoul, nairobi, delegation
):
    asia = make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC)
    person = RegistrationFactory(delegation=delegation, user=make_user(), full_name="Park")
    kenyan = RegistrationFactory(
        delegation=DelegationFactory(event=event, member=nairobi), user=make_user()
    )
    client.force_login(asia)
    table = page(client.get(reverse("events:accreditation", args=[event.slug])))
    assert "Seoul" in table and "Nairobi" not in table
    assert "0 of 1 voting city at the event has accredited its delegate." in table
    assert accredit(client, event, seoul, person).status_code == 302
    assert accredit(client, event, nairobi, kenyan).status_code == 404
    table = page(client.get(reverse("events:accreditation", args=[event.slug])))
    assert "1 of 1 voting city at the event has accredited its delegate." in table


def test_staff_download_the_table_of_accreditation(
    client, staff, event, seoul, nairobi, delegation
):
    delegate(event, nairobi, "=Nairobi Delegate")
    export = reverse("events:accreditation_export", args=[event.slug])
    rows = list(csv.reader(io.StringIO(client.get(export + "?format=csv").content.decode()[1:])))
    assert rows[0] == ["City", "Country", "Votes", "Voting delegate", "Email address"]
    by_city = {row[0]: row for row in rows[1:]}
    assert by_city["Seoul"][3] == "Not accredited yet"
    assert by_city["Nairobi"][3] == "'=Nairobi Delegate"  # never a formula
    workbook = load_workbook(io.BytesIO(client.get(export + "?format=xlsx").content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]][:4] == ["City", "Country", "Votes", "Voting delegate"]
    assert sheet.max_row == 3


def test_the_delegate_cannot_change_while_voting_is_open(client, event, seoul, delegation):
    open_election(make_election(event=event))
    focal_point = make_user(Role.FOCAL_POINT, member=seoul)
    person = RegistrationFactory(delegation=delegation, user=focal_point)
    client.force_login(focal_point)
    assert "cannot be changed now" in page(
        client.get(reverse("events:accreditation", args=[event.slug]))
    )
    response = accredit(client, event, seoul, person)
    assert response.status_code == 400
    assert "Voting is open: the accredited delegate cannot be changed now." in page(response)


def test_an_event_without_an_election_has_no_accreditation(client, staff):
    other = EventFactory()
    response = client.get(reverse("events:accreditation", args=[other.slug]))
    assert response.status_code == 404


# --- proxies -------------------------------------------------------------------------------


@pytest.fixture
def ready(event, seoul, nairobi):
    election = make_election(event=event)
    service.close_candidacies(election)
    return election


def declare(client, election, holder, **fields):
    data = {"action": "declare", "holder": holder.pk, **fields}
    return client.post(url("events:election_proxies", election), data)


def test_a_city_gives_its_vote_to_another_citys_delegate_and_withdraws_it(
    client, event, ready, seoul, nairobi
):
    nairobi_delegate = delegate(event, nairobi, "Wanjiru")
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    shown = page(client.get(url("events:election_proxies", ready)))
    assert "Nairobi: Wanjiru" in shown

    response = declare(client, ready, nairobi_delegate, member=seoul.pk)
    assert response.status_code == 302
    assert Proxy.objects.get(election=ready, member=seoul).holder == nairobi_delegate
    after = page(client.get(response["Location"]))
    assert "Seoul gives its vote to Wanjiru, the delegate of Nairobi." in after

    client.post(url("events:election_proxies", ready), {"action": "withdraw", "member": seoul.pk})
    assert not Proxy.objects.exists()


def test_a_proxy_to_ones_own_city_is_refused_next_to_the_field(client, event, ready, seoul):
    user, own_delegate = make_delegate(event, seoul)
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    response = declare(client, ready, own_delegate, member=seoul.pk)
    html = page(response)
    assert response.status_code == 400
    assert "Choose the accredited delegate of another city at this event." in html
    assert 'id="id_holder_error"' in html
    assert not Proxy.objects.exists()


def test_chains_of_proxies_are_refused(client, event, ready, seoul, nairobi):
    hebron = make_member(name_en="Hebron")
    _user, seoul_delegate = make_delegate(event, seoul)
    _user, nairobi_delegate = make_delegate(event, nairobi)
    service.declare_proxy(ready, nairobi, seoul_delegate, by=None)  # Nairobi gave its vote
    client.force_login(make_user(Role.FOCAL_POINT, member=hebron))
    to_a_city_that_gave = declare(client, ready, nairobi_delegate, member=hebron.pk)
    assert to_a_city_that_gave.status_code == 400
    assert "That city has given its own vote to another city" in page(to_a_city_that_gave)

    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    _user, hebron_delegate = make_delegate(event, hebron)
    holder_gives_on = declare(client, ready, hebron_delegate, member=seoul.pk)
    html = page(holder_gives_on)
    assert holder_gives_on.status_code == 400
    assert "a city that holds proxies keeps its own vote" in html
    assert 'id="id_holder_error"' in html
    assert Proxy.objects.count() == 1


def test_a_proxy_is_declared_before_voting_opens(client, event, ready, seoul, nairobi):
    _user, nairobi_delegate = make_delegate(event, nairobi)
    service.open_voting(ready)
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    shown = page(client.get(url("events:election_proxies", ready)))
    assert "Voting has opened: proxies can no longer be declared or withdrawn." in shown
    response = declare(client, ready, nairobi_delegate, member=seoul.pk)
    html = page(response)
    assert response.status_code == 400
    assert "Proxies must be declared before voting opens." in html
    assert 'id="id_holder_error"' in html
    assert not Proxy.objects.exists()


def test_a_proxy_is_refused_when_voting_opens_by_its_time(client, event, seoul, nairobi):
    election = make_election(event=event, opens_at=timezone.now() - timedelta(minutes=1))
    service.close_candidacies(election)
    _user, nairobi_delegate = make_delegate(event, nairobi)
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    response = declare(client, election, nairobi_delegate, member=seoul.pk)
    assert response.status_code == 400
    assert "Proxies must be declared before voting opens." in page(response)


def test_staff_see_every_proxy_declared(client, staff, event, ready, seoul, nairobi):
    nairobi_delegate = delegate(event, nairobi, "Wanjiru")
    service.declare_proxy(ready, seoul, nairobi_delegate, by=None)
    html = page(client.get(url("events:election_proxies", ready)))
    assert "Every proxy declared" in html
    assert "Seoul" in html and "Wanjiru" in html
    assert "Declare the proxy" not in html  # staff see; the city declares


def test_the_staff_tab_bar_of_an_assembly_leads_to_its_elections(client, staff, event):
    """A General Assembly holds elections: its tab bar leads to them (and from the list, to a
    new one) before there is any; another kind of event only once it has one."""
    tabs = page(client.get(reverse("events:edit", args=[event.slug])))
    for name in ("events:elections", "events:accreditation"):
        assert f'href="{reverse(name, args=[event.slug])}"' in tabs
    listed = page(client.get(reverse("events:elections", args=[event.slug])))
    assert f'href="{reverse("events:election_new", args=[event.slug])}"' in listed
    webinar = EventFactory(kind="webinar")
    tabs = page(client.get(reverse("events:edit", args=[webinar.slug])))
    assert reverse("events:accreditation", args=[webinar.slug]) not in tabs
    make_election(event=webinar)
    tabs = page(client.get(reverse("events:edit", args=[webinar.slug])))
    assert f'href="{reverse("events:elections", args=[webinar.slug])}"' in tabs


def test_odd_input_is_refused_without_a_server_error(client, staff, announced, seoul, nairobi):
    candidacies = url("events:election_candidacies", announced)
    long_statement = stand(
        client, announced, domain.PRESIDENT, member=seoul.pk, statement="x" * 2001
    )
    assert long_statement.status_code == 400
    assert 'id="id_statement_error"' in page(long_statement)
    assert (
        client.post(candidacies, {"action": "stand", "office": "²", "member": "x"}).status_code
        == 400
    )
    assert client.post(candidacies, {"action": "withdraw", "candidacy": "²"}).status_code == 404
    accreditation = reverse("events:accreditation", args=[announced.event.slug])
    assert client.post(accreditation, {"member": "9" * 30}).status_code == 404
    proxies = url("events:election_proxies", announced)
    assert client.post(proxies, {"action": "declare", "holder": "x"}).status_code == 400
    edit = url("events:election_edit", announced)
    assert client.post(edit, {"action": "remove-resolution", "resolution": "²"}).status_code == 404
