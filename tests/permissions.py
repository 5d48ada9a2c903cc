"""Shared by the role-by-view matrices: what a response means for a permission check."""

from django.urls import reverse

# allowed, sent to the sign-in page, refused with 403
OK, LOGIN, NO = "ok", "login", "forbidden"


def outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code == 403:
        return NO
    if response.status_code == 302 and reverse("accounts:login") in response["Location"]:
        return LOGIN
    return f"unexpected {response.status_code}"


def cases(subjects, views, expected) -> list[tuple[str, str, str]]:
    """(subject, view, expected outcome) for every cell of the matrix."""
    return [
        (subject, view, expected[subject][index])
        for subject in subjects
        for index, view in enumerate(views)
    ]
