from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


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
