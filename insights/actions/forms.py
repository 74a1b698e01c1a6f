"""Forms of action plans; they only shape and check input, the services write.

`SourceForm` checks what an action answers: the contract other parts link to with GET
parameters (`source_kind`, `source_key`, `source_label`, `source_week`, `source_people`,
`team`), and a number of people under the floor is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, reject_bidi_controls
from insights.actions.models import ActionStatus, SourceKind
from insights.actions.services import Source
from insights.privacy import min_people
from people.models import Team

LABEL_MAX_LENGTH = 120


class OwnerField(forms.CharField):
    """A colleague named by username or email address: an active person."""

    def clean(self, value: Any) -> Any:
        name = super().clean(value).strip()
        User = get_user_model()
        owner = (
            User.objects.filter(is_active=True)
            .filter(Q(username=name) | Q(email__iexact=name))
            .order_by("pk")
            .first()
        )
        if owner is None:
            raise forms.ValidationError(_("No active colleague has this username or email."))
        return owner


class SourceForm(forms.Form):
    source_kind = forms.ChoiceField(label=_("What it answers"), choices=SourceKind.choices)
    source_key = forms.CharField(
        required=False, max_length=200, widget=forms.HiddenInput, validators=[reject_bidi_controls]
    )
    source_label = forms.CharField(
        label=_("What people talked about"),
        max_length=LABEL_MAX_LENGTH,
        help_text=_("A theme, a query or a public title: never someone's own words."),
        validators=[reject_bidi_controls],
    )
    source_week = forms.DateField(
        label=_("Week"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The Monday of the week it was said."),
    )
    source_people = forms.IntegerField(
        label=_("People behind it"),
        min_value=1,
        help_text=_("How many different people said it."),
    )

    def clean_source_week(self) -> Any:
        week = self.cleaned_data["source_week"]
        if week.weekday() != 0:
            raise forms.ValidationError(_("Give the Monday of the week."))
        return week

    def clean_source_people(self) -> int:
        people: int = self.cleaned_data["source_people"]
        if people < min_people():
            raise forms.ValidationError(
                _("An action answers at least %(floor)s people, so that nobody is singled out."),
                params={"floor": min_people()},
            )
        return people

    def source(self) -> Source:
        data = self.cleaned_data
        return Source(
            kind=data["source_kind"],
            key=data["source_key"],
            label=data["source_label"].strip(),
            week=data["source_week"],
            people=data["source_people"],
        )


class ActionFieldsForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200, validators=[reject_bidi_controls])
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    owner = OwnerField(
        label=_("Owner"), max_length=254, help_text=_("Username or email of who carries it.")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, to_field_name="slug"
    )
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    public = forms.BooleanField(
        label=_("Show it on “You said, we did”"),
        required=False,
        help_text=_("Every employee then sees what it answers, its status and its outcome."),
    )

    def __init__(self, *args: Any, teams: list[Team] | None = None, **kwargs: Any) -> None:
        """`teams`: the teams the user may choose (a manager's); None: any team or none."""
        super().__init__(*args, **kwargs)
        if teams == []:  # an owner who manages no team keeps the action's team as it is
            del self.fields["team"]
            return
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        if teams is None:
            field.queryset = Team.objects.order_by("name")
            field.empty_label = _("The whole organisation")
        else:
            field.queryset = Team.objects.filter(pk__in=[t.pk for t in teams]).order_by("name")
            field.required = True


class NewActionForm(SourceForm, ActionFieldsForm):
    """What it answers first, then the action itself."""

    field_order = [
        "source_kind",
        "source_label",
        "source_week",
        "source_people",
        "title",
        "description",
        "owner",
        "team",
        "due_on",
        "public",
    ]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_bidi_controls],
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed, in a few words: required once it is done."),
        validators=[reject_bidi_controls],
    )

    def __init__(self, *args: Any, current_status: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_status = current_status

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status == ActionStatus.DONE and not data.get("outcome", "").strip():
            self.add_error("outcome", _("Say what was done before marking it done."))
        elif (
            status == self.current_status
            and not data.get("note", "").strip()
            and not data.get("outcome", "").strip()
        ):
            self.add_error("note", _("Write a note or change the status."))
        return data
