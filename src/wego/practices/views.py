from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.core.exports import export_response
from wego.core.i18n import Localised
from wego.core.models import Job
from wego.core.regions import Region
from wego.core.uploads import attach_evidence, evidence_response
from wego.members.models import Member
from wego.practices.domain.practice import REQUIRED_FOR_PUBLICATION, missing_for_publication
from wego.practices.interfaces.forms import PracticeFileForm, PracticeForm, ReviewForm
from wego.practices.interfaces.pages import (
    award_label,
    export_rows,
    indicator_choices,
    indicator_titles,
    read_filters,
)
from wego.practices.models import (
    Category,
    CostRange,
    Practice,
    PracticeEmbedding,
    PracticeFile,
)
from wego.practices.services import practices as lifecycle
from wego.practices.services import search, semantic

PER_PAGE = 20


def language() -> str:
    return get_language() or "en"


def sign_in_or_deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def page_number(raw: str) -> int:
    """The page of ?page=, from 1 to 500; anything else is the first page. Decimal digits of any
    script are read ("٢" is 2); "²" (a digit, not decimal) and thousands of digits, which int()
    refuses, are not."""
    if not raw.isdecimal() or len(raw) > 6:
        return 1
    return min(max(int(raw), 1), 500)


def by_words_url(query) -> str:
    """The same search by the exact words, offered when nothing is close enough in meaning."""
    words = query.copy()
    words["mode"] = "keyword"
    words.pop("page", None)
    return f"?{words.urlencode()}"


class PracticeListView(View):
    """The library: search by words or meaning, filters with counts, export of what is found."""

    def get(self, request):
        filters, mode, problems = read_filters(request.GET)
        query = request.GET.get("q", "")
        page = page_number(request.GET.get("page", ""))
        if request.GET.get("format") in ("csv", "xlsx"):
            found = search.search(query, filters, mode, 1, per_page=5000).practices
            return export_response(
                request, _("Good practices"), export_rows(found), "wego-practices"
            )
        result = search.search(query, filters, mode, page, PER_PAGE)
        context = {
            "query": query,
            "filters": filters,
            "mode": mode,
            "problems": problems,
            "result": result,
            "page": page,
            "pages": max(1, -(-result.total // PER_PAGE)),
            "categories": Category.choices,
            "regions": Region.choices,
            "costs": CostRange.choices,
            "indicator_titles": indicator_titles(language()),
            "can_add": request.user.has_perm("practices.add_practice"),
            "semantic": semantic.available(),
            "awards": {p.pk: award_label(p) for p in result.practices},
            "by_words_url": by_words_url(request.GET),
        }
        status = 400 if problems else 200
        return render(request, "practices/list.html", context, status=status)


class PracticeMixin:
    permission = "practices.view_practice"

    def dispatch(self, request, slug, *args, **kwargs):
        self.practice = get_object_or_404(Practice.objects.select_related("member"), slug=slug)
        if not request.user.has_perm(self.permission, self.practice):
            return sign_in_or_deny(request)
        return super().dispatch(request, slug, *args, **kwargs)


class PracticeDetailView(PracticeMixin, View):
    def get(self, request, slug):
        return render(request, "practices/detail.html", detail_context(self.practice, request))


STORY = ("title", "problem", "solution", "results", "lessons", "contacts")


def detail_context(practice, request, file_form=None) -> dict:
    user, titles = request.user, indicator_titles(language())
    title = practice.title_in(language())
    return {
        "practice": practice,
        "title": title,
        "summary": practice.summary_in(language()),
        # The story stays in the language the city wrote it in.
        "story": {name: Localised(getattr(practice, name), practice.language) for name in STORY},
        "written_in": written_in(practice),
        "award": award_label(practice),
        "indicators": [(code, titles.get(code, "")) for code in practice.indicators],
        "similar": search.similar_to(practice) if practice.status == "published" else [],
        "files": practice.files.all(),
        "can_edit": user.has_perm("practices.edit_practice", practice),
        "can_submit": user.has_perm("practices.submit_practice", practice),
        "can_review": user.has_perm("practices.review_practice", practice),
        "can_revise": user.has_perm("practices.revise_practice", practice),
        "missing": missing_labels(practice),
        "file_form": file_form or PracticeFileForm(),
    }


def written_in(practice) -> str:
    """The name of the practice's language when it is not the page's, to say so once."""
    if practice.language == language().split("-")[0]:
        return ""
    try:
        return get_language_info(practice.language)["name_translated"]
    except KeyError:
        return practice.language


def missing_labels(practice) -> list[str]:
    labels = {
        name: Practice._meta.get_field(name).verbose_name for name in REQUIRED_FOR_PUBLICATION
    }
    missing = missing_for_publication(practice.values())
    return [str(labels[name]).capitalize() for name in missing]


def members_for(user):
    own = Member.objects.acted_for_by(user)
    if user.has_perm("diagnostic.view_submissions"):  # network staff write for any member
        return (own | Member.objects.managed_by(user)).distinct().order_by("name")
    return own.order_by("name")


class PracticeEditView(View):
    """Write a new practice (no slug) or change one; saving never needs more than a title."""

    template_name = "practices/edit.html"

    def dispatch(self, request, slug=None):
        if slug is None:
            self.practice = Practice()
            allowed = request.user.has_perm("practices.add_practice")
        else:
            self.practice = get_object_or_404(Practice, slug=slug)
            allowed = request.user.has_perm("practices.edit_practice", self.practice)
        if not allowed:
            return sign_in_or_deny(request)
        return super().dispatch(request)

    def form(self, data=None):
        return PracticeForm(
            data,
            instance=self.practice,
            members=members_for(self.request.user),
            indicator_choices=indicator_choices(language()),
        )

    def get(self, request):
        return render(request, self.template_name, {"form": self.form(), "practice": self.practice})

    def post(self, request):
        form = self.form(request.POST)
        if not form.is_valid():
            context = {"form": form, "practice": self.practice}
            return render(request, self.template_name, context, status=400)
        practice = form.save()
        if practice.member and not practice.city:
            practice.city = practice.member.name
        lifecycle.save(practice, request.user)
        if "submit" in request.POST and request.user.has_perm(
            "practices.submit_practice", practice
        ):
            return submit(request, practice)
        messages.success(request, _("Your practice is saved."))
        return redirect(practice)


def submit(request, practice):
    try:
        lifecycle.submit(practice, request.user)
    except lifecycle.NotReady:
        messages.error(
            request,
            _("Saved as a draft. To send it for review, fill in: %(fields)s.")
            % {"fields": ", ".join(missing_labels(practice))},
        )
    else:
        messages.success(request, _("Sent for review. The WeGO staff will publish it or reply."))
    return redirect(practice)


class PracticeSubmitView(PracticeMixin, View):
    permission = "practices.submit_practice"

    def post(self, request, slug):
        return submit(request, self.practice)


class PracticeReviseView(PracticeMixin, View):
    permission = "practices.revise_practice"

    def post(self, request, slug):
        lifecycle.revise(self.practice, request.user)
        messages.success(
            request, _("The practice is a draft again, off the public library until reviewed.")
        )
        return redirect("practices:edit", slug=slug)


class PracticeReviewView(PracticeMixin, View):
    permission = "practices.review_practice"

    def render_form(self, form, status=200):
        context = {
            "practice": self.practice,
            "form": form,
            "missing": missing_labels(self.practice),
        }
        return render(self.request, "practices/review.html", context, status=status)

    def get(self, request, slug):
        return self.render_form(ReviewForm())

    def post(self, request, slug):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        if form.cleaned_data["decision"] == "return":
            lifecycle.return_to_city(self.practice, request.user, form.cleaned_data["comment"])
            messages.success(request, _("The practice went back to the city with your comment."))
            return redirect("practices:review_queue")
        try:
            lifecycle.publish(self.practice, request.user)
        except lifecycle.NotReady:
            form.add_error(
                None,
                _("It cannot be published without: %(fields)s.")
                % {"fields": ", ".join(missing_labels(self.practice))},
            )
            return self.render_form(form, status=400)
        messages.success(request, _("The practice is published."))
        return redirect(self.practice)


class ReviewQueueView(PermissionRequiredMixin, View):
    permission_required = "diagnostic.view_submissions"  # the network's staff

    def get(self, request):
        waiting = Practice.objects.filter(status=Practice.Status.REVIEW).select_related("member")
        waiting = [p for p in waiting if request.user.has_perm("practices.review_practice", p)]
        return render(request, "practices/review_queue.html", {"waiting": waiting})


class PracticeFileUploadView(PracticeMixin, View):
    permission = "practices.edit_practice"

    def post(self, request, slug):
        form = PracticeFileForm(request.POST, request.FILES)
        if attach_evidence(form, PracticeFile, request.user, practice=self.practice):
            messages.success(request, _("The file is added."))
            return redirect(self.practice)
        context = detail_context(self.practice, request, file_form=form)  # keeps the title typed
        return render(request, "practices/detail.html", context, status=400)


class PracticeFileView(PracticeMixin, View):
    def get(self, request, slug, pk):
        attached = get_object_or_404(self.practice.files, pk=pk)
        return evidence_response(attached.file, attached.kind)


class PracticeHistoryView(PracticeMixin, View):
    permission = "practices.edit_practice"

    def get(self, request, slug):
        revisions = self.practice.revisions.select_related("saved_by")[:50]
        return render(
            request, "practices/history.html", {"practice": self.practice, "revisions": revisions}
        )


class SearchIndexView(PermissionRequiredMixin, View):
    """For the secretariat: how many practices search by meaning covers; rebuild it."""

    permission_required = "practices.manage_search"

    def get(self, request):
        model = semantic.encoder()
        counts = Practice.objects.aggregate(
            total=Count("pk"),
            embedded=Count("embedding", filter=Q(embedding__model=getattr(model, "name", ""))),
        )
        context = {
            "model": model,
            "counts": counts,
            "jobs": Job.objects.filter(kind="practice-embeddings")[:5],
            "stored": PracticeEmbedding.objects.count(),
        }
        return render(request, "practices/search_index.html", context)

    def post(self, request):
        job = semantic.start_embedding(request.user)
        if job is None:
            messages.error(request, _("No sentence model is installed: search uses keywords only."))
            return redirect("practices:search_index")
        return redirect("core:job", pk=job.pk)
