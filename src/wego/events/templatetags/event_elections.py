"""The elections of an event on its page: `{% visible_elections event user as elections %}`
(the event page's view knows nothing of elections)."""

from django import template

from wego.events.interfaces.election_results import phase, phase_label
from wego.events.models import Election

register = template.Library()


@register.simple_tag
def visible_elections(event, user) -> list[dict]:
    """The event's elections the reader may see, each with its phase in words."""
    return [
        {"election": election, "label": phase_label(phase(election))}
        for election in Election.objects.visible_to(user).filter(event=event)
    ]
