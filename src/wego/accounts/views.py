from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.interfaces.forms import (
    AcceptInvitationForm,
    InvitationForm,
    LoginForm,
    ProfileForm,
)
from wego.accounts.models import Invitation, User
from wego.accounts.services.invitations import accept_invitation, send_invitation
from wego.core.exports import export_response


class ProfileView(LoginRequiredMixin, UpdateView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        assignments = self.request.user.role_assignments.select_related("member")
        return super().get_context_data(assignments=assignments, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


class InvitationListView(PermissionRequiredMixin, ListView):
    permission_required = "accounts.view_invitations"
    template_name = "accounts/invitations.html"
    context_object_name = "invitations"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        rows = invitation_rows(self.get_queryset())
        exported = export_response(request, _("Invitations"), rows, "wego-invitations")
        return exported or super().get(request, *args, **kwargs)

    def get_queryset(self):
        visible = Invitation.objects.visible_to(self.request.user)
        return visible.select_related("member", "invited_by")


class InvitationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "accounts.view_invitations"
    template_name = "accounts/invite.html"
    form_class = InvitationForm
    success_url = reverse_lazy("accounts:invitations")

    def get_initial(self):
        initial = super().get_initial()
        if "member" in self.request.GET:
            initial["member"] = self.request.GET["member"]
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inviter": self.request.user}

    def form_valid(self, form):
        form.instance.invited_by = self.request.user
        send_invitation(form.instance)
        messages.success(
            self.request, _("Invitation sent to %(email)s.") % {"email": form.instance.email}
        )
        return redirect(self.success_url)


class AcceptInvitationView(View):
    """Open to anyone holding a valid link: the token is the credential."""

    template_name = "accounts/accept_invitation.html"

    def dispatch(self, request, token):
        self.invitation = Invitation.objects.select_related("member").find_by_token(token)
        if self.invitation is None or not self.invitation.is_pending:
            return render(request, "accounts/invitation_invalid.html", status=410)
        self.existing = User.objects.filter(email__iexact=self.invitation.email).first()
        if self.existing and request.user != self.existing:
            messages.info(
                request,
                _("You already have an account. Sign in as %(email)s to accept the invitation.")
                % {"email": self.invitation.email},
            )
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, token)

    def get(self, request, token):
        form = None if self.existing else self._form()
        return self._render(form)

    def post(self, request, token):
        if self.existing:
            accept_invitation(self.invitation, self.existing)
            return self._done(self.existing)
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form)
        user = accept_invitation(
            self.invitation, None, form.cleaned_data["full_name"], form.cleaned_data["password1"]
        )
        login(request, user, backend="wego.accounts.backends.AccountBackend")
        return self._done(user)

    def _form(self, data=None):
        initial = {"full_name": self.invitation.full_name}
        return AcceptInvitationForm(data, initial=initial, email=self.invitation.email)

    def _render(self, form):
        context = {"invitation": self.invitation, "form": form, "existing": self.existing}
        return render(self.request, self.template_name, context)

    def _done(self, user):
        messages.success(
            self.request,
            _("Welcome, %(name)s. You are now %(role)s.")
            % {"name": user.get_short_name(), "role": self.invitation.get_role_display()},
        )
        return redirect("accounts:profile")


def invitation_rows(invitations):
    yield [_("Email address"), _("Role"), _("Member"), _("Region"), _("Sent"), _("Status")]
    for i in invitations:
        status = (
            _("Accepted") if i.accepted_at else (_("Waiting") if i.is_pending else _("Expired"))
        )
        yield [
            i.email,
            i.get_role_display(),
            i.member.name if i.member else "",
            i.get_region_display(),
            i.created_at.strftime("%Y-%m-%d"),
            status,
        ]


def sign_in_name(request, credentials=None) -> str | None:
    """The account a sign-in is for, as django-axes counts failures: the email typed, in any
    letter case (sign-in ignores case, so the count must too)."""
    typed = (credentials or {}).get("username") or request.POST.get("username")
    return typed.strip().lower() if typed else None


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account or an address has too many failed sign-ins: the
    sign-in page again, with the email kept and the wait said plainly (HTTP 429)."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    email = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": email})
    message = ngettext(
        "Too many failed sign-ins for this account or from this network. For your safety, "
        "signing in is paused for %(minutes)s minute. Wait, then try again, or reset your "
        "password.",
        "Too many failed sign-ins for this account or from this network. For your safety, "
        "signing in is paused for %(minutes)s minutes. Wait, then try again, or reset your "
        "password.",
        minutes,
    ) % {"minutes": minutes}
    context = {"form": form, "lockout": message, "next": request.POST.get("next", "")}
    return render(request, "accounts/login.html", context, status=429)
