import pytest
from django.core.exceptions import ValidationError

from search.models import Synonym


def test_a_synonym_group_needs_two_terms_one_a_line():
    with pytest.raises(ValidationError):
        Synonym(terms="RGPD").clean()
    with pytest.raises(ValidationError):
        Synonym(terms="RGPD, GDPR\nprotection des données").clean()


def test_duplicate_terms_and_blank_lines_are_dropped():
    synonym = Synonym(terms="RGPD\n\nGDPR\nRGPD\n")

    synonym.clean()

    assert synonym.term_list == ["RGPD", "GDPR"]
