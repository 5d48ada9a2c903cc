"""Signing in, and where permissions come from: the rules predicates over roles, never
Django's group or user permissions (wego.accounts.backends.AccountBackend)."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission

from tests.factories import PASSWORD, make_secretariat, make_user
from wego.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_a_person_signs_in_with_their_email_and_password(rf):
    user = make_user(Role.CITY_USER, email="focal@seoul.example")
    assert authenticate(rf.get("/"), username="focal@seoul.example", password=PASSWORD) == user
    assert authenticate(rf.get("/"), username="focal@seoul.example", password="wrong") is None


def test_an_inactive_account_does_not_sign_in(rf):
    make_user(Role.CITY_USER, email="gone@seoul.example", is_active=False)
    assert authenticate(rf.get("/"), username="gone@seoul.example", password=PASSWORD) is None


def test_the_secretariat_has_its_permissions_through_its_role():
    assert make_secretariat().has_perm("core.use_admin")
    assert not make_user(Role.CITY_USER).has_perm("core.use_admin")


def test_a_django_group_grants_nothing_a_role_does_not():
    """Nothing on the platform grants Django's model permissions: a group given one in the
    database does not make its members staff (and is never read on a page)."""
    user = make_user(Role.CITY_USER)
    group = Group.objects.create(name="editors")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    user.groups.add(group)
    user = User.objects.get(pk=user.pk)
    assert not user.has_perm("accounts.change_user")
    assert user.get_all_permissions() == set()


def test_an_active_superuser_has_every_permission():
    superuser = User.objects.create_superuser("root@wego.example", PASSWORD)
    assert superuser.has_perm("core.use_admin")
    assert superuser.has_perm("accounts.change_user")
