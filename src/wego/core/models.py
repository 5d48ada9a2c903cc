"""Background jobs the user can follow: what runs, how far it got, how it ended."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What a finished job says: a count, a summary, or why it failed (cut to this length).
JOB_MESSAGE_LENGTH = 2_000


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is its starter's; the staff who may follow every job (a permission that the
        roles grant, core knowing none) see them all."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("core.view_any_job"):
            return self
        return self.filter(started_by=user)


class Job(models.Model):
    """The visible side of a background task (the queue itself is django-tasks')."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(
        blank=True,
        max_length=JOB_MESSAGE_LENGTH,
        validators=[MaxLengthValidator(JOB_MESSAGE_LENGTH)],
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    # Updates go straight to the row (several workers may report on one job).
    def start(self, total: int) -> None:
        Job.objects.filter(pk=self.pk).update(status=self.Status.RUNNING, total=total)

    def advance(self, count: int) -> None:
        Job.objects.filter(pk=self.pk).update(done=F("done") + count)

    def finish(self, message: str = "", failed: bool = False) -> None:
        Job.objects.filter(pk=self.pk).update(
            status=self.Status.FAILED if failed else self.Status.DONE,
            message=message[:JOB_MESSAGE_LENGTH],
            finished_at=timezone.now(),
        )


class EvidenceFile(models.Model):
    """An image or PDF document attached as evidence, checked by content on upload
    (core.uploads.attach_evidence). Each kind adds its owner and its `file` field, with its
    own folder."""

    kind = models.CharField(max_length=10)  # pdf, png, jpg
    title = models.CharField(pgettext_lazy("practice", "title"), max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def is_image(self) -> bool:
        return self.kind in ("png", "jpg")
