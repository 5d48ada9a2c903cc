"""Invented results of the demo network, said as such in every export that lists results.

Pages say it with the template diagnostic/includes/demo_notice.html; a table or an export
of results has a column whose cell says whether that row is demo data.
"""

from django.utils.translation import gettext as _


def demo_heading() -> str:
    return _("Demo data")


def demo_cell(is_demo: bool) -> str:
    """The cell of the demo data column: yes or no, in the reader's language."""
    return _("yes") if is_demo else _("no")


def demo_notice() -> str:
    """What a document made from a demo assessment says about it (the pages' notice)."""
    return _("Demo data: invented results for trying the platform; they are not the city's own.")
