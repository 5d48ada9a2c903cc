"""What every page of the diagnostic shares: the reader's language, lean lists, and the
assessment pages' loading and permission check."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from wego.diagnostic.models import (
    Assessment,
)


def language() -> str:
    return get_language() or "en"


def listed(assessments):
    """Assessments for a list: without the framework's whole content and the score details."""
    return assessments.select_related("member", "framework_version").defer(
        "framework_version__content", "domain_scores", "indicator_scores"
    )


class AssessmentMixin:
    """Loads the assessment and checks `permission` on it (sign in first if anonymous)."""

    permission = "diagnostic.view_assessment"

    def dispatch(self, request, pk, **kwargs):
        queryset = Assessment.objects.select_related("member", "framework_version")
        self.assessment = get_object_or_404(queryset, pk=pk)
        if not request.user.has_perm(self.permission, self.assessment):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, pk=pk, **kwargs)

    def base_context(self, **extra):
        user, assessment = self.request.user, self.assessment
        return {
            "assessment": assessment,
            "can_edit": user.has_perm("diagnostic.edit_assessment", assessment),
            "can_view_details": user.has_perm("diagnostic.view_assessment_details", assessment),
            "can_submit": user.has_perm("diagnostic.submit_assessment", assessment),
            "can_assign": user.has_perm("diagnostic.assign_domains", assessment),
            "can_review": user.has_perm("diagnostic.validate_assessment", assessment),
            "can_publish": user.has_perm("diagnostic.publish_assessment", assessment),
            **extra,
        }
