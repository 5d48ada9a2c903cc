"""The real task queue: a job queued in the database is done by `manage.py db_worker`."""

import pytest
from django.core.management import call_command

from tests.factories import make_member
from wego.core.models import Job
from wego.practices.models import Practice, PracticeEmbedding
from wego.practices.services import practices, semantic

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_database_worker_builds_embeddings_and_reports_progress(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    member = make_member()
    for number in range(3):
        practice = Practice(
            title=f"Practice {number}", member=member, city=member.name, language="en"
        )
        practices.save(practice, None, embed=False)
    job = semantic.start_embedding()
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED  # nothing ran in the request
    assert not PracticeEmbedding.objects.exists()
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == job.total == 3
    assert PracticeEmbedding.objects.count() == 3
