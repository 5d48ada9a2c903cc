"""The judges' pages: the applications they were given, and the scoring sheet of one.

A judge sees only applications assigned to them and free of any conflict of interest, and only
their own scores: never another judge's.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.roles import is_judge
from wego.awards.domain.eligibility import IN_OPERATION_KEY, answer_key
from wego.awards.interfaces.judging_forms import JudgeTieForm, ScoreSheetForm
from wego.awards.models import Application, Assignment, Conflict, Judge, Review
from wego.awards.services import panel, reviews
from wego.core.dates import countdown_text, when

access_log = logging.getLogger("wego.security")


class JudgingListView(PermissionRequiredMixin, View):
    """Each of the judge's panels, with the applications to score and how far they are."""

    permission_required = "awards.judge"

    def get(self, request):
        panel.link_seats(request.user)
        seats = Judge.objects.filter(user=request.user).select_related("cycle")
        panels = [seat_summary(seat) for seat in seats.order_by("-cycle__year", "-cycle__deadline")]
        return render(request, "awards/judging/list.html", {"panels": panels})


def seat_summary(seat: Judge) -> dict:
    given = list(
        reviews.visible_assignments(judge=seat)
        .select_related("application__member", "review")
        .order_by("application__category", "application__member__name")
    )
    statuses = [getattr(assignment, "review", None) for assignment in given]
    submitted = sum(1 for review in statuses if review and review.status == "submitted")
    return {
        "seat": seat,
        "cycle": seat.cycle,
        "assignments": given,
        "submitted": submitted,
        "drafts": sum(1 for review in statuses if review and review.status == "draft"),
        "closed": reviews.scoring_closed_reason(seat.cycle),
        "ends": when(seat.cycle.judging_ends_at, seat.cycle.time_zone),
        "left": countdown_text(seat.cycle.judging_ends_at),
    }


def refusal_reason(user, application) -> str:
    """Why a user may not score an application, for the access log."""
    if not is_judge(user):
        return "not a judge"
    if Conflict.objects.filter(judge__user=user, application=application).exists():
        return "conflict of interest"
    return "not assigned"


class ScoreView(View):
    """The application as a judge reads it, and the judge's own scoring sheet."""

    template_name = "awards/judging/score.html"

    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.application = get_object_or_404(
            Application.objects.select_related("cycle", "member"), pk=pk
        )
        panel.link_seats(request.user)
        if not request.user.has_perm("awards.score_application", self.application):
            access_log.warning(
                "Scoring refused: user %s, application %s: %s",
                request.user.pk,
                self.application.pk,
                refusal_reason(request.user, self.application),
            )
            raise PermissionDenied
        self.assignment = (
            Assignment.objects.select_related("judge")
            .filter(judge__user=request.user, application=self.application)
            .first()
        )
        self.judge = self.assignment.judge
        self.criteria = list(self.application.cycle.criteria.all())
        return super().dispatch(request, pk)

    def review(self) -> Review | None:
        return reviews.review_for(self.judge, self.application)

    def get(self, request, pk):
        review = self.review()
        form = ScoreSheetForm(initial=ScoreSheetForm.initial_from(review), criteria=self.criteria)
        return self.render_page(form, JudgeTieForm(), review)

    def post(self, request, pk):
        if "declare_tie" in request.POST:
            return self.declare_tie(request)
        form = ScoreSheetForm(request.POST, criteria=self.criteria)
        review = self.review()
        if not form.is_valid():
            return self.render_page(form, JudgeTieForm(), review, status=400)
        submit = "submit" in request.POST
        try:
            saved = reviews.save_review(
                self.assignment,
                form.values(),
                form.comments(),
                form.cleaned_data["comment"],
                submit=submit,
            )
        except reviews.InvalidScores as invalid:
            form.add_problems(invalid.problems)
            return self.render_page(form, JudgeTieForm(), review, status=400)
        except reviews.ScoringClosed as closed:
            form.add_error(None, closed.message)
            return self.render_page(form, JudgeTieForm(), review, status=400)
        if saved.status == Review.Status.SUBMITTED:
            messages.success(
                request,
                _(
                    "Your scores for %(application)s are submitted. You can change them until "
                    "judging ends."
                )
                % {"application": self.application.reference},
            )
            return redirect("awards:judging")
        messages.success(
            request, _("Your draft is saved. Submit it when every criterion is scored.")
        )
        return redirect("awards:score", pk=pk)

    def declare_tie(self, request):
        tie_form = JudgeTieForm(request.POST)
        if not tie_form.is_valid():
            form = ScoreSheetForm(
                initial=ScoreSheetForm.initial_from(self.review()), criteria=self.criteria
            )
            return self.render_page(form, tie_form, self.review(), status=400)
        panel.declare_conflict(
            self.judge, self.application, tie_form.cleaned_data["note"], request.user
        )
        messages.success(
            request,
            _(
                "Thank you: your tie with %(application)s is recorded and the application is no "
                "longer yours to score. The secretariat will give it to another judge."
            )
            % {"application": self.application.reference},
        )
        return redirect("awards:judging")

    def render_page(self, form, tie_form, review, status=200):
        application = self.application
        closed = reviews.scoring_closed_reason(application.cycle, application=application)
        if closed:  # nothing to type while scoring is closed: comments as read-only as scores
            for field in form.fields.values():  # (as attributes: what was posted still shows)
                field.widget.attrs["disabled"] = True
        context = {
            "application": application,
            "cycle": application.cycle,
            "judge": self.judge,
            "questions": answered_questions(application),
            "confirms_in_operation": bool(application.answers.get(IN_OPERATION_KEY)),
            "files": application.files.all(),
            "form": form,
            "rows": form.rows(),
            "tie_form": tie_form,
            "review": review,
            "closed": closed,
        }
        return render(self.request, self.template_name, context, status=status)


def answered_questions(application) -> list[tuple[str, str]]:
    """(question, answer) for each question of the application's category in this cycle."""
    category = application.cycle.categories.filter(category=application.category).first()
    questions = category.questions if category else []
    answers = application.answers or {}
    return [
        (question, str(answers.get(answer_key(index)) or ""))
        for index, question in enumerate(questions)
    ]
