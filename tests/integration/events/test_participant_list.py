"""The participant list: approved people who agreed to appear, by delegation, for whoever may
see the event; and its export."""

import csv
import io

import pytest
from django.urls import reverse

from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_member, make_user
from wego.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_only_approved_people_who_agreed_appear_grouped_by_delegation(client):
    event = EventFactory()
    seoul = DelegationFactory(event=event, member=make_member(name="Seoul", name_en="Seoul"))
    partner = DelegationFactory(event=event, member=None, organisation="UN-Habitat")
    RegistrationFactory(delegation=seoul, full_name="Kim Listed", position="Mayor", role="head")
    RegistrationFactory(delegation=seoul, full_name="Lee Unlisted", listed=False)
    RegistrationFactory(delegation=seoul, full_name="Park Pending", status="pending")
    RegistrationFactory(delegation=seoul, full_name="Choi Waiting", status="waitlisted")
    RegistrationFactory(delegation=partner, full_name="Ana Partner")
    RegistrationFactory(delegation=seoul, full_name="Ahn Delegate", role="delegate")
    page = client.get(reverse("events:participants", args=[event.slug]))
    text = page.content.decode()
    assert "Kim Listed" in text and "Mayor" in text and "Head of delegation" in text
    assert "Ana Partner" in text and "UN-Habitat" in text
    for hidden in ("Lee Unlisted", "Park Pending", "Choi Waiting"):
        assert hidden not in text
    assert "3 people have agreed to appear on this list, in 2 delegations." in text
    # the head of delegation first, though the delegate's name comes first in the alphabet
    assert text.index(">Seoul<") < text.index("Kim Listed") < text.index("Ahn Delegate")


def test_a_members_only_event_lists_for_signed_in_members_only(client):
    event = EventFactory(audience="members")
    RegistrationFactory(event=event, full_name="Member Person")
    url = reverse("events:participants", args=[event.slug])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(make_user(Role.CITY_USER, member=make_member()))
    assert "Member Person" in client.get(url).content.decode()


def test_the_export_has_the_listed_rows_only(client):
    event = EventFactory()
    RegistrationFactory(event=event, full_name="Listed One")
    RegistrationFactory(event=event, full_name="Listed Two")
    RegistrationFactory(event=event, full_name="Not Listed", listed=False)
    url = reverse("events:participants_export", args=[event.slug])
    response = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Delegation", "Full name", "Position", "Role"]
    assert sorted(row[1] for row in rows[1:]) == ["Listed One", "Listed Two"]
    assert client.get(url, {"format": "xlsx"})["Content-Disposition"].endswith('.xlsx"')
