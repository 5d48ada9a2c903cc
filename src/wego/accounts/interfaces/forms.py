from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wego.accounts.models import Invitation, Role, User, validate_role_scope
from wego.accounts.roles import managed

# Longer than any passphrase or password manager's password; a password is never stored, only
# its hash, so the limit only bounds what a form reads.
MAX_PASSWORD_LENGTH = 128


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The email address or password is not right. Both are checked; "
            "the password is case-sensitive."
        ),
        "inactive": _("This account is switched off. Contact the WeGO Secretariat."),
    }


class InvitationForm(forms.ModelForm):
    """Staff invite a person to a role; the member list is limited to what they manage."""

    class Meta:
        model = Invitation
        fields = ["email", "full_name", "role", "member", "region"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, inviter, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        members = self.fields["member"].queryset
        self.fields["member"].queryset = managed(members, inviter).order_by("name")
        self.fields["member"].help_text = _("Required for focal points and city users.")
        self.fields["region"].help_text = _("Required for regional office staff.")
        if not inviter.has_perm("accounts.invite_network_role"):
            # Regional staff may only invite people who act for a member of their region.
            city_roles = [(r.value, r.label) for r in (Role.FOCAL_POINT, Role.CITY_USER)]
            self.fields["role"].choices = city_roles
            del self.fields["region"]

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        data = super().clean()
        role, member = data.get("role"), data.get("member")
        if role:
            try:
                validate_role_scope(role, member, data.get("region", ""))
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        if member and not self.inviter.has_perm("accounts.invite_to_member", member):
            self.add_error("member", _("You can only invite people for members you look after."))
        return data


class AcceptInvitationForm(forms.Form):
    """A new person sets their name and password when accepting an invitation."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        if first:
            candidate = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
