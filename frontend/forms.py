"""The styleguide's sample form: one field of each kind the component library renders."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SampleForm(forms.Form):
    """Shown empty and in error on /styleguide/ (never saved)."""

    title = forms.CharField(
        label=_("Title"), max_length=80, help_text=_("Eighty characters at most.")
    )
    email = forms.EmailField(label=_("Email"), required=False)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mention colleagues with @ and their username."),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("all", _("Everyone")), ("team", _("My team"))],
        widget=forms.RadioSelect,
        initial="all",
    )
    notify = forms.BooleanField(label=_("Notify the people mentioned"), required=False)

    def clean(self):
        """A form-wide error, for the error summary's non-field line."""
        cleaned = super().clean()
        if cleaned.get("title") and cleaned.get("title") == cleaned.get("body"):
            raise forms.ValidationError(_("The message must say more than its title."))
        return cleaned
