"""Badges, QR check-in on arrival, invitation letters for visas.

- badges: staff print every approved person's badge; a delegation prints its own;
- check-in: a badge's QR code opens its check-in page on the staff's phone (GET shows the
  person, a button checks them in); the desk types the code when the camera fails;
- passport details and the invitation letter: the person, from their own page (the secret
  address sent to them), and the staff who look after their member.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from rules.contrib.views import PermissionRequiredMixin

from wego.core.exports import PDF, download
from wego.core.http import id_from
from wego.events.interfaces.badges import approved_people, badges_pdf
from wego.events.interfaces.letters import visa_letter_pdf
from wego.events.interfaces.passport_forms import BadgeCodeForm, PassportForm
from wego.events.models import Registration
from wego.events.services import arrival
from wego.events.views.calendar import visible_event

REFUSED = "events/arrival/refused.html"
CLOSED = (Registration.Status.CANCELLED, Registration.Status.DECLINED)


def refused(request, event, title, message, link=None, status=404):
    """A page that says why there is no document (yet), and where to go."""
    context = {"event": event, "title": title, "message": message, "link": link}
    return render(request, REFUSED, context, status=status)


def not_allowed(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


# --- Badges ---


class BadgesView(View):
    """Every approved person's badge (staff), or one delegation's (`?delegation=<pk>`: also
    that delegation's own users)."""

    def get(self, request, slug):
        event = visible_event(request, slug)
        delegation = None
        wanted = request.GET.get("delegation", "")
        if wanted:
            if id_from(wanted) is None:
                raise Http404
            delegation = get_object_or_404(event.delegations, pk=id_from(wanted))
            if not request.user.has_perm("events.change_delegation", delegation):
                return not_allowed(request)
        elif not request.user.has_perm("events.manage_event", event):
            return not_allowed(request)
        people = list(approved_people(event, delegation))
        if not people:
            return refused(
                request,
                event,
                _("No badge to print yet"),
                _("Badges are printed for approved registrations, and none is approved yet."),
            )
        name = f"{event.slug}-badges" + (f"-{delegation.pk}" if delegation else "")
        return download(badges_pdf(event, people), PDF, f"{name}.pdf", inline=True)


# --- Check-in ---


class CheckInMixin(PermissionRequiredMixin):
    permission_required = "events.check_in"

    def dispatch(self, request, *args, **kwargs):
        self.event = visible_event(request, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def desk_context(self, **extra):
        checked_in, expected = arrival.arrivals(self.event)
        return {"event": self.event, "checked_in": checked_in, "expected": expected, **extra}


class CheckInDeskView(CheckInMixin, View):
    """The desk: how many have arrived, and the code typed when the camera fails."""

    template_name = "events/arrival/desk.html"

    def get(self, request, slug):
        if "code" not in request.GET:
            context = self.desk_context(form=BadgeCodeForm())
            return render(request, self.template_name, context)
        form = BadgeCodeForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, self.desk_context(form=form), status=400)
        return redirect("events:check_in", slug=slug, code=form.cleaned_data["code"])


class CheckInView(CheckInMixin, View):
    """A badge's page: GET shows who it is (and changes nothing), POST checks them in."""

    template_name = "events/arrival/check_in.html"

    def get(self, request, slug, code):
        found = arrival.look_up(self.event, code, request.user)
        return render(request, self.template_name, self.desk_context(arrival=found, code=code))

    def post(self, request, slug, code):
        done = arrival.check_in(self.event, code, request.user)
        context = self.desk_context(arrival=done, code=code, posted=True)
        return render(request, self.template_name, context)


# --- Passport details and the invitation letter ---


def own_registration(slug, token):
    """The registration of a person's own page (its secret address): nobody else's."""
    return get_object_or_404(
        Registration.objects.select_related("event", "delegation__member"),
        event__slug=slug,
        token=token,
    )


def letter_refusal(request, registration, for_person: bool):
    """Why there is no letter for this registration, or None when there can be one."""
    event = registration.event
    title = _("No invitation letter")
    if not event.offers_visa_letters:
        return refused(request, event, title, _("This event does not offer invitation letters."))
    if registration.status != Registration.Status.APPROVED:
        message = (
            _("Your registration is not approved yet: the letter can be made once it is.")
            if for_person
            else _("This registration is not approved: the letter can be made once it is.")
        )
        return refused(request, event, title, message)
    if not hasattr(registration, "passport"):
        if for_person:
            link = (
                reverse("events:passport", args=[event.slug, registration.token]),
                _("Enter your passport details"),
            )
            message = _("Your passport details are missing: the letter needs them.")
        else:
            link = None
            message = _(
                "The person has not entered their passport details yet: the letter needs them. "
                "They enter them from their own registration page."
            )
        return refused(request, event, title, message, link)
    return None


@method_decorator(never_cache, name="dispatch")
class PassportView(View):
    """The person enters or corrects their passport details (their own page's address)."""

    template_name = "events/arrival/passport.html"

    def dispatch(self, request, slug, token):
        self.registration = own_registration(slug, token)
        event = self.registration.event
        title = _("No passport details needed")
        if not event.offers_visa_letters:
            return refused(
                request, event, title, _("This event does not offer invitation letters.")
            )
        if not self.registration.needs_visa_letter:
            return refused(
                request,
                event,
                title,
                _("Your registration does not ask for an invitation letter for a visa."),
            )
        if self.registration.status in CLOSED or event.is_over():
            return refused(
                request, event, title, _("This registration is closed: no letter can be made.")
            )
        return super().dispatch(request, slug, token)

    def render_form(self, form, status=200):
        context = {
            "event": self.registration.event,
            "registration": self.registration,
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)

    def form(self, data=None):
        instance = getattr(self.registration, "passport", None)
        return PassportForm(data, instance=instance, event=self.registration.event)

    def get(self, request, slug, token):
        return self.render_form(self.form())

    def post(self, request, slug, token):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        arrival.save_passport_details(self.registration, form.cleaned_data)
        messages.success(
            request,
            _("Your passport details are saved. They are deleted after the event."),
        )
        return redirect("events:passport", slug=slug, token=token)


@method_decorator(never_cache, name="dispatch")
class OwnLetterView(View):
    def get(self, request, slug, token):
        registration = own_registration(slug, token)
        return letter_response(request, registration, for_person=True)


@method_decorator(never_cache, name="dispatch")
class RegistrationLetterView(View):
    """The letter for the staff who look after the person's member."""

    def get(self, request, slug, pk):
        registration = get_object_or_404(
            Registration.objects.select_related("event", "delegation__member"),
            event__slug=slug,
            pk=pk,
        )
        if not request.user.has_perm("events.approve_registration", registration):
            return not_allowed(request)
        return letter_response(request, registration, for_person=False)


def letter_response(request, registration, for_person: bool):
    refusal = letter_refusal(request, registration, for_person)
    if refusal is not None:
        return refusal
    name = f"{registration.event.slug}-invitation-letter-{registration.pk}.pdf"
    return download(visa_letter_pdf(registration), PDF, name, inline=True)


urlpatterns = [
    path("<slug:slug>/badges.pdf", BadgesView.as_view(), name="badges"),
    path("<slug:slug>/check-in/", CheckInDeskView.as_view(), name="check_in_desk"),
    path("<slug:slug>/check-in/<str:code>/", CheckInView.as_view(), name="check_in"),
    path("<slug:slug>/me/<str:token>/passport/", PassportView.as_view(), name="passport"),
    path("<slug:slug>/me/<str:token>/letter.pdf", OwnLetterView.as_view(), name="visa_letter"),
    path(
        "<slug:slug>/registrations/<int:pk>/letter.pdf",
        RegistrationLetterView.as_view(),
        name="registration_letter",
    ),
]
