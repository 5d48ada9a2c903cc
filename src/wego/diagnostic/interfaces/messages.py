"""The reader's-language wording of the domain's answer errors."""

from django.utils.translation import gettext as _

from wego.diagnostic.domain.answers import AnswerError


def answer_error_text(error: AnswerError) -> str:
    texts = {
        "not-applicable": _("This question cannot be answered “not applicable”."),
        "level": _("Choose a level from 0 to 4."),
        "whole-level": _("Choose a whole level from 0 to 4."),
        "yes-no": _("Answer yes or no."),
        "number": _("Enter a number, for example 12 or 3.5."),
        "negative": _("Enter a number that is not negative."),
        "percentage": _("Enter a percentage from 0 to 100."),
        "choice": _("Choose one of: %(options)s.") % error.params,
        "too-long": _("The text is too long (%(length)s characters; at most %(limit)s).")
        % error.params,
    }
    return texts[error.code]
