"""Events and matchmaking. For now: a city's request to meet another city about a topic."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wego.accounts.roles import member_ids_for
from wego.core import limits


class MatchmakingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A request is between two cities: their users see it (meetings are network business,
        so member pages show the accepted ones to members and staff only)."""
        mine = member_ids_for(user)
        return self.filter(models.Q(from_member_id__in=mine) | models.Q(to_member_id__in=mine))


class MatchmakingRequest(models.Model):
    """One member asks another for a meeting, e.g. about an indicator the other is strong on.

    Answered by the other member's users; once events exist, an accepted request gets a meeting
    slot at the next General Assembly or an online meeting.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", pgettext_lazy("matchmaking request", "Declined")

    from_member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="matchmaking_sent",
        verbose_name=_("from"),
    )
    to_member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="matchmaking_received",
        verbose_name=_("to"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    indicator_code = models.CharField(_("indicator"), max_length=20, blank=True)
    message = models.TextField(
        _("message"), max_length=limits.COMMENT, validators=[MaxLengthValidator(limits.COMMENT)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MatchmakingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matchmaking request")
        verbose_name_plural = _("matchmaking requests")

    def __str__(self):
        return f"{self.from_member} → {self.to_member}: {self.topic}"
