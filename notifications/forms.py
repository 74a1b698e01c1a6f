from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.models import Cadence


class PreferenceForm(forms.Form):
    cadence = forms.ChoiceField(
        label=_("How to notify me"), choices=Cadence.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language of my emails"),
        choices=[("", _("The site's language"))] + list(settings.LANGUAGES),
        required=False,
    )
    push = forms.BooleanField(
        label=_("Also push important events to the browsers where I turn push on"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "push-help"}),
    )
