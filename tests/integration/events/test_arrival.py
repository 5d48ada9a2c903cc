"""Arrival at an event: name badges with a QR code, check-in from a phone, passport details and
invitation letters for visas (and their deletion after the event)."""

import logging
import re
import shutil
import subprocess
from datetime import date, timedelta
from io import StringIO

import pytest
import segno
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.roles import Role
from wego.core.regions import Region
from wego.events.interfaces.badges import badges_html
from wego.events.models import PassportDetails, Registration
from wego.events.services.arrival import delete_passport_details

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is needed"),
]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF (pdftotext separates pages with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def seoul():
    return make_member(
        name="Seoul", name_en="Seoul", name_ko="서울", slug="seoul-test", region=Region.ASIA_PACIFIC
    )


@pytest.fixture
def event():
    return EventFactory(
        slug="ga-2026",
        title="General Assembly 2026",
        title_ko="2026 총회",
        language="en",
        offers_visa_letters=True,
    )


@pytest.fixture
def staff():
    return make_secretariat(full_name="Min-jun Kim")


@pytest.fixture
def delegation(event, seoul):
    return DelegationFactory(event=event, member=seoul)


@pytest.fixture
def person(delegation):
    return RegistrationFactory(
        delegation=delegation,
        full_name="Ji-won Park",
        language="ko",
        needs_visa_letter=True,
        user=make_user(email="jiwon@seoul.example"),
    )


def passport_for(registration, **fields):
    values = {
        "name_in_passport": "PARK JIWON",
        "passport_number": "M12345678",
        "nationality": "KR",
        "date_of_birth": date(1985, 4, 2),
        "expires_on": date(2031, 1, 1),
    }
    values.update(fields)
    return PassportDetails.objects.create(registration=registration, **values)


# --- Badges ---


def test_badges_one_page_per_approved_person_with_their_name_and_code(
    client, event, delegation, person, staff
):
    other = RegistrationFactory(delegation=delegation, full_name="Seo-yeon Choi")
    RegistrationFactory(
        delegation=delegation, full_name="Pending Person", status=Registration.Status.PENDING
    )
    client.force_login(staff)
    response = client.get(reverse("events:badges", args=[event.slug]))
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) == 2
    names = sorted(next(n for n in ("Ji-won Park", "Seo-yeon Choi") if n in p) for p in pages)
    assert names == ["Ji-won Park", "Seo-yeon Choi"]
    assert "Pending Person" not in "".join(pages)
    page = next(p for p in pages if "Ji-won Park" in p)
    code = person.badge_code
    assert " ".join(code[i : i + 4] for i in range(0, 16, 4)) in page  # typed at the desk
    assert "Seoul" in page and "General Assembly 2026" in page
    assert other.badge_code[:4] in "".join(pages)


def test_a_badge_qr_code_is_the_absolute_check_in_address(settings, event, person):
    settings.SITE_URL = "https://platform.we-gov.org"
    html = badges_html(event, [person])
    expected = f"https://platform.we-gov.org/events/ga-2026/check-in/{person.badge_code}/"
    qr = segno.make(expected, error="m")
    images = re.findall(r'<img class="badge__qr" src="([^"]+)"', html)
    assert images == [qr.svg_data_uri(scale=4, border=2)]
    # And not a code of something else that merely looks alike.
    assert images[0] != segno.make(expected + "x", error="m").svg_data_uri(scale=4, border=2)


def test_a_delegation_prints_its_own_badges_only(client, event, delegation, person, seoul):
    foreign = RegistrationFactory(event=event, full_name="Amina Otieno")
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    url = reverse("events:badges", args=[event.slug])
    pages = pdf_pages(client.get(f"{url}?delegation={delegation.pk}").content)
    assert len(pages) == 1 and "Ji-won Park" in pages[0]
    assert client.get(f"{url}?delegation={foreign.delegation.pk}").status_code == 403
    assert client.get(url).status_code == 403  # every badge: staff only


def test_no_badge_to_print_says_so(client, event, staff):
    client.force_login(staff)
    response = client.get(reverse("events:badges", args=[event.slug]))
    assert response.status_code == 404
    assert "none is approved yet" in response.content.decode()


# --- Check-in ---


def check_in_url(event, registration):
    return reverse("events:check_in", args=[event.slug, registration.badge_code])


def test_opening_a_badge_shows_the_person_and_changes_nothing(client, event, person, staff):
    client.force_login(staff)
    page = client.get(check_in_url(event, person)).content.decode()
    assert "Ji-won Park" in page and "Seoul" in page
    assert "Check in Ji-won Park" in page  # the button
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_checking_in_twice_says_already_checked_in_when_and_by_whom(client, event, person, staff):
    client.force_login(staff)
    first = client.post(check_in_url(event, person)).content.decode()
    assert "Checked in: Ji-won Park (Seoul)." in flat(first)
    person.refresh_from_db()
    assert person.checked_in_by == staff and person.checked_in_at is not None
    arrived = timezone.localtime(person.checked_in_at, timezone.get_fixed_timezone(9 * 60))
    second = flat(client.post(check_in_url(event, person)).content.decode())
    assert f"Ji-won Park is already checked in: at {arrived:%H:%M} by Min-jun Kim." in second
    assert "Check in Ji-won Park" not in second
    assert "1 checked in of 1 person expected" in re.sub(r"<[^>]+>", "", second)


def test_a_badge_of_another_event_is_refused_named_and_logged(client, event, staff, caplog):
    training = EventFactory(title="Smart City Training 2026")
    visitor = RegistrationFactory(event=training, full_name="Carlos Ruiz")
    client.force_login(staff)
    with caplog.at_level(logging.WARNING, logger="wego.events"):
        page = flat(client.post(check_in_url(event, visitor)).content.decode())
    assert "This badge is for another event: Smart City Training 2026." in page
    assert "Check in Carlos" not in page
    visitor.refresh_from_db()
    assert visitor.checked_in_at is None
    assert any(
        "other-event" in record.getMessage() and event.slug in record.getMessage()
        for record in caplog.records
    )
    assert "Carlos" not in caplog.text  # no names in the logs


def test_unknown_and_unapproved_codes_are_refused(client, event, delegation, staff, caplog):
    pending = RegistrationFactory(delegation=delegation, status=Registration.Status.PENDING)
    client.force_login(staff)
    with caplog.at_level(logging.WARNING, logger="wego.events"):
        unknown = client.post(reverse("events:check_in", args=[event.slug, "0000aaaa0000aaaa"]))
        refused = client.post(check_in_url(event, pending))
    assert "No registration has this code." in flat(unknown.content.decode())
    assert "registration is not approved (Waiting for approval)" in flat(refused.content.decode())
    pending.refresh_from_db()
    assert pending.checked_in_at is None
    assert len(caplog.records) == 2


def test_the_desk_counts_arrivals_and_finds_a_typed_code(client, event, person, staff):
    client.force_login(staff)
    desk = reverse("events:check_in_desk", args=[event.slug])
    page = re.sub(r"<[^>]+>", "", client.get(desk).content.decode())
    assert "0 checked in of 1 person expected" in flat(page)
    code = person.badge_code
    typed = f" {code[:4].upper()} {code[4:8]}-{code[8:]} "
    response = client.get(desk, {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == check_in_url(event, person)
    wrong = client.get(desk, {"code": "???"})
    assert wrong.status_code == 400
    assert "A badge code has only letters and digits" in wrong.content.decode()
    assert 'aria-describedby="id_code_helptext id_code_error"' in wrong.content.decode()


def test_only_staff_check_people_in(client, event, person, seoul):
    url = check_in_url(event, person)
    assert reverse("accounts:login") in client.post(url)["Location"]
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    assert client.post(url).status_code == 403
    assert client.get(reverse("events:check_in_desk", args=[event.slug])).status_code == 403
    person.refresh_from_db()
    assert person.checked_in_at is None


# --- Passport details ---


def passport_url(event, registration):
    return reverse("events:passport", args=[event.slug, registration.token])


def test_the_person_enters_passport_details_from_their_own_page(client, event, person):
    data = {
        "name_in_passport": " park   jiwon ",
        "passport_number": "m1234 5678",
        "nationality": "KR",
        "date_of_birth": "1985-04-02",
        "expires_on": "2031-01-01",
    }
    response = client.post(passport_url(event, person), data)
    assert response.status_code == 302
    saved = PassportDetails.objects.get(registration=person)
    assert (saved.name_in_passport, saved.passport_number) == ("park jiwon", "M12345678")
    page = client.get(passport_url(event, person)).content.decode()
    assert "M12345678" in page  # the person sees what they typed
    assert reverse("events:visa_letter", args=[event.slug, person.token]) in page
    assert response.get("Cache-Control") and "no-store" in response["Cache-Control"]


def test_passport_errors_are_named_next_to_their_fields_and_the_rest_kept(client, event, person):
    too_soon = (event.ends_at - timedelta(days=1)).date().isoformat()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {
        "name_in_passport": "PARK JIWON",
        "passport_number": "M12345678",
        "nationality": "KR",
        "date_of_birth": tomorrow,
        "expires_on": too_soon,
    }
    response = client.post(passport_url(event, person), data)
    assert response.status_code == 400
    page = flat(response.content.decode())
    assert "The date of birth cannot be in the future." in page
    assert "The passport expires before the event ends" in page
    assert 'aria-describedby="id_date_of_birth_error"' in page
    assert 'value="M12345678"' in page and 'value="PARK JIWON"' in page
    assert not PassportDetails.objects.exists()


def test_no_passport_page_where_no_letter_is_offered(client, event, delegation):
    nobody = RegistrationFactory(delegation=delegation, needs_visa_letter=False)
    response = client.get(passport_url(event, nobody))
    assert response.status_code == 404
    assert "does not ask for an invitation letter" in response.content.decode()
    wrong_token = reverse("events:passport", args=[event.slug, "not-a-token"])
    assert client.get(wrong_token).status_code == 404


def test_passport_details_are_for_the_person_and_the_staff_who_look_after_them(
    event, person, seoul
):
    passport_for(person)
    asia = make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC)
    africa = make_user(Role.REGIONAL_STAFF, region=Region.AFRICA)
    focal_point = make_user(Role.FOCAL_POINT, member=seoul)  # registered the delegation
    seen = {
        "person": person.user,
        "secretariat": make_secretariat(),
        "asia office": asia,
        "africa office": africa,
        "focal point": focal_point,
    }
    visible = {who: PassportDetails.objects.visible_to(user).exists() for who, user in seen.items()}
    assert visible == {
        "person": True,
        "secretariat": True,
        "asia office": True,
        "africa office": False,
        "focal point": False,
    }
    assert focal_point.has_perm("events.view_passport", person.passport) is False


def test_the_personal_block_offers_the_passport_form_then_the_letter(event, person):
    block = render_to_string(
        "events/personal/passport.html", {"event": event, "registration": person}
    )
    assert passport_url(event, person) in block and "Enter your passport details" in block
    passport_for(person)
    person.refresh_from_db()
    block = render_to_string(
        "events/personal/passport.html", {"event": event, "registration": person}
    )
    assert reverse("events:visa_letter", args=[event.slug, person.token]) in block
    assert "M12345678" not in block  # the page does not print them
    event.offers_visa_letters = False
    assert not render_to_string(
        "events/personal/passport.html", {"event": event, "registration": person}
    ).strip()


def test_passport_details_are_deleted_after_the_event(event, person, delegation):
    passport_for(person)
    past = EventFactory(starts_at=timezone.now() - timedelta(days=10), offers_visa_letters=True)
    past_person = RegistrationFactory(event=past, needs_visa_letter=True)
    passport_for(past_person)
    out = StringIO()
    call_command("delete_passport_details", stdout=out)
    assert "Deleted the passport details of 1 registration(s)." in out.getvalue()
    assert list(PassportDetails.objects.values_list("registration", flat=True)) == [person.pk]
    # With a margin: kept until N days after the end.
    assert delete_passport_details(timezone.now() + timedelta(days=40), after_days=30) == 0
    assert delete_passport_details(timezone.now() + timedelta(days=40), after_days=1) == 1
    assert not PassportDetails.objects.exists()


# --- Invitation letters ---


def test_the_letter_is_in_the_event_language_then_the_delegates(client, event, person):
    passport_for(person)
    response = client.get(reverse("events:visa_letter", args=[event.slug, person.token]))
    assert response["Content-Type"] == "application/pdf"
    english, korean = pdf_pages(response.content)
    assert "M12345678" in english and "M12345678" in korean
    assert "PARK JIWON" in english
    assert "World e-Governments Organization" in english and "General Assembly 2026" in english
    assert "Seoul City Hall" in flat(english) and "South Korea" in flat(english)
    assert "세계도시전자정부협의체" in korean and "WeGO 사무국" in korean
    assert "2026 총회" in korean and "서울" in korean and "대한민국" in korean
    assert "세계도시전자정부협의체" not in english


def test_one_page_when_the_delegate_reads_the_event_language(client, event, delegation):
    english_speaker = RegistrationFactory(
        delegation=delegation, language="en", needs_visa_letter=True
    )
    passport_for(english_speaker, passport_number="X9876543")
    response = client.get(reverse("events:visa_letter", args=[event.slug, english_speaker.token]))
    pages = pdf_pages(response.content)
    assert len(pages) == 1 and "X9876543" in pages[0]


def test_no_letter_without_passport_details_or_approval(client, event, person, delegation):
    url = reverse("events:visa_letter", args=[event.slug, person.token])
    missing = client.get(url)
    assert missing.status_code == 404
    assert "Your passport details are missing" in missing.content.decode()
    assert passport_url(event, person) in missing.content.decode()
    pending = RegistrationFactory(
        delegation=delegation, status=Registration.Status.PENDING, needs_visa_letter=True
    )
    passport_for(pending)
    refused = client.get(reverse("events:visa_letter", args=[event.slug, pending.token]))
    assert refused.status_code == 404
    assert "Your registration is not approved yet" in refused.content.decode()


def test_staff_who_look_after_the_member_print_the_letter(client, event, person, seoul):
    passport_for(person)
    url = reverse("events:registration_letter", args=[event.slug, person.pk])
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC))
    assert "M12345678" in pdf_pages(client.get(url).content)[0]
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.AFRICA))
    assert client.get(url).status_code == 403
    client.force_login(make_user(Role.FOCAL_POINT, member=seoul))
    assert client.get(url).status_code == 403


def test_passport_details_appear_in_no_list_nor_export(client, event, person, staff):
    passport_for(person, passport_number="Q55501234", date_of_birth=date(1979, 11, 23))
    client.force_login(staff)
    pages = {
        "registrations": reverse("events:registrations", args=[event.slug]),
        "participants": reverse("events:participants", args=[event.slug]),
        "registrations csv": reverse("events:registrations_export", args=[event.slug])
        + "?format=csv",
        "participants csv": reverse("events:participants_export", args=[event.slug])
        + "?format=csv",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode("utf-8-sig")
        assert "Ji-won Park" in body, name  # the person is listed...
        assert "Q55501234" not in body and "1979" not in body, name  # ...their passport not
