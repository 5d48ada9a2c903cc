"""Who may see what, decided once per object kind.

Each kind's queryset has `visible_to(user)` (sometimes a second rule, such as who may see an
assessment's answers); pages, exports, feeds, the sitemap and the API list through it, and the
permission of one object is a rules predicate built on the same queryset by `visible_through`,
so a list and a detail page cannot disagree. docs/adding-a-domain.md tells the whole pattern.
"""

import rules
from django.contrib.auth.models import AnonymousUser


def visible_through(model, method: str = "visible_to"):
    """A rules predicate: the object is among `model.objects.<method>(user)` (one query)."""

    def visible(user, obj) -> bool:
        if obj is None or obj.pk is None:
            return False
        return getattr(model.objects, method)(user).filter(pk=obj.pk).exists()

    visible.__name__ = f"{model._meta.model_name}_{method}"
    return rules.predicate(visible)


def public(objects):
    """What anybody may see of a kind (`Model.objects`): the sitemap and feeds show this."""
    return objects.visible_to(AnonymousUser())
