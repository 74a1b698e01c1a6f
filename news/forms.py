"""The forms of leadership questions: asking and answering. The services check everything;
these forms carry what was typed back to the page when the service refuses it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from news.services.questions import QUESTION_MAX_LENGTH


class RefusableForm(forms.Form):
    """A form whose `main` field shows a service's refusal as its error."""

    main = "body"

    def refuse(self, message: str) -> None:
        self.is_valid()
        self.errors[self.main] = self.error_class([message])


class QuestionForm(RefusableForm):
    body = forms.CharField(
        label=_("Your question to leadership"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Colleagues upvote the questions they want answered; answers are public."),
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously (only moderators can see who asked, to act on abuse)"),
        required=False,
    )
    update = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "ask-%s")
        super().__init__(*args, **kwargs)


class AnswerForm(RefusableForm):
    main = "answer"
    answer = forms.CharField(
        label=_("Your answer (published to everyone)"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
