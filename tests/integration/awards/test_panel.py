"""The secretariat builds a cycle's panel: existing users join at once, others are invited."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_cycle, make_judge, make_member, make_secretariat, make_user
from wego.accounts.models import Invitation, Role, RoleAssignment, User
from wego.awards.models import Judge

pytestmark = pytest.mark.django_db


def invite_data(**fields):
    data = {
        "full_name": "Hyun-Woo Park",
        "email": "dean@snu.example.org",
        "position": "Dean, Graduate School of Public Administration",
        "organisation": "Seoul National University",
        "country": "KR",
        "member": "",
        "expertise": ["services", "open-city"],
    }
    data.update(fields)
    return data


def test_an_existing_user_joins_the_panel_at_once_and_is_told_in_their_language(
    client, smtp_server
):
    cycle = make_cycle(phase="open", time_zone="Asia/Seoul")
    person = make_user(email="dean@snu.example.org", preferred_language="ko")
    client.force_login(make_secretariat())

    response = client.post(
        reverse("awards:panel", args=[cycle.slug]), invite_data(email="Dean@SNU.example.org")
    )

    assert response.status_code == 302
    judge = Judge.objects.get(cycle=cycle)
    assert judge.user == person and judge.email == "dean@snu.example.org"
    assert judge.expertise == ["services", "open-city"]
    assert RoleAssignment.objects.filter(user=person, role=Role.JUDGE).exists()
    assert not Invitation.objects.exists()
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "dean@snu.example.org"
    assert cycle.name in smtp_server.messages[0]["Subject"]
    # The link opens the judging page in the judge's own language.
    assert "/ko/awards/judging/" in smtp_server.body()

    page = client.get(reverse("awards:panel", args=[cycle.slug])).content.decode()
    assert "is on the panel and was told by email" in page
    assert "Hyun-Woo Park" in page and "Seoul National University" in page
    assert "Account linked" in page
    assert "Services, Open City" in page


def test_a_new_person_gets_an_invitation_and_their_seat_is_linked_on_first_visit(
    client, smtp_server
):
    cycle = make_cycle(phase="open")
    client.force_login(make_secretariat())

    response = client.post(
        reverse("awards:panel", args=[cycle.slug]),
        invite_data(email="head@agency.example.org", full_name="Amina Diallo", country="SN"),
    )

    assert response.status_code == 302
    judge = Judge.objects.get(cycle=cycle)
    assert judge.user is None
    invitation = Invitation.objects.get(email="head@agency.example.org")
    assert invitation.role == Role.JUDGE and invitation.full_name == "Amina Diallo"
    assert len(smtp_server.messages) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/invitations/\S+/)", smtp_server.body())
    assert link, smtp_server.body()
    panel = client.get(reverse("awards:panel", args=[cycle.slug])).content.decode()
    assert "Invitation pending" in panel
    assert "An invitation to create an account was sent to head@agency.example.org" in panel

    client.logout()
    accepted = client.post(
        link.group(1),
        {
            "full_name": "Amina Diallo",
            "password1": "baobab-dakar-2026!",
            "password2": "baobab-dakar-2026!",
        },
    )
    assert accepted.status_code == 302
    judge.refresh_from_db()
    assert judge.user is None  # linked when the judge first opens their judging page
    user = User.objects.get(email="head@agency.example.org")
    client.force_login(user)
    page = client.get(reverse("awards:judging"))
    assert page.status_code == 200
    assert cycle.name in page.content.decode()
    judge.refresh_from_db()
    assert judge.user == user


def test_inviting_the_same_email_twice_is_refused_on_the_email_field(client, smtp_server):
    cycle = make_cycle(phase="open")
    make_judge(cycle, user=make_user(email="judge@example.org"))
    client.force_login(make_secretariat())

    response = client.post(
        reverse("awards:panel", args=[cycle.slug]),
        invite_data(email="JUDGE@example.org", full_name="Someone Typed This"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert "judge@example.org is already on this cycle's panel." in form.errors["email"]
    page = response.content.decode()
    assert 'value="Someone Typed This"' in page  # what was typed is kept
    assert 'aria-describedby="id_email_helptext id_email_error"' in page
    assert Judge.objects.filter(cycle=cycle).count() == 1
    assert smtp_server.messages == []


def test_the_same_person_may_sit_on_the_panels_of_two_cycles(client, smtp_server):
    earlier, later = make_cycle(phase="judging"), make_cycle(phase="open")
    person = make_user(email="judge@example.org")
    make_judge(earlier, user=person)
    client.force_login(make_secretariat())

    response = client.post(
        reverse("awards:panel", args=[later.slug]), invite_data(email="judge@example.org")
    )

    assert response.status_code == 302
    assert Judge.objects.filter(user=person).count() == 2


def test_missing_fields_are_named_and_the_own_city_is_optional(client):
    cycle = make_cycle(phase="open")
    city = make_member(name="Ulaanbaatar", name_en="Ulaanbaatar")
    client.force_login(make_secretariat())

    response = client.post(
        reverse("awards:panel", args=[cycle.slug]),
        invite_data(full_name="", country="", member=city.pk, email="not-an-email"),
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"full_name", "country", "email"}
    page = response.content.decode()
    assert "Full name: This field is required." in page
    assert f'<option value="{city.pk}" selected>' in page


def test_panel_pages_are_for_the_secretariat_only(client):
    cycle = make_cycle(phase="open")
    judge = make_judge(cycle)
    focal = make_user(Role.FOCAL_POINT, member=make_member())
    for user in (focal, judge.user):
        client.force_login(user)
        assert client.get(reverse("awards:panel", args=[cycle.slug])).status_code == 403
        assert client.get(reverse("awards:judge", args=[cycle.slug, judge.pk])).status_code == 403
    client.logout()
    response = client.get(reverse("awards:panel", args=[cycle.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
