import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from search.folding import fold, normal

WORD = re.compile(r"\w+")


class Synonym(index.Indexed, models.Model):
    """Words or phrases that mean the same, acronyms with their expansion.

    Editors maintain them as a snippet; the search service applies them at query time, so an
    edit takes effect without reindexing.
    """

    terms = models.TextField(
        _("terms"),
        help_text=_("One word or phrase a line, for example RGPD, GDPR, protection des données."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.splitlines() if term.strip()]

    def clean(self) -> None:
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two terms, one a line.")})
        if any("," in term for term in terms):
            raise ValidationError({"terms": _("Put each term on its own line, without commas.")})
        self.terms = "\n".join(dict.fromkeys(terms))


class SearchEntry(index.Indexed, models.Model):
    """The unified search documents in the embedded mode, searched by Wagtail's database backend.

    With a search engine configured the same documents live in the engine's index instead.
    """

    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    key = models.CharField(max_length=255, blank=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    language = models.CharField(max_length=2, blank=True)
    # The languages of the other versions, space-separated (SearchDocument.translations).
    translations = models.CharField(max_length=20, blank=True)
    tags = models.TextField(blank=True)
    teams = models.TextField(blank=True)
    suggestions = models.TextField(blank=True)
    date = models.DateTimeField(null=True, blank=True)
    audience_team_ids = models.JSONField(null=True, blank=True)
    group_ids = models.JSONField(null=True, blank=True)
    # None, or the communities whose readers (`read`) or knowers (`see`) alone find it.
    community_ids = models.JSONField(null=True, blank=True)
    community_access = models.CharField(max_length=4, default="read")
    visible_from = models.DateTimeField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    # From then on it may be out of date (core.findable.SearchDocument.stale_from).
    stale_from = models.DateTimeField(null=True, blank=True)

    # Indexed explicitly into the database backend by search.indexing, never into an engine.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.SearchField("tags", boost=2),
        index.SearchField("teams"),
        index.SearchField("suggestions", boost=2),
        # Accents folded: PostgreSQL's text search keeps them ("helene" finds "Hélène").
        index.SearchField("folded_text"),
        index.AutocompleteField("title"),
        index.AutocompleteField("suggestions"),
        index.AutocompleteField("folded_names"),
        index.FilterField("kind"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"

    def folded_text(self) -> str:
        """The words of every searched field as the database backend cannot find them, each
        once: without accents (PostgreSQL keeps them), and without a plural mark or a final
        "e" (SQLite does not stem), for the relaxed tier to ask for (search/database.py)."""
        text = "\n".join([self.title, self.tags, self.teams, self.suggestions, self.body])
        words: dict[str, None] = {}
        for word in WORD.findall(text):
            folded = fold(word)
            if folded != word.lower():
                words[folded] = None
            if normal(folded) != folded:
                words[normal(folded)] = None
        return " ".join(words)

    def folded_names(self) -> str:
        """Titles, names and tags folded, for prefix matching ("kuber", "helen")."""
        return fold("\n".join([self.title, self.suggestions, self.tags]))


class SearchQueryLog(models.Model):
    """One search made by an employee, for the analytics dashboard and the insights.

    `searcher` is a keyed hash of the user, enough to count distinct people without naming
    anyone; logs older than SEARCH_LOG_RETENTION_DAYS are deleted.
    """

    query = models.CharField(max_length=200)
    normalized_query = models.CharField(max_length=200, db_index=True)
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField()
    searcher = models.CharField(max_length=64)
    source = models.CharField(max_length=10, default="page")  # page, api
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        permissions = [
            ("view_search_analytics", _("Can see search analytics")),
            ("use_relevance_desk", _("Can try queries and tune search in the relevance desk")),
        ]

    def __str__(self) -> str:
        return self.query


class SearchClick(models.Model):
    search = models.ForeignKey(SearchQueryLog, on_delete=models.CASCADE, related_name="clicks")
    rank = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.search} → {self.kind}:{self.object_id}"


class IndexReconciliation(models.Model):
    """One run of the reconciliation of the index with the database (search.reconciliation):
    what it found and what it repaired, shown by `manage.py search_index_status`."""

    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    checked = models.PositiveIntegerField(default=0)  # documents the database expects
    missing = models.PositiveIntegerField(default=0)
    stale = models.PositiveIntegerField(default=0)
    extra = models.PositiveIntegerField(default=0)
    repaired = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("index reconciliation")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"reconciliation {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def differences(self) -> int:
        return self.missing + self.stale + self.extra
