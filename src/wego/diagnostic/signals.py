"""Extension points of the diagnostic: what higher apps add to its pages.

The practice library sits above the diagnostic (practices are tagged with its indicators), so
the diagnostic never imports it; it asks through `indicator_help` and shows what comes back.
"""

from django.dispatch import Signal

# Sent with codes= (indicator codes), member= (the assessed city, whose own work is left out)
# and per_indicator= (how many at most); a receiver answers {code: [item, ...]}, best first.
# Items are shown with their title (a text, or a core.i18n.Localised in the reader's language,
# shown with the in_its_language filter), get_absolute_url, city and get_category_display.
indicator_help = Signal()


def help_for_indicators(codes: list[str], member, per_indicator: int = 2) -> dict[str, list]:
    """What can help a city on each of these indicators, from every receiver."""
    found: dict[str, list] = {}
    answers = indicator_help.send(
        sender=None, codes=codes, member=member, per_indicator=per_indicator
    )
    for _receiver, answer in answers:
        for code, items in (answer or {}).items():
            found.setdefault(code, []).extend(items)
    return found


def help_across_indicators(codes: list[str], member, limit: int) -> list:
    """What helps on most of these indicators at once: the items answered for the most codes
    first, then in the order the receivers ranked them."""
    counts, first_seen = {}, []
    for items in help_for_indicators(codes, member, per_indicator=limit).values():
        for item in items:
            if item not in counts:
                counts[item] = 0
                first_seen.append(item)
            counts[item] += 1
    ranked = sorted(first_seen, key=lambda item: -counts[item])
    return ranked[:limit]
