from django import forms
from django.utils.translation import gettext_lazy as _

from wego.core import limits
from wego.members.models import Member


class MatchmakingRequestForm(forms.Form):
    from_member = forms.ModelChoiceField(label=_("On behalf of"), queryset=Member.objects.none())
    to_member = forms.ModelChoiceField(
        label=_("City to meet"), queryset=Member.objects.none(), to_field_name="slug"
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what you would like to learn and when you could meet."),
    )
    indicator = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, own_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_member"].queryset = own_members
        if own_members.count() == 1:
            self.fields["from_member"].initial = own_members.first()
        self.fields["to_member"].queryset = Member.objects.filter(
            status=Member.Status.ACTIVE
        ).exclude(pk__in=own_members)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Message to the city"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, when and how you could meet."),
    )
