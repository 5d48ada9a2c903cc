"""Signing in with an email address and a password."""

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    """Django's ModelBackend for signing in (and django-axes in front of it), without its
    per-model permissions: the platform's permissions are its rules predicates over roles
    (accounts/roles.py), and no page or admin screen grants Django's group or user
    permissions. ModelBackend would load them in two queries on every page, for the
    navigation's has_perm checks of someone who is not staff; an active superuser has every
    permission anyway (PermissionsMixin.has_perm says so before asking a backend)."""

    # The two sources ModelBackend reads; has_perm, has_module_perms and get_all_permissions
    # are built on them, so they find nothing either.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
