"""The answer form of a round: one field per question, built from the survey."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insights.pulse.models import PulseQuestion, QuestionKind

TEXT_MAX_LENGTH = 2000


SCALE_HELP = {
    QuestionKind.SCALE_10: _("0: not at all, 10: completely."),
    QuestionKind.SCALE_5: _("1: not at all, 5: completely."),
}


def field_name(position: int) -> str:
    """`q1` for the first question: by position, so that a link can name it in any survey."""
    return f"q{position}"


class AnswerForm(forms.Form):
    """Scales and choices must be answered; free text is optional. `cleaned_answers` maps
    question ids to a score, an option index or a text."""

    def __init__(self, questions: list[PulseQuestion], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for position, question in enumerate(questions, start=1):
            self.fields[field_name(position)] = _field(question)

    def cleaned_answers(self) -> dict[int, int | str]:
        answers: dict[int, int | str] = {}
        for position, question in enumerate(self.questions, start=1):
            value = self.cleaned_data[field_name(position)]
            answers[question.pk] = value.strip() if isinstance(value, str) else int(value)
        return answers


def _field(question: PulseQuestion) -> forms.Field:
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            label=question.text,
            required=False,
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Optional. Write nothing that would tell who you are."),
        )
    if question.kind == QuestionKind.CHOICE:
        choices = list(enumerate(question.options))
    else:
        choices = [(score, str(score)) for score in question.scale or ()]
    return forms.TypedChoiceField(
        label=question.text,
        help_text=SCALE_HELP.get(question.kind, ""),
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect(
            attrs={"class": "pulse-scale"} if question.kind != QuestionKind.CHOICE else {}
        ),
        error_messages={"required": _("Choose an answer.")},
    )
