"""The four built-in objectives, as templates an administrator turns on and sets targets for,
and the objective questions a pulse survey may ask about them.

This is data: each template has a title and a description in French and English (the
objective is created in the site's default language, and can be renamed), its KPIs with a
suggested target in the KPI's unit, and the questions that measure it from what people say
rather than what they do. A template's KPI that is not registered (the actions sub-app
registers `actions_closed` and `signal_to_action_days`) is skipped when it is turned on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# Period an objective covers when turned on; the administrator edits it afterwards.
DEFAULT_PERIOD_DAYS = 365


@dataclass(frozen=True)
class Wording:
    fr: str
    en: str

    def get(self, language: str) -> str:
        return self.fr if language.startswith("fr") else self.en


@dataclass(frozen=True)
class ObjectiveQuestion:
    """A question a pulse may ask, answered on an agreement scale."""

    code: str
    objective: str
    text: Wording


@dataclass(frozen=True)
class ObjectiveTemplate:
    code: str
    title: Wording
    description: Wording
    targets: tuple[tuple[str, float], ...]  # (KPI code, suggested target), in display order

    def title_in(self, language: str | None = None) -> str:
        return self.title.get(language or settings.LANGUAGE_CODE)

    def description_in(self, language: str | None = None) -> str:
        return self.description.get(language or settings.LANGUAGE_CODE)


TEMPLATES: tuple[ObjectiveTemplate, ...] = (
    ObjectiveTemplate(
        code="information_sharing",
        title=Wording("Partage de l'information", "Information sharing"),
        description=Wording(
            "Chacun trouve vite l'information dont il a besoin, et les messages importants "
            "atteignent les personnes concernées.",
            "Everyone quickly finds the information they need, and important messages reach "
            "the people they are meant for.",
        ),
        targets=(
            ("search_first_try", 70.0),
            ("zero_results", 10.0),
            ("first_click_seconds", 20.0),
            ("must_read_ack", 90.0),
        ),
    ),
    ObjectiveTemplate(
        code="culture",
        title=Wording("Culture", "Culture"),
        description=Wording(
            "Les collègues se remercient au-delà de leur équipe, toutes les équipes "
            "participent et les valeurs de l'organisation sont reconnues au quotidien.",
            "Colleagues thank each other beyond their own team, every team takes part and "
            "the organisation's values are recognised day to day.",
        ),
        targets=(
            ("kudos_across_teams", 40.0),
            ("participation_breadth", 80.0),
            ("values_recognised", 75.0),
        ),
    ),
    ObjectiveTemplate(
        code="co_creativity",
        title=Wording("Co-créativité", "Co-creativity"),
        description=Wording(
            "Chacun propose des idées, reçoit une réponse rapide, et les meilleures idées "
            "sont mises en œuvre ; les ateliers et événements rassemblent.",
            "Everyone suggests ideas and gets a quick answer, the best ideas are "
            "implemented, and workshops and events bring people together.",
        ),
        targets=(
            ("ideas_per_100", 2.0),
            ("answered_30d", 80.0),
            ("implemented_share", 30.0),
            ("event_attendance", 10.0),
        ),
    ),
    ObjectiveTemplate(
        code="frustrations",
        title=Wording("Frustrations", "Frustrations"),
        description=Wording(
            "Les irritants sont repérés tôt, et chacun d'eux mène à une action menée à terme "
            "rapidement.",
            "Irritants are spotted early, and each leads to an action that is carried "
            "through quickly.",
        ),
        targets=(
            ("signals_raised", 5.0),
            ("actions_closed", 4.0),
            ("signal_to_action_days", 14.0),
        ),
    ),
)

QUESTIONS: tuple[ObjectiveQuestion, ...] = (
    ObjectiveQuestion(
        "find_information",
        "information_sharing",
        Wording(
            "Trouvez-vous facilement l'information dont vous avez besoin ?",
            "Do you easily find the information you need?",
        ),
    ),
    ObjectiveQuestion(
        "kept_informed",
        "information_sharing",
        Wording(
            "Êtes-vous tenu informé de ce qui compte pour votre travail ?",
            "Are you kept informed of what matters for your work?",
        ),
    ),
    ObjectiveQuestion(
        "recognised",
        "culture",
        Wording(
            "Vous sentez-vous reconnu pour votre travail ?",
            "Do you feel recognised for your work?",
        ),
    ),
    ObjectiveQuestion(
        "work_across_teams",
        "culture",
        Wording(
            "Travaillez-vous facilement avec les autres équipes ?",
            "Do you work easily with other teams?",
        ),
    ),
    ObjectiveQuestion(
        "ideas_heard",
        "co_creativity",
        Wording(
            "Vos idées sont-elles écoutées et prises en compte ?",
            "Are your ideas listened to and taken into account?",
        ),
    ),
    ObjectiveQuestion(
        "irritants_handled",
        "frustrations",
        Wording(
            "Les irritants que vous signalez sont-ils traités ?",
            "Are the irritants you report dealt with?",
        ),
    ),
)


def objective_templates() -> tuple[ObjectiveTemplate, ...]:
    return TEMPLATES


def objective_template(code: str) -> ObjectiveTemplate | None:
    return next((template for template in TEMPLATES if template.code == code), None)


def objective_questions(objective: str | None = None) -> list[dict[str, str]]:
    """The objective questions a pulse may ask, as plain data: code, objective (a template
    code), fr and en. Only those of one objective with `objective`."""
    return [
        {"code": q.code, "objective": q.objective, "fr": q.text.fr, "en": q.text.en}
        for q in QUESTIONS
        if objective is None or q.objective == objective
    ]
