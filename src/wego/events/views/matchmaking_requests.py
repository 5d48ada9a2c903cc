from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.core.i18n import translate
from wego.events.interfaces.forms import AnswerForm, MatchmakingRequestForm
from wego.events.models import MatchmakingRequest
from wego.events.services import matchmaking
from wego.events.services.suggestions import current_framework
from wego.members.models import Member


class CityUserMixin(PermissionRequiredMixin):
    """Matchmaking pages are for the users of member cities."""

    permission_required = "events.request_meeting"

    @cached_property
    def own_members(self):
        return Member.objects.acted_for_by(self.request.user)


class MatchmakingListView(CityUserMixin, View):
    """Requests received (to answer) and sent, for the members the user acts for."""

    def get(self, request):
        return self.render_page()

    def render_page(self, refused=None, status=200):
        """The page; `refused` is (request, bound form) when an answer was not valid."""
        requests = MatchmakingRequest.objects.select_related("from_member", "to_member")
        forms = {refused[0].pk: refused[1]} if refused else {}
        received = [
            (r, forms.get(r.pk) or AnswerForm(prefix=f"r{r.pk}"))
            for r in requests.filter(to_member__in=self.own_members)
        ]
        sent = requests.filter(from_member__in=self.own_members)
        context = {"received": received, "sent": sent}
        return render(self.request, "events/matchmaking.html", context, status=status)


def indicator_title(code: str) -> str:
    """The topic of a request made from a roadmap item: its CeDS indicator, in the reader's
    language (links carry the code only, not the title: an Arabic title urlencoded weighs
    six bytes a letter, three times in each roadmap item)."""
    framework = current_framework() if code else None
    indicator = framework.indicator_map().get(code) if framework else None
    return translate(indicator.title, get_language() or "en") if indicator else ""


class MatchmakingNewView(CityUserMixin, View):
    template_name = "events/matchmaking_new.html"

    def get(self, request):
        indicator = request.GET.get("indicator", "")[:20]
        initial = {
            "to_member": request.GET.get("to", ""),
            "topic": request.GET.get("topic", "")[:200] or indicator_title(indicator),
            "indicator": indicator,
            "message": _(
                "Hello, we saw that your city does well on this topic. We would like to learn "
                "how you did it. Could we meet, online or at the next General Assembly?"
            ),
        }
        form = MatchmakingRequestForm(initial=initial, own_members=self.own_members)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = MatchmakingRequestForm(request.POST, own_members=self.own_members)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        sent = matchmaking.ask(
            data["from_member"],
            data["to_member"],
            data["topic"],
            data["message"],
            request.user,
            indicator_code=data["indicator"],
        )
        messages.success(
            request,
            _("Your request is sent to %(city)s. You will get an email when they answer.")
            % {"city": sent.to_member.name},
        )
        return redirect("events:matchmaking")


class MatchmakingAnswerView(MatchmakingListView):
    http_method_names = ["post"]  # the page itself is the list's

    def post(self, request, pk):
        asked = get_object_or_404(MatchmakingRequest, pk=pk)
        if not request.user.has_perm("events.answer_request", asked):
            raise PermissionDenied
        form = AnswerForm(request.POST, prefix=f"r{asked.pk}")
        if not form.is_valid():
            return self.render_page(refused=(asked, form), status=400)
        accepted = form.cleaned_data["decision"] == "accept"
        matchmaking.answer(asked, accepted, form.cleaned_data["answer"], request.user)
        messages.success(
            request, _("Your answer is sent to %(city)s.") % {"city": asked.from_member.name}
        )
        return redirect("events:matchmaking")


urlpatterns = [
    path("matchmaking/", MatchmakingListView.as_view(), name="matchmaking"),
    path("matchmaking/new/", MatchmakingNewView.as_view(), name="matchmaking_new"),
    path(
        "matchmaking/<int:pk>/answer/",
        MatchmakingAnswerView.as_view(),
        name="matchmaking_answer",
    ),
]
