"""Registering a delegation, the quota, the deadline, the waiting list, staff approval,
exports and a person's own page: through the pages, as people use them."""

import csv
import io
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.events_factories import (
    DelegationFactory,
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.events.models import Registration
from wego.events.services import registration as service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def seoul():
    return make_member(name="Seoul", name_en="Seoul", slug="seoul-test", region=Region.ASIA_PACIFIC)


@pytest.fixture
def focal_point(client, seoul):
    user = make_user(Role.FOCAL_POINT, member=seoul)
    client.force_login(user)
    return user


def person(index, **fields):
    data = {
        f"people-{index}-full_name": f"Person {index}",
        f"people-{index}-email": f"p{index}@seoul.example",
        f"people-{index}-position": "Director",
        f"people-{index}-role": "delegate",
        f"people-{index}-language": "en",
    }
    data.update({f"people-{index}-{name}": value for name, value in fields.items()})
    return data


def form_data(*people, total=3):
    data = {
        "people-TOTAL_FORMS": str(total),
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "50",
    }
    for index, fields in enumerate(people):
        data.update(person(index, **fields))
    return data


def register_url(event):
    return reverse("events:register", args=[event.slug])


def test_a_city_registers_three_people_with_answers_and_sessions(client, focal_point, seoul):
    event = EventFactory(offers_visa_letters=True)
    diet = QuestionFactory(event=event, label="Dietary needs", required=True)
    tour = QuestionFactory(event=event, label="Joins the city tour", kind="yes-no")
    plenary = SessionFactory(event=event, title="Opening plenary")
    page = client.get(register_url(event))
    text = page.content.decode()
    assert "Register your delegation" in text and "Dietary needs" in text
    assert "Opening plenary" in text and "Needs an invitation letter for a visa" in text
    data = form_data(
        {"role": "head", "listed": "on", f"question_{diet.pk}": "None", "sessions": plenary.pk},
        {f"question_{diet.pk}": "Vegetarian", f"question_{tour.pk}": "yes"},
        {f"question_{diet.pk}": "Halal", "needs_visa_letter": "on", "language": "ar"},
    )
    response = client.post(register_url(event), data)
    assert response.status_code == 302
    people = Registration.objects.filter(event=event).order_by("email")
    assert [p.status for p in people] == ["pending"] * 3
    assert people[0].delegation.member == seoul and people[0].role == "head"
    assert list(people[0].sessions.all()) == [plenary]
    assert people[1].answers == {str(diet.pk): "Vegetarian", str(tour.pk): "yes"}
    assert people[2].needs_visa_letter
    assert len(mail.outbox) == 3
    arabic = next(m for m in mail.outbox if m.to == ["p2@seoul.example"])
    assert people[2].token in arabic.body
    page = client.get(response["Location"]).content.decode()
    assert "3 people registered" in page and "Waiting for approval" in page


def test_a_required_question_left_empty_is_named_and_the_rest_kept(client, focal_point):
    event = EventFactory()
    diet = QuestionFactory(event=event, label="Dietary needs", required=True)
    response = client.post(register_url(event), form_data({"full_name": "Kim Min-jun"}))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Person 1, Dietary needs: This field is required." in text
    assert 'value="Kim Min-jun"' in text
    assert not Registration.objects.filter(event=event).exists()
    assert diet.pk


def test_beyond_the_quota_is_refused_logged_and_what_was_typed_kept(
    client, focal_point, seoul, caplog
):
    event = EventFactory(quota_per_member=3)
    delegation = DelegationFactory(event=event, member=seoul)
    RegistrationFactory(delegation=delegation)
    RegistrationFactory(delegation=delegation, status="waitlisted")
    with caplog.at_level(logging.WARNING, logger="wego.events"):
        response = client.post(
            register_url(event),
            form_data({"full_name": "Lee Seo-yeon"}, {"full_name": "Park Ji-ho"}),
        )
    assert response.status_code == 400
    text = response.content.decode()
    assert "This event takes 3 people per member." in text
    assert "Your delegation can add 1 more person: remove some from the form." in text
    assert 'id="people_error"' in text  # next to the people it is about
    assert 'value="Lee Seo-yeon"' in text and 'value="Park Ji-ho"' in text
    assert event.registrations.count() == 2
    logged = [r for r in caplog.records if r.name == "wego.events"]
    assert logged and "over-quota" in logged[0].getMessage()
    assert f"member {seoul.pk}" in logged[0].getMessage()
    assert "Lee" not in logged[0].getMessage() and "@" not in logged[0].getMessage()


def test_after_the_deadline_the_refusal_names_it_in_the_events_zone(client, focal_point):
    deadline = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    event = EventFactory(registration_deadline=deadline, time_zone="Asia/Seoul")
    expected = service.when(deadline, "Asia/Seoul")
    page = client.get(register_url(event)).content.decode()
    assert f"Registration closed on {expected}" in page and "(Asia/Seoul)" in page
    response = client.post(register_url(event), form_data({"full_name": "Late Comer"}))
    assert response.status_code == 400
    text = response.content.decode()
    assert f"Registration closed on {expected}" in text
    assert 'value="Late Comer"' in text
    assert not event.registrations.exists()


def test_a_full_event_waitlists_and_a_cancellation_promotes_the_first_waiting(
    client, focal_point, seoul
):
    event = EventFactory(capacity=2, needs_approval=False)
    other = DelegationFactory(event=event)
    leaving = RegistrationFactory(delegation=other)
    response = client.post(register_url(event), form_data({}, {}, {}))
    assert response.status_code == 302
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses["p0@seoul.example"] == "approved"
    assert statuses["p1@seoul.example"] == statuses["p2@seoul.example"] == "waitlisted"
    assert "On the waiting list" in mail.outbox[1].subject
    mail.outbox.clear()
    page = client.get(reverse("events:personal", args=[event.slug, leaving.token]))
    assert "Cancel my registration" in page.content.decode()
    client.logout()
    response = client.post(
        reverse("events:personal", args=[event.slug, leaving.token]), {"cancel": "yes"}
    )
    assert response.status_code == 302
    first, second = (
        Registration.objects.get(event=event, email=f"p{n}@seoul.example") for n in (1, 2)
    )
    assert first.status == "approved" and second.status == "waitlisted"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["p1@seoul.example"].startswith("A place for you at")
    assert subjects[leaving.email].startswith("Registration cancelled")
    # A second cancellation of the same person promotes nobody more.
    assert service.cancel(Registration.objects.get(pk=leaving.pk)) == []
    assert Registration.objects.get(pk=second.pk).status == "waitlisted"


def test_a_delegation_cancels_one_person_from_its_page(client, focal_point, seoul):
    event = EventFactory()
    delegation = DelegationFactory(event=event, member=seoul)
    staying = RegistrationFactory(delegation=delegation, full_name="Staying Person")
    going = RegistrationFactory(delegation=delegation, full_name="Going Person")
    url = reverse("events:delegation", args=[event.slug, delegation.pk])
    page = client.get(url).content.decode()
    assert "Staying Person" in page and "Cancel this registration" in page
    assert client.post(url, {"cancel": str(going.pk)}).status_code == 302
    going.refresh_from_db()
    staying.refresh_from_db()
    assert going.status == "cancelled" and staying.status == "approved"


def test_regional_staff_approve_only_their_regions_people(client):
    event = EventFactory()
    asia = DelegationFactory(event=event, member=make_member(region=Region.ASIA_PACIFIC))
    africa = DelegationFactory(event=event, member=make_member(region=Region.AFRICA))
    mine = RegistrationFactory(delegation=asia, status="pending", full_name="Asia Person")
    theirs = RegistrationFactory(delegation=africa, status="pending", full_name="Africa Person")
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC))
    url = reverse("events:registrations", args=[event.slug])
    page = client.get(url).content.decode()
    assert "Asia Person" in page and "Africa Person" not in page
    client.post(url, {"action": "approve", "selected": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "approved" and theirs.status == "pending"
    assert [m.to for m in mail.outbox] == [[mine.email]]
    assert "Your place is confirmed" in mail.outbox[0].subject


def test_staff_decline_frees_a_place_for_the_waiting_list(client):
    event = EventFactory(capacity=1)
    declined = RegistrationFactory(event=event, status="pending")
    waiting = RegistrationFactory(event=event, status="waitlisted")
    client.force_login(make_user(Role.SECRETARIAT))
    url = reverse("events:registrations", args=[event.slug])
    assert client.post(url, {"decline_one": str(declined.pk)}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "pending"  # the event needs approval: waiting for staff now
    assert any(m.subject.startswith("A place for you") for m in mail.outbox)


def test_a_bigger_capacity_promotes_the_waiting_in_order(client):
    event = EventFactory(capacity=1, needs_approval=False)
    RegistrationFactory(event=event)
    later = RegistrationFactory(event=event, status="waitlisted", waitlisted_at=timezone.now())
    first = RegistrationFactory(
        event=event, status="waitlisted", waitlisted_at=timezone.now() - timedelta(days=1)
    )
    event.capacity = 2
    event.save()
    assert [r.pk for r in service.fill_free_places(event)] == [first.pk]
    later.refresh_from_db()
    assert later.status == "waitlisted"


def test_the_staff_export_has_every_row_with_its_answers(client):
    event = EventFactory()
    diet = QuestionFactory(event=event, label="Dietary needs")
    RegistrationFactory(event=event, full_name="=Formula Person", answers={str(diet.pk): "Vegan"})
    RegistrationFactory(event=event, full_name="Second Person", status="waitlisted")
    client.force_login(make_user(Role.SECRETARIAT))
    url = reverse("events:registrations_export", args=[event.slug])
    response = client.get(url, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Dietary needs"
    assert len(rows) == 3
    names = {row[1] for row in rows[1:]}
    assert "Second Person" in names and "'=Formula Person" in names
    assert "Vegan" in [row[-1] for row in rows]
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_personal_page_works_signed_out_and_a_wrong_token_is_not_found(client):
    registration = RegistrationFactory(full_name="Token Person", status="pending")
    slug = registration.event.slug
    page = client.get(reverse("events:personal", args=[slug, registration.token]))
    text = page.content.decode()
    assert "Token Person" in text and "Waiting for approval" in text
    assert client.get(reverse("events:personal", args=[slug, "not-the-token"])).status_code == 404
    other = EventFactory()
    wrong_event = reverse("events:personal", args=[other.slug, registration.token])
    assert client.get(wrong_event).status_code == 404


def test_the_event_page_calls_to_action(client, focal_point, seoul):
    event = EventFactory()
    text = client.get(event.get_absolute_url()).content.decode()
    assert "Register your delegation" in text
    RegistrationFactory(delegation=DelegationFactory(event=event, member=seoul))
    text = client.get(event.get_absolute_url()).content.decode()
    assert "Your delegation (Seoul): 1 person: 1 approved." in text
    client.logout()
    assert "Sign in to register" in client.get(event.get_absolute_url()).content.decode()
    closed = EventFactory(registration_deadline=timezone.now() - timedelta(days=1))
    assert "Registration closed on" in client.get(closed.get_absolute_url()).content.decode()


def test_a_delegation_changes_a_persons_details_and_a_taken_email_is_refused(
    client, focal_point, seoul
):
    event = EventFactory()
    delegation = DelegationFactory(event=event, member=seoul)
    first = RegistrationFactory(delegation=delegation, full_name="First Person")
    second = RegistrationFactory(delegation=delegation, full_name="Second Person")
    url = reverse("events:delegation", args=[event.slug, delegation.pk])

    def data(**changes):
        posted = {}
        for person in (first, second):
            prefix = f"person-{person.pk}"
            posted.update(
                {
                    f"{prefix}-full_name": person.full_name,
                    f"{prefix}-email": person.email,
                    f"{prefix}-position": person.position,
                    f"{prefix}-role": person.role,
                    f"{prefix}-language": person.language,
                    f"{prefix}-listed": "on",
                }
            )
        posted.update(changes)
        return posted

    changed = data(**{f"person-{first.pk}-position": "Chief Information Officer"})
    assert client.post(url, changed).status_code == 302
    first.refresh_from_db()
    assert first.position == "Chief Information Officer"
    taken = data(**{f"person-{second.pk}-email": first.email, f"person-{second.pk}-role": "head"})
    response = client.post(url, taken)
    assert response.status_code == 400
    text = response.content.decode()
    assert "registered for this event already (the same email address)" in text
    second.refresh_from_db()
    assert second.email != first.email and second.role == "delegate"
