# mypy: disable-error-code="var-annotated"
# (the plugin does not type the fields of ClusterableModel and Orderable subclasses; pyproject.toml)
"""Pulse surveys: short recurring surveys sent to teams, answered anonymously.

Anonymity by construction: `Participation` says *who* answered a round (so nobody answers
twice), `Response` and `Answer` say *what* was answered, with no link to a person, no
timestamp (a round is dated by its week) and random UUID keys (no sequence that could line
answers up with participations). Both are written in one transaction (services.py).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

MAX_QUESTIONS = 5
MAX_CHOICES = 10


class Recurrence(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


class QuestionKind(models.TextChoices):
    SCALE_10 = "scale_10", _("Scale from 0 to 10")
    SCALE_5 = "scale_5", _("Scale from 1 to 5")
    CHOICE = "choice", _("Single choice")
    TEXT = "text", _("Free text")


SCALES = {QuestionKind.SCALE_10: range(0, 11), QuestionKind.SCALE_5: range(1, 6)}


class PulseSurvey(ClusterableModel):
    """A survey of one to five questions, sent to its audience at each period."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    audience = ParentalManyToManyField(
        "people.Team",
        verbose_name=_("audience"),
        blank=True,
        related_name="+",
        help_text=_("Teams asked, their sub-teams included. No team: everyone."),
    )
    recurrence = models.CharField(
        _("recurrence"), max_length=20, choices=Recurrence.choices, default=Recurrence.MONTHLY
    )
    starts_on = models.DateField(
        _("first week"),
        help_text=_("The first round opens on the Monday of this week."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active surveys open new rounds.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("Question"),
            min_num=1,
            max_num=MAX_QUESTIONS,
        ),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("recurrence"), FieldPanel("starts_on")]),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("pulse survey")
        verbose_name_plural = _("pulse surveys")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class PulseQuestion(Orderable):
    """One question of a survey: a scale, a single choice (one option a line) or free text."""

    survey = ParentalKey(PulseSurvey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SCALE_10
    )
    text = models.CharField(_("question"), max_length=300)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("Single choice only: one option a line.")
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("text")]), FieldPanel("choices")]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def scale(self) -> range | None:
        return SCALES.get(QuestionKind(self.kind))

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and not 2 <= len(self.options) <= MAX_CHOICES:
            raise ValidationError(
                {"choices": _("Give between 2 and %(max)s options, one a line.") % {"max": 10}}
            )
        if self.kind != QuestionKind.CHOICE and self.options:
            raise ValidationError({"choices": _("Only a single-choice question has options.")})


class PulseRound(models.Model):
    """One occurrence of a survey, from the Monday it opens to the day it closes (excluded)."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="rounds")
    opens_on = models.DateField()
    closes_on = models.DateField()
    # People asked when the round opened: the denominator of the response rate.
    invited = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "-opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "opens_on"], name="pulse_round_once"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gt=models.F("opens_on")),
                name="pulse_round_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.opens_on}"


class Participation(models.Model):
    """Who answered a round, and nothing about what: one row per person and round."""

    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="pulse_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.user_id}"


class Response(models.Model):
    """One person's answers to a round, without the person: a random key, no date, and the
    team they were in (for breakdowns, shown only above the floor, insights/disclosure.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PulseRound, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """The answer to one question: a score, the index of an option, or free text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(PulseQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="pulse_one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)
