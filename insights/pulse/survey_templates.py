"""Ready-made surveys a communicator creates in one click from the admin: the eNPS, and the
objectives' own questions (finding information, being informed, being heard)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from insights.pulse.models import QuestionKind, Recurrence

Question = tuple[str, object, tuple[object, ...]]  # kind, text, options (single choice)


@dataclass(frozen=True)
class SurveyTemplate:
    slug: str
    title: object
    intro: object
    questions: tuple[Question, ...]
    recurrence: str = Recurrence.MONTHLY
    summary: object = field(default="")


ENPS = SurveyTemplate(
    slug="enps",
    title=_("Employee Net Promoter Score"),
    intro=_("One question, once a month: your answer is anonymous."),
    questions=(
        (
            QuestionKind.SCALE_10,
            _("How likely are you to recommend our company as an employer?"),
            (),
        ),
        (QuestionKind.TEXT, _("What is the main reason for your score?"), ()),
    ),
    summary=_("eNPS: promoters (9–10) minus detractors (0–6), with an optional comment."),
)

INFORMATION = SurveyTemplate(
    slug="information",
    title=_("Finding information"),
    intro=_("Three short questions on how well Ruche informs you: your answers are anonymous."),
    questions=(
        (QuestionKind.SCALE_5, _("Do you easily find the information you need?"), ()),
        (QuestionKind.SCALE_5, _("Do you feel informed about the company's news?"), ()),
        (
            QuestionKind.CHOICE,
            _("Where do you look first for information?"),
            (_("Search"), _("News"), _("A colleague"), _("My manager"), _("Elsewhere")),
        ),
    ),
    summary=_("The objectives' questions: finding information, being informed, where people look."),
)

TEMPLATES = {template.slug: template for template in (ENPS, INFORMATION)}
