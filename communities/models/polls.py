"""A poll attached to a post: single or multiple choice, optionally closing at a date.

One ballot per person and poll (a unique row), one vote per chosen option: casting the same
ballot twice, even at the same instant from two tabs, stores it once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Poll(models.Model):
    post = models.OneToOneField("communities.Post", on_delete=models.CASCADE, related_name="poll")
    question = models.CharField(_("question"), max_length=300)
    multiple = models.BooleanField(_("several answers allowed"), default=False)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    ballot_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("poll")

    def __str__(self) -> str:
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    vote_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class PollBallot(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="poll_one_ballot")]

    def __str__(self) -> str:
        return f"ballot of {self.user_id} on {self.poll_id}"


class PollVote(models.Model):
    ballot = models.ForeignKey(PollBallot, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="votes")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "choice"], name="poll_choice_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.choice_id}"
