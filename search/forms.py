"""The editors' relevance desk forms: what they type is checked here, what it means to the
search in search/desk.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from search.services import MAX_QUERY_LENGTH


class DeskQueryForm(forms.Form):
    q = forms.CharField(label=_("Query"), max_length=MAX_QUERY_LENGTH, strip=True)


class SynonymForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUERY_LENGTH)
    terms = forms.CharField(
        label=_("Terms that mean the same"),
        help_text=_("One word or phrase a line, at least two."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.cleaned_data["terms"].splitlines() if term.strip()]


class AcronymForm(forms.Form):
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_QUERY_LENGTH)
    acronym = forms.CharField(label=_("Acronym"), max_length=40)
    expansion = forms.CharField(label=_("What it stands for"), max_length=200)


class PromoteForm(forms.Form):
    q = forms.CharField(
        label=_("Query"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.HiddenInput,
        error_messages={"required": _("Search for something before promoting a page.")},
    )
    page = forms.ModelChoiceField(
        label=_("Page to show first"),
        queryset=Page.objects.filter(depth__gt=1),
        widget=AdminPageChooser(),
        error_messages={
            "required": _("Choose the page to show first."),
            "invalid_choice": _("This page does not exist (any more)."),
        },
    )
    description = forms.CharField(
        label=_("Description shown with it (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
