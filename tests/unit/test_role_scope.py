import pytest
from django.core.exceptions import ValidationError

from wego.accounts.models import Role, validate_role_scope
from wego.core.regions import Region
from wego.members.models import Member


def test_city_roles_need_a_member():
    for role in (Role.FOCAL_POINT, Role.CITY_USER):
        with pytest.raises(ValidationError) as error:
            validate_role_scope(role, None, "")
        assert "member" in error.value.message_dict


def test_regional_staff_need_a_region():
    with pytest.raises(ValidationError) as error:
        validate_role_scope(Role.REGIONAL_STAFF, None, "")
    assert "region" in error.value.message_dict
    validate_role_scope(Role.REGIONAL_STAFF, None, Region.EUROPE)


def test_network_roles_take_no_scope():
    city = Member(name="X", slug="x", country="KR", region=Region.ASIA_PACIFIC)
    for role in (Role.SECRETARIAT, Role.JUDGE, Role.PARTNER):
        validate_role_scope(role, None, "")
        with pytest.raises(ValidationError):
            validate_role_scope(role, city, "")
        with pytest.raises(ValidationError):
            validate_role_scope(role, None, Region.AFRICA)
