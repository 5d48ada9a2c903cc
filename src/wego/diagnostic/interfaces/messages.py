"""The reader's-language wording of the domain's answer errors."""

from django.utils.translation import gettext as _

from wego.diagnostic.domain.answers import AnswerError


def answer_error_text(error: AnswerError) -> str:
    texts = {
        "not-applicable": lambda: _("This question cannot be answered “not applicable”."),
        "level": lambda: _("Choose a level from 0 to 4."),
        "whole-level": lambda: _("Choose a whole level from 0 to 4."),
        "yes-no": lambda: _("Answer yes or no."),
        "number": lambda: _("Enter a number, for example 12 or 3.5."),
        "negative": lambda: _("Enter a number that is not negative."),
        "percentage": lambda: _("Enter a percentage from 0 to 100."),
        "choice": lambda: _("Choose one of: %(options)s.") % error.params,
        "too-long": lambda: (
            _("The text is too long (%(length)s characters; at most %(limit)s).") % error.params
        ),
    }
    return texts[error.code]()
