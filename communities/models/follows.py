"""What a person follows: a community, a colleague or a tag. The home feed reads these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows"
    )
    community = models.ForeignKey(
        "communities.Community",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    tag = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(community__isnull=False, person__isnull=True, tag="")
                    | Q(community__isnull=True, person__isnull=False, tag="")
                    | (Q(community__isnull=True, person__isnull=True) & ~Q(tag=""))
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=Q(community__isnull=False),
                name="follow_community_once",
            ),
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=Q(person__isnull=False),
                name="follow_person_once",
            ),
            models.UniqueConstraint(
                fields=["user", "tag"], condition=~Q(tag=""), name="follow_tag_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.community_id or self.person_id or self.tag}"
