from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wego.members.models import Member, Region


def _with_any(choices, label):
    return [("", label), *choices]


class DirectoryFilterForm(forms.Form):
    """The member directory's search and filters (a GET form)."""

    hide_optional_marks = True  # every filter is optional; saying so 4 times is noise

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=_with_any(Region.choices, _("All regions"))
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_with_any(Member.Kind.choices, _("All kinds"))
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        present = sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda c: c[1]
        )
        self.fields["country"].choices = _with_any(present, _("All countries"))

    def filter(self, qs):
        from wego.members.domain.queries import search_members

        data = self.cleaned_data
        qs = search_members(qs, data.get("q", "").strip())
        for field in ("region", "kind", "country"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        return qs
