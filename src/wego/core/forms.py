from django import forms
from django.utils.translation import gettext_lazy as _

from wego.core import limits


class DecisionForm(forms.Form):
    """A reviewer's decision, with a comment that is required when the work goes back."""

    RETURN = "return"
    decisions: list[tuple[str, str]] = []

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment for the city"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.decisions

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the city should change."))
        return data
