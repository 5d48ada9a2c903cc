"""The awards in the secretariat's administration; the platform's own pages do the daily work.

Judges' scores are confidential between a judge and the secretariat: reviews are listed
read-only, without their scores, and the scores themselves only appear inside one review.
"""

from wego.awards.models import (
    Application,
    ApplicationFile,
    AwardCycle,
    Conflict,
    Criterion,
    CycleCategory,
    Decision,
    Judge,
    Review,
    Score,
)
from wego.core.admin_site import SecretariatInline, SecretariatModelAdmin, admin_site


class CycleCategoryInline(SecretariatInline):
    model = CycleCategory
    fields = ["category", "description", "questions", "order"]


class CriterionInline(SecretariatInline):
    model = Criterion
    fields = ["name", "weight", "min_score", "max_score", "rubric", "order"]


class AwardCycleAdmin(SecretariatModelAdmin):
    list_display = [
        "name",
        "year",
        "time_zone",
        "call_opens_at",
        "deadline",
        "results_published_at",
    ]
    list_filter = ["year", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [CycleCategoryInline, CriterionInline]


class ApplicationFileInline(SecretariatInline):
    model = ApplicationFile
    fields = ["title", "kind", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class ApplicationAdmin(SecretariatModelAdmin):
    list_display = ["title", "member", "cycle", "category", "status", "submitted_at"]
    list_filter = ["cycle", "category", "status", "is_demo"]
    search_fields = ["title", "member__name_en"]
    list_select_related = ["member", "cycle"]
    autocomplete_fields = ["member"]
    raw_id_fields = ["practice"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [ApplicationFileInline]


class ConflictInline(SecretariatInline):
    model = Conflict
    fields = ["application", "reason", "note", "declared_by", "created_at"]
    raw_id_fields = ["application"]
    readonly_fields = ["declared_by", "created_at"]


class JudgeAdmin(SecretariatModelAdmin):
    list_display = ["full_name", "organisation", "country", "cycle", "user", "reminded_at"]
    list_filter = ["cycle", "country"]
    search_fields = ["full_name", "email", "organisation"]
    raw_id_fields = ["user", "member"]
    inlines = [ConflictInline]


class ConflictAdmin(SecretariatModelAdmin):
    list_display = ["judge", "application", "reason", "created_at"]
    list_filter = ["reason", "judge__cycle"]
    raw_id_fields = ["judge", "application"]
    readonly_fields = ["declared_by", "created_at"]


class DecisionAdmin(SecretariatModelAdmin):
    list_display = ["application", "tier", "decided_by", "decided_at"]
    list_filter = ["tier", "application__cycle"]
    raw_id_fields = ["application"]
    readonly_fields = ["decided_by", "decided_at"]


class ReadOnlyMixin:
    """Seen, never changed here: a score is changed by its judge, or not at all."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScoreInline(ReadOnlyMixin, SecretariatInline):
    model = Score
    fields = ["criterion", "value", "comment"]
    readonly_fields = fields


class ReviewAdmin(ReadOnlyMixin, SecretariatModelAdmin):
    list_display = ["assignment", "status", "submitted_at"]
    list_filter = ["status", "assignment__judge__cycle"]
    readonly_fields = ["assignment", "status", "comment", "updated_at", "submitted_at"]
    inlines = [ScoreInline]


admin_site.register(AwardCycle, AwardCycleAdmin)
admin_site.register(Application, ApplicationAdmin)
admin_site.register(Judge, JudgeAdmin)
admin_site.register(Conflict, ConflictAdmin)
admin_site.register(Decision, DecisionAdmin)
admin_site.register(Review, ReviewAdmin)
