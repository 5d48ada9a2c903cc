"""The library answers the diagnostic's question "what can help on these indicators?"."""

from django.dispatch import receiver

from wego.diagnostic.signals import indicator_help
from wego.practices.services.recommend import for_each_indicator


@receiver(indicator_help, dispatch_uid="practices-for-indicators")
def practices_for_indicators(sender, codes, member, per_indicator, **kwargs):
    return for_each_indicator(codes, exclude_member=member, per_code=per_indicator)
