"""Forms of posts: the composer (post or question, tags, schedule, poll, attachments), the
comment form and the poll ballot. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import PostKind
from communities.services.polls import MAX_ANSWERS
from communities.services.posts import MAX_ATTACHMENTS
from core.text import COMMENT_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PostForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), choices=PostKind.choices, initial=PostKind.POST, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        help_text=_("Required for a question."),
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "data-mentions": ""}),
        help_text=_("Links are kept; type @ to mention someone."),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=500
    )
    attachments = MultipleFileField(
        label=_("Files and images"),
        required=False,
        help_text=_("At most %(count)s files: images, PDF, Office documents.")
        % {"count": MAX_ATTACHMENTS},
    )
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Animators may schedule a post; empty: now."),
    )
    poll_question = forms.CharField(label=_("Poll question"), required=False, max_length=300)
    poll_answers = forms.CharField(
        label=_("Answers, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Between 2 and %(max)s answers.") % {"max": MAX_ANSWERS},
    )
    poll_multiple = forms.BooleanField(label=_("Several answers allowed"), required=False)
    poll_closes_at = forms.DateTimeField(
        label=_("Poll closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, can_schedule: bool = False, editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        if not can_schedule or editing:
            del self.fields["publish_at"]
        if editing:
            for name in ("kind", "poll_question", "poll_answers", "poll_multiple"):
                del self.fields[name]
            del self.fields["poll_closes_at"]

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data.get("tags", "").split(",")]

    def poll_answer_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("poll_answers", "").splitlines()]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "data-mentions": ""}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
