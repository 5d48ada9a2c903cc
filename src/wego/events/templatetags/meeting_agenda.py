"""`{% agenda_days registration as days %}`: a person's agenda by day, for the block of their
own page (which is given the registration only)."""

from django import template

from wego.events.interfaces.agenda import agenda_items, by_day

register = template.Library()


@register.simple_tag
def agenda_days(registration):
    return by_day(agenda_items(registration))
