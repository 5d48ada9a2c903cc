"""Uploaded files are checked, stored and served by what they contain, not by their name.

An uploader's file name says nothing we may trust: "report.html" may well start like a PDF.
So a file is stored under a name of ours with the extension of the kind its first bytes show
(evidence_name), and served with the type of that kind, never one guessed from the name
(evidence_response).
"""

import re
from dataclasses import dataclass

from django.http import FileResponse
from django.utils.translation import gettext as _

# The first bytes of each kind of file the platform accepts as evidence.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# The only types an evidence file is ever served with as itself (inline). Anything else,
# SVG and HTML included, is a download of unknown bytes.
CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
# The policy of a served file: it loads nothing and runs nothing, even when opened directly.
FILE_POLICY = "default-src 'none'; sandbox"


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


def safe_stem(name: str) -> str:
    """A readable stem of a file name, its extension dropped: letters, digits, dashes,
    underscores and inner dots only (no path, no leading dot), at most 80 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return re.sub(r"[^\w.-]+", "-", stem)[:80].strip(".-_") or "file"


def evidence_name(name: str, kind: str | None) -> str:
    """The name an evidence file is stored (and offered) under: a safe stem of `name` and the
    extension of `kind`, the kind its content showed; never the uploader's extension. A kind
    we do not accept gets ".bin"."""
    return f"{safe_stem(name)}.{kind if kind in CONTENT_TYPES else 'bin'}"


def evidence_response(stored, kind: str | None = None) -> FileResponse:
    """Serve a stored evidence file (a FieldFile) by its kind, never by its name.

    `kind` is the one recorded on upload, and the first bytes must still show it (without a
    recorded kind they alone decide). A PDF, PNG or JPEG is served inline with its own type;
    anything else, or a file that no longer starts as recorded, only as a download of unknown
    bytes. Either way the browser may not
    guess another type (nosniff) and the response runs nothing (FILE_POLICY, which the site's
    CSP middleware leaves in place since the header is set).
    """
    handle = stored.open("rb")
    sniffed = sniff(handle.read(16))
    handle.seek(0)
    safe = sniffed in CONTENT_TYPES and kind in (None, sniffed)
    response = FileResponse(
        handle,
        as_attachment=not safe,
        filename=evidence_name(stored.name, sniffed if safe else None),
        content_type=CONTENT_TYPES[sniffed] if safe else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    return response


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
