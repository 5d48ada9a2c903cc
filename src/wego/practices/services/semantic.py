"""Search by meaning: each published practice embedded once, queries compared by cosine.

Embeddings live in the database (PracticeEmbedding) and are built by a background task with
visible progress. Queries read all vectors as one matrix, kept in the shared cache (Redis in
production) under a stamp that changes whenever an embedding does, so app servers stay
stateless and a new vector is seen by every server at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django_tasks import task

from wego.core.models import Job
from wego.practices.domain import encoders, relevance, vectors
from wego.practices.domain.practice import meaning_text, title_texts
from wego.practices.models import Practice, PracticeEmbedding

BATCH = 64


def encoder():
    return encoders.load(settings.PRACTICE_ENCODER)


def available() -> bool:
    return encoder() is not None


def embedded_texts(practice: Practice) -> list[str]:
    """What a practice's vector is made of: its text, then its title in each language."""
    values = practice.values()
    return [meaning_text(values), *title_texts(values)]


def checksum(texts: list[str]) -> str:
    # Over every text embedded and the mix of them, so that a change of either re-embeds.
    joined = "\x1f".join([str(vectors.TEXT_WEIGHT), *texts])
    return hashlib.sha256(joined.encode()).hexdigest()


def embed(practices: list[Practice]) -> int:
    """Embed the practices whose text changed since their last embedding. Returns how many."""
    model = encoder()
    if model is None:
        return 0
    texts = {p.pk: embedded_texts(p) for p in practices}
    current = {
        e.practice_id: e
        for e in PracticeEmbedding.objects.filter(practice__in=practices, model=model.name)
    }
    stale = [
        p
        for p in practices
        if p.pk not in current or current[p.pk].text_checksum != checksum(texts[p.pk])
    ]
    if not stale:
        return 0
    rows = model.encode([text for p in stale for text in texts[p.pk]])
    per_practice = len(texts[stale[0].pk])
    for number, practice in enumerate(stale):
        own = rows[number * per_practice : (number + 1) * per_practice]
        PracticeEmbedding.objects.update_or_create(
            practice=practice,
            defaults={
                "model": model.name,
                "vector": vectors.pack(vectors.practice_vector(own[0], own[1:])),
                "text_checksum": checksum(texts[practice.pk]),
            },
        )
    return len(stale)


@task()
def embed_practices_task(job_id: int, practice_ids: list[int] | None = None) -> int:
    """Embed the given practices (all of them when None), reporting progress on the job."""
    job = Job.objects.get(pk=job_id)
    queryset = Practice.objects.order_by("pk")
    if practice_ids is not None:
        queryset = queryset.filter(pk__in=practice_ids)
    ids = list(queryset.values_list("pk", flat=True))
    job.start(len(ids))
    made = 0
    try:
        for start in range(0, len(ids), BATCH):
            batch = list(Practice.objects.filter(pk__in=ids[start : start + BATCH]))
            made += embed(batch)
            job.advance(len(batch))
    except Exception as error:  # the job page must say it failed, then the worker logs it
        job.finish(str(error)[:500], failed=True)
        raise
    job.finish(f"{made}")
    return made


def start_embedding(user=None, practice_ids: list[int] | None = None) -> Job | None:
    """Queue the embedding task; None when no encoder is installed."""
    if not available():
        return None
    job = Job.objects.create(
        kind="practice-embeddings",
        title="Embeddings of good practices",
        total=len(practice_ids) if practice_ids is not None else Practice.objects.count(),
        started_by=user,
    )
    embed_practices_task.enqueue(job.pk, practice_ids)
    return job


def embed_soon(practice: Practice) -> None:
    """After a practice's text changed: refresh its embedding in the background."""
    if available():
        start_embedding(practice_ids=[practice.pk])


def _matrix(model):
    """(practice ids, matrix) of every embedding of this model, from the cache when fresh."""
    rows = PracticeEmbedding.objects.filter(model=model.name)
    stamp = rows.aggregate(n=Count("pk"), last=Max("updated_at"))
    last = stamp["last"].timestamp() if stamp["last"] else 0
    key = f"practice-vectors:{model.name}:{stamp['n']}:{last:.6f}"
    cached = cache.get(key)
    if cached is None:
        pairs = list(rows.order_by("practice_id").values_list("practice_id", "vector"))
        ids = [pk for pk, _v in pairs]
        blob = b"".join(bytes(v) for _pk, v in pairs)
        cached = (ids, blob)
        cache.set(key, cached, timeout=24 * 3600)
    ids, blob = cached
    return ids, vectors.matrix_from_blob(blob, len(ids), model.dim)


def search(queryset, query: str, limit: int) -> list[tuple[int, float]]:
    """(practice id, cosine) of the practices in `queryset` close enough to the query in
    meaning (domain.relevance), nearest first; none when nothing is."""
    return relevance.close_enough(ranked(queryset, query, limit))


def ranked(queryset, query: str, limit: int) -> list[tuple[int, float]]:
    """(practice id, cosine) of the `limit` practices in `queryset` nearest the query, however
    far: for measuring where the threshold should be."""
    model = encoder()
    if model is None or not query.strip():
        return []
    return _nearest(model, queryset, model.encode([query])[0], limit)


def search_near(queryset, practice: Practice, limit: int) -> list[tuple[int, float]]:
    """Practices of `queryset` nearest a practice's own embedding (no model call needed)."""
    model = encoder()
    if model is None:
        return []
    embedding = PracticeEmbedding.objects.filter(practice=practice, model=model.name).first()
    if embedding is None:
        return []
    return _nearest(model, queryset, vectors.unpack(bytes(embedding.vector), model.dim), limit)


def _nearest(model, queryset, vector, limit: int) -> list[tuple[int, float]]:
    ids, matrix = _matrix(model)
    if not ids:
        return []
    allowed = set(queryset.values_list("pk", flat=True))
    mask = [pk in allowed for pk in ids]
    return [(ids[row], score) for row, score in vectors.top_k(matrix, vector, limit, mask)]
