"""The outcome emails through the real task queue, under the task's current and former path."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.factories import make_application, make_cycle, make_user
from tests.integration.awards.results_helpers import decide
from wego.accounts.models import Role
from wego.awards.services import announcements
from wego.core.models import Job

pytestmark = pytest.mark.django_db(transaction=True)

# Where the task lived before the results services were split by concern.
FORMER_PATH = "wego.awards.services.results.announce_outcomes_task"


@pytest.mark.parametrize("path", ["current", FORMER_PATH])
def test_the_worker_sends_an_announcement_queued_under_either_path(settings, path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    make_user(Role.FOCAL_POINT, member=application.member)
    decide(application, "best")
    job = announcements.start_announcement(cycle, None)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "wego.awards.services.announcements.announce_outcomes_task"
    if path != "current":
        DBTaskResult.objects.update(task_path=path)  # as queued before the split

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)

    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 1, 1)
    assert len(mail.outbox) == 1
