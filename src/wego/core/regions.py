"""WeGO's world regions: shared vocabulary of members, regional offices and their staff's roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ASIA_PACIFIC = "asia-pacific", _("Asia-Pacific")
    EUROPE = "europe", _("Europe")
    AFRICA = "africa", _("Africa")
    MIDDLE_EAST = "middle-east", _("Middle East")
    LATIN_AMERICA = "latin-america", _("Latin America")
    NORTH_AMERICA = "north-america", _("North America")
