"""Dates of an award cycle in templates, read in the cycle's time zone (not the server's)."""

from django import template

from wego.core import dates as cycle_dates

register = template.Library()


@register.filter
def in_zone(moment, zone: str) -> str:
    """{{ cycle.deadline|in_zone:cycle.time_zone }}: "30 June 2026, 23:59 (Asia/Seoul)"."""
    return cycle_dates.when(moment, zone) if moment else ""


@register.filter
def clock_in_zone(moment, zone: str) -> str:
    """The same without the zone's name, for a table whose heading names it."""
    return cycle_dates.clock(moment, zone) if moment else ""
