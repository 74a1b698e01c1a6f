"""Objectives with KPI targets, weekly KPI snapshots, activity days, signals lexicon and
reports, and the works-council switches of the listening loop."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from insights.kpis_registry import kpi_choices


class ActivityDay(models.Model):
    """One row per person and day they used Ruche: enough for weekly active users."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(db_index=True)

    class Meta:
        verbose_name = _("activity day")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="insights_activity_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.day}"


class Objective(ClusterableModel):
    """A goal the communicators set for a period, measured by KPIs with targets."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    # The built-in template it was turned on from (`insights.objective_templates`), once.
    template = models.CharField(max_length=40, blank=True, default="", editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        InlinePanel("kpis", heading=_("KPIs and targets"), label=_("KPI"), min_num=1),
    ]

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["-ends_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="insights_objective_period_order",
            ),
            models.UniqueConstraint(
                fields=["template"],
                condition=~models.Q(template=""),
                name="insights_objective_template_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period must end after it starts.")})


class ObjectiveKPI(models.Model):
    objective = ParentalKey(Objective, on_delete=models.CASCADE, related_name="kpis")
    # Choices read from the registry when needed: registering a KPI needs no migration.
    kpi = models.CharField(_("KPI"), max_length=40, choices=kpi_choices)
    target = models.FloatField(
        _("target"),
        help_text=_("In the KPI's unit: a percentage (0-100), a number of days or a count."),
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("kpi"), FieldPanel("target")]

    class Meta:
        verbose_name = _("KPI target")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "kpi"], name="insights_kpi_once_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.get_kpi_display()} → {self.target:g}"


class KPISnapshot(models.Model):
    """A KPI's value for one week, organisation-wide (team empty) or for a team and below.

    `value` is empty when the figure was drawn from fewer than INSIGHTS_MIN_PEOPLE people;
    recomputing a week updates its row (one row per KPI, team and week).
    """

    kpi = models.CharField(max_length=40, choices=kpi_choices)
    team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField()
    value = models.FloatField(null=True)
    people = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("KPI snapshot")
        ordering = ["week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "team", "week_start"],
                name="insights_snapshot_once_per_week",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.week_start}: {self.value}"


class FrustrationExpression(models.Model):
    """A negative expression that marks frustration ("ça ne marche pas", "waste of time")."""

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    expression = models.CharField(_("expression"), max_length=100, unique=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    panels = [FieldPanel("expression"), FieldPanel("language")]

    class Meta:
        verbose_name = _("frustration expression")
        verbose_name_plural = _("frustration lexicon")
        ordering = ["language", "expression"]

    def __str__(self) -> str:
        return self.expression

    def clean(self) -> None:
        self.expression = " ".join(self.expression.split()).lower()
        if not self.expression:
            raise ValidationError({"expression": _("Give a word or an expression.")})


class SignalReport(models.Model):
    """The weekly signals report of one week: the unique week makes a re-run send nothing."""

    week_start = models.DateField(unique=True)
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("signals report")
        ordering = ["-week_start"]

    def __str__(self) -> str:
        return f"signals report {self.week_start}"


class SignalReportDelivery(models.Model):
    """One communicator was mailed one report. Written in the transaction that sends their
    copy: a failed send leaves no row (the retry sends), a sent one is never sent again."""

    report = models.ForeignKey(SignalReport, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signals report delivery")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="insights_report_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.report} → {self.user_id}"


@register_setting(icon="lock")
class ListeningSettings(BaseGenericSetting):
    """What the listening loop may do, as agreed with the works council (the CSE in France).

    Read only through `insights.privacy`; the server's INSIGHTS_TEAM_BREAKDOWNS and
    INSIGHTS_FRUSTRATION_ANALYSIS settings turn either off for good, whatever is chosen here.
    """

    team_breakdowns = models.BooleanField(
        _("figures by team"),
        default=True,
        help_text=_(
            "Managers' team dashboards, KPIs by team and signals by team. Off: figures are "
            "shown for the whole organisation only."
        ),
    )
    frustration_analysis = models.BooleanField(
        _("frustration analysis"),
        default=True,
        help_text=_(
            "Counting, week by week, how many people express frustration in what they write "
            "publicly. Off: nothing people write is read for frustration."
        ),
    )
    agreement = models.CharField(
        _("agreement"),
        max_length=200,
        blank=True,
        help_text=_(
            "The works-council agreement these choices follow (its name or date), shown to "
            "every employee on the page that says what is analysed."
        ),
    )

    panels = [
        FieldPanel("team_breakdowns"),
        FieldPanel("frustration_analysis"),
        FieldPanel("agreement"),
    ]

    class Meta:
        verbose_name = _("listening and works council")


class WeeklyTermCount(models.Model):
    """How many distinct people used a term in one week (insights.signals_counts).

    `team` empty: everyone (anonymous writings included); a team: its direct members who wrote
    under their name, stored only when team breakdowns are on. The empty term counts everyone
    who wrote that week, and marks the week as counted. Recounting a week replaces its rows.
    """

    week_start = models.DateField()
    term = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    people = models.PositiveIntegerField()
    texts = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("weekly term count")
        constraints = [
            models.UniqueConstraint(
                fields=["week_start", "term", "team"],
                name="insights_term_count_once_per_week",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["term", "week_start"], name="insights_term_week")]

    def __str__(self) -> str:
        return f"{self.term} {self.week_start}: {self.people}"


class WeeklyTermLink(models.Model):
    """How many distinct people used both terms in one week (`term` < `other`), kept only
    from the floor of people: what themes group related terms by."""

    week_start = models.DateField()
    term = models.CharField(max_length=200)
    other = models.CharField(max_length=200)
    people = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("weekly term link")
        constraints = [
            models.UniqueConstraint(
                fields=["week_start", "term", "other"], name="insights_term_link_once_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} + {self.other} {self.week_start}: {self.people}"
