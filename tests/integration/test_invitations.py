import re

import pytest
from django.urls import reverse

from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.models import Invitation, Role, RoleAssignment, User
from wego.core.regions import Region

pytestmark = pytest.mark.django_db
INVITE = reverse("accounts:invite")


def link_path(mailbox) -> str:
    """The path of the invitation link in the last email received."""
    link = re.search(r"https?://[^/\s]+(/accounts/invitations/\S+/)", mailbox.body())
    return link.group(1)


def invite(client, mailbox, **data) -> str:
    """Staff send an invitation; returns the link's path and signs the staff member out."""
    client.force_login(make_secretariat())
    client.post(INVITE, data)
    client.logout()
    return link_path(mailbox)


def test_secretariat_invites_a_focal_point_who_creates_an_account(client, smtp_server):
    city = make_member(name_en="Ulaanbaatar", name="Ulaanbaatar", slug="ulaanbaatar")
    client.force_login(make_secretariat())
    response = client.post(
        INVITE,
        {
            "email": "Focal@Example.org",
            "full_name": "Bat Erdene",
            "role": Role.FOCAL_POINT,
            "member": city.pk,
        },
    )
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "focal@example.org"
    assert "You will act for Ulaanbaatar." in smtp_server.body()

    client.logout()
    path = link_path(smtp_server)
    form = client.get(path)
    assert "Create my account" in form.content.decode()
    response = client.post(
        path,
        {
            "full_name": "Bat Erdene",
            "password1": "steppe-sky-2026!",
            "password2": "steppe-sky-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="focal@example.org")
    assert RoleAssignment.objects.filter(user=user, role=Role.FOCAL_POINT, member=city).exists()
    assert Invitation.objects.get().accepted_at is not None
    # The link worked once.
    client.logout()
    assert client.get(path).status_code == 410


def test_invitation_form_errors_name_the_field_and_keep_the_input(client):
    client.force_login(make_secretariat())
    response = client.post(
        INVITE,
        {
            "email": "not-an-address",
            "full_name": "Amina Yusuf",
            "role": Role.FOCAL_POINT,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Email address: Enter a valid email address." in page
    assert "Member: Choose the member this city role acts for." in page
    assert 'value="Amina Yusuf"' in page
    assert 'value="not-an-address"' in page
    assert Invitation.objects.count() == 0


def test_regional_staff_can_invite_only_for_their_region(client, smtp_server):
    own = make_member(region=Region.EUROPE, country="FI")
    foreign = make_member(region=Region.AFRICA, country="KE")
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.EUROPE))
    form = client.get(INVITE).context["form"]
    assert list(form.fields["member"].queryset) == [own]
    assert {value for value, _label in form.fields["role"].choices} == {
        Role.FOCAL_POINT,
        Role.CITY_USER,
    }
    response = client.post(
        INVITE, {"email": "a@b.org", "role": Role.CITY_USER, "member": foreign.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    response = client.post(INVITE, {"email": "a@b.org", "role": Role.SECRETARIAT})
    assert "Select a valid choice" in response.content.decode()
    assert Invitation.objects.count() == 0
    client.post(INVITE, {"email": "a@b.org", "role": Role.CITY_USER, "member": own.pk})
    assert Invitation.objects.get().member == own


def test_existing_user_signs_in_to_accept(client, smtp_server):
    city = make_member()
    existing = make_user(email="known@example.org")
    path = invite(
        client, smtp_server, email="known@example.org", role=Role.CITY_USER, member=city.pk
    )
    response = client.get(path)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(existing)
    assert "Accept" in client.get(path).content.decode()
    client.post(path)
    assert RoleAssignment.objects.filter(user=existing, role=Role.CITY_USER, member=city).exists()


def test_unknown_token_is_refused_clearly(client):
    response = client.get(reverse("accounts:accept_invitation", args=["nonsense"]))
    assert response.status_code == 410
    assert "This invitation link does not work" in response.content.decode()


def test_weak_password_is_refused_and_name_kept(client, smtp_server):
    city = make_member()
    path = invite(client, smtp_server, email="new@example.org", role=Role.CITY_USER, member=city.pk)
    response = client.post(
        path, {"full_name": "Lee Min", "password1": "12345", "password2": "12346"}
    )
    page = response.content.decode()
    assert "Password again: The two passwords are not the same." in page
    assert "This password is too short" in page
    assert 'value="Lee Min"' in page
    assert not User.objects.filter(email="new@example.org").exists()


def test_invitations_export(client, smtp_server):
    city = make_member(name="Tunis", name_en="Tunis", slug="tunis", country="TN")
    invite(client, smtp_server, email="tunis@example.org", role=Role.FOCAL_POINT, member=city.pk)
    client.force_login(make_secretariat())
    response = client.get(reverse("accounts:invitations"), {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "tunis@example.org,City focal point,Tunis" in text and "Waiting" in text
