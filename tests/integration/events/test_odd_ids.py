"""Ids in addresses and forms that are not ids ("²", which str.isdigit accepts and int refuses;
more digits than the database holds): "not found" or the page again, never a server error."""

import pytest

from tests.events_factories import EventFactory
from tests.factories import make_secretariat
from wego.core.http import id_from

pytestmark = pytest.mark.django_db

ODD = ["²", "١٢", "9" * 30, "-1", " 12", ""]


@pytest.mark.parametrize("text", ODD)
def test_only_ascii_digits_of_a_database_size_are_ids(text):
    assert id_from(text) is None


def test_ids_are_read():
    assert id_from("12") == 12 and id_from(7) == 7


@pytest.mark.parametrize("odd", ["²", "9" * 30])
def test_staff_pages_answer_odd_ids_without_a_server_error(client, odd):
    event = EventFactory(has_matchmaking=True)
    client.force_login(make_secretariat())
    badges = client.get(f"/events/{event.slug}/badges.pdf", {"delegation": odd})
    assert badges.status_code == 404
    schedule = client.get(f"/events/{event.slug}/schedule/", {"move": odd})
    assert schedule.status_code == 200 and "Pin or move a meeting" not in schedule.content.decode()
    queue = client.post(f"/events/{event.slug}/registrations/", {"approve_one": odd})
    assert queue.status_code in (302, 400)
