"""The `synonym` import kind: a group of terms the search treats as the same."""

from typing import Any

from core.importing import ImportKind, ImportRowError, register
from search.models import Synonym


@register
class SynonymKind(ImportKind):
    kind = "synonym"
    required = ("terms",)

    def import_row(self, row: dict[str, Any], ctx) -> tuple[Synonym, bool]:
        terms = self.string_list(row, "terms")
        if len(terms) < 2:
            raise ImportRowError("field 'terms' needs two or more words or phrases")
        synonym = ctx.find("synonym", row["key"])
        created = synonym is None
        synonym = synonym or Synonym()
        synonym.terms = "\n".join(terms)
        synonym.full_clean()
        synonym.save()
        return synonym, created
