"""The one-loop select renders exactly the HTML of Django's own select templates, whatever
its options: selected ones, groups, text to escape, safe text, translations, model choices."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.widgets import OneLoopSelect
from people.models import Team

CHOICES = [
    ("", _("Any")),
    ("lyon", "Lyon"),
    ("a&b", 'Quotes " and <b>tags</b> & ampersands'),
    (3, "A number"),
    ("safe", mark_safe("<em>safe</em>")),
    ("Sites", [("paris", "Paris"), ("nantes", "Nantes")]),
]


@pytest.mark.parametrize("value", [None, "", "lyon", "a&b", 3, "nantes", ["x"]])
@pytest.mark.parametrize(
    "attrs", [None, {"aria-describedby": "id_x_help", "aria-invalid": "true", "required": True}]
)
def test_the_same_html_as_djangos_select(value, attrs):
    theirs = forms.Select(choices=CHOICES).render("location", value, attrs=attrs)
    ours = OneLoopSelect(choices=CHOICES).render("location", value, attrs=attrs)

    assert ours == theirs


@pytest.mark.django_db
def test_the_same_html_for_a_model_choice_field_in_a_form():
    for name in ("Informatique", "R&D <labo>", "Ventes"):
        Team.objects.create(name=name, slug=name.lower().replace(" ", "-")[:20])

    class Theirs(forms.Form):
        team = forms.ModelChoiceField(Team.objects.order_by("name"), to_field_name="slug")

    class Ours(forms.Form):
        team = forms.ModelChoiceField(
            Team.objects.order_by("name"), to_field_name="slug", widget=OneLoopSelect
        )

    for data in ({}, {"team": "ventes"}, {"team": "nope"}):
        assert str(Ours(data)["team"]) == str(Theirs(data)["team"])
