"""Uploaded files are checked by what they contain, not by their name."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

# The first bytes of each kind of file the platform accepts as evidence.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class UploadProblem:
    code: str  # "too-large" or "kind"
    size_mb: int = 0
    limit_mb: int = 0


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes start, or None when it is not one we accept."""
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(prefix) for prefix in prefixes):
            return kind
    return None


def check_evidence(upload) -> tuple[str | None, UploadProblem | None]:
    """(kind, None) for an acceptable file, (None, problem) otherwise. Reads 16 bytes only."""
    if upload.size > MAX_EVIDENCE_BYTES:
        size = -(-upload.size // (1024 * 1024))
        return None, UploadProblem("too-large", size, MAX_EVIDENCE_BYTES // (1024 * 1024))
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        return None, UploadProblem("kind")
    return kind, None


def upload_problem_text(problem: UploadProblem) -> str:
    if problem.code == "too-large":
        return _("The file is too large (%(size)s MB; at most %(limit)s MB).") % {
            "size": problem.size_mb,
            "limit": problem.limit_mb,
        }
    return _("Attach a PDF, PNG or JPEG file; the content of this file is none of them.")


def attach_evidence(form, model, user, **owner):
    """Store the form's file as a `model` row (owner fields given), once checked by content.

    None when the form or the file is refused; the problem is then on the form's file field,
    and the form keeps the title typed.
    """
    if not form.is_valid():
        return None
    upload = form.cleaned_data["file"]
    kind, problem = check_evidence(upload)
    if problem:
        form.add_error("file", upload_problem_text(problem))
        return None
    return model.objects.create(
        file=upload,
        kind=kind,
        title=form.cleaned_data["title"],
        size=upload.size,
        uploaded_by=user,
        **owner,
    )
