"""Forms of the ideas pages; they only shape input, the services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from agenda.forms import EventForm
from core.forms import TagListField
from core.text import (
    COMMENT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    reject_bidi_controls,
)
from ideas.models import Idea, Status
from ideas.selectors import workshop_idea_choices


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        validators=[reject_bidi_controls],
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-similar-title": ""}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    tags = TagListField(
        label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=500
    )
    co_authors = forms.CharField(
        label=_("Co-authors"),
        required=False,
        max_length=1000,
        help_text=_(
            "Usernames or email addresses of colleagues, separated by commas. Each one is "
            "asked first: their name shows on the idea once they accept."
        ),
    )
    anonymous = forms.BooleanField(
        label=_("Submit anonymously"),
        required=False,
        help_text=_("Only the challenge owner and the moderators will know it is you."),
    )

    def __init__(self, *args, allow_anonymous: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_anonymous:
            del self.fields["anonymous"]

    def clean_co_authors(self) -> list[int]:
        names = [name.strip() for name in self.cleaned_data["co_authors"].split(",")]
        names = [name for name in names if name]
        User = get_user_model()
        found = {}
        for user in User.objects.filter(is_active=True, username__in=names):
            found[user.username] = user.pk
        for user in User.objects.filter(is_active=True, email__in=names):
            found[user.email] = user.pk
        unknown = [name for name in names if name not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown colleague: %(names)s"), params={"names": ", ".join(unknown)}
            )
        return sorted(set(found.values()))


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    message = forms.CharField(
        label=_("Public message"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone who follows this idea will read it."),
    )


class ChallengeEventForm(EventForm):
    """The agenda's event form, and the ideas of the challenge the event works on; the
    services decide (`plan_challenge_event`)."""

    ideas = forms.ModelMultipleChoiceField(
        label=_("Ideas discussed"),
        queryset=Idea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "idea-picker__choice"}),
        help_text=_("Tick the ideas of this challenge the workshop will work on."),
    )

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.fields["ideas"].queryset = workshop_idea_choices(challenge)
