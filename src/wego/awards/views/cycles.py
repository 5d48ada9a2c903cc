"""The secretariat sets up a cycle: its call and dates, its categories, its criteria."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.awards.interfaces.cycle_forms import CategoryFormSet, CriterionFormSet, CycleForm
from wego.awards.models import AwardCycle
from wego.awards.services import criteria as criteria_service
from wego.awards.services.cycles import create_cycle
from wego.awards.views.staff import STAFF

CYCLE_TEMPLATE = "awards/cycles/cycle_form.html"
CRITERIA_TEMPLATE = "awards/cycles/criteria.html"


class SecretariatView(PermissionRequiredMixin, View):
    permission_required = STAFF


class CycleCreateView(SecretariatView):
    """A new cycle starts with the five default categories and criteria, changed afterwards."""

    def get(self, request):
        return render(request, CYCLE_TEMPLATE, {"form": CycleForm()})

    def post(self, request):
        form = CycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = create_cycle(**form.cycle_fields())
            except ValidationError as error:  # e.g. the same web address taken a moment ago
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is created with the default categories and criteria. "
                        "Check them before the call opens."
                    )
                    % {"name": cycle.name},
                )
                return redirect("awards:edit_cycle", slug=cycle.slug)
        return render(request, CYCLE_TEMPLATE, {"form": form}, status=400)


class CycleEditView(SecretariatView):
    """The call's settings and dates (e.g. a deadline extended), and each category's texts."""

    def forms(self, cycle, data=None):
        # The form gets its own copy: a rejected value must not leak into the page's
        # headings and links, which describe the cycle as it is stored.
        editable = AwardCycle.objects.get(pk=cycle.pk)
        return (
            CycleForm(data, instance=editable),
            CategoryFormSet(data, queryset=cycle.categories.all(), prefix="categories"),
        )

    def page(self, request, cycle, form, categories, status=200):
        context = {"cycle": cycle, "form": form, "categories": categories}
        return render(request, CYCLE_TEMPLATE, context, status=status)

    def get(self, request, slug):
        cycle = get_object_or_404(AwardCycle, slug=slug)
        return self.page(request, cycle, *self.forms(cycle))

    def post(self, request, slug):
        cycle = get_object_or_404(AwardCycle, slug=slug)
        form, categories = self.forms(cycle, request.POST)
        if not (form.is_valid() and categories.is_valid()):
            return self.page(request, cycle, form, categories, status=400)
        with transaction.atomic():
            cycle = form.save()
            categories.save()
        messages.success(request, _("The changes to %(name)s are saved.") % {"name": cycle.name})
        return redirect("awards:edit_cycle", slug=cycle.slug)


class CriteriaView(SecretariatView):
    """What judges score; frozen once a judge has submitted scores."""

    def page(self, request, cycle, formset=None, status=200):
        criteria = list(cycle.criteria.all())
        shares = criteria_service.weight_shares(criteria)
        locked = criteria_service.criteria_locked(cycle)
        if locked:
            formset = None
        elif formset is None:
            formset = CriterionFormSet(queryset=cycle.criteria.all())
        context = {
            "cycle": cycle,
            "criteria": [(criterion, shares[criterion.pk]) for criterion in criteria],
            "total_weight": sum(criterion.weight for criterion in criteria),
            "locked": locked,
            "formset": formset,
            # The share shown is the stored one; a changed weight counts once saved.
            "rows": [(form, shares.get(form.instance.pk)) for form in formset or []],
        }
        return render(request, CRITERIA_TEMPLATE, context, status=status)

    def get(self, request, slug):
        return self.page(request, get_object_or_404(AwardCycle, slug=slug))

    def post(self, request, slug):
        cycle = get_object_or_404(AwardCycle, slug=slug)
        if criteria_service.criteria_locked(cycle):
            return self.refuse_locked(request, cycle)
        formset = CriterionFormSet(request.POST, queryset=cycle.criteria.all())
        if not formset.is_valid():
            return self.page(request, cycle, formset, status=400)
        changed = formset.save(commit=False)
        try:
            criteria_service.save_criteria(cycle, changed, formset.deleted_objects)
        except criteria_service.CriteriaLocked:
            return self.refuse_locked(request, cycle)
        messages.success(request, _("The criteria are saved."))
        return redirect("awards:criteria", slug=cycle.slug)

    def refuse_locked(self, request, cycle):
        messages.error(
            request,
            _(
                "The criteria were not changed: judges have already submitted scores, "
                "and those scores would change meaning."
            ),
        )
        return self.page(request, cycle, status=400)
