"""Emails written as templates: <template>_subject.txt and <template>_body.txt."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def templated_email(template: str, context: dict, to: str, connection=None) -> EmailMessage:
    """The email rendered in the active language.

    Callers wrap it (and the building of the context, whose dates and links follow the
    language too) in translation.override(<the recipient's language>).
    """
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(subject, body, to=[to], connection=connection)
