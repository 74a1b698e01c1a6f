"""Learning from use: what several people chose for a query ranks higher for it, within bounds.

On the real OpenSearch node (and once on the embedded database search): clicks are recorded
as the search page records them (`record_click` on the person's own logged search).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction

from communities.models import Visibility
from search.indexing import rebuild
from search.learning import learned_choices
from search.models import SearchClick
from search.services import normalize_query, record_click, run_search
from tests.communities.factories import community, post
from tests.communities.search_helpers import use_stand_in_pages
from tests.intranet.factories import home_page, publish_standard_page
from tests.people.factories import UserFactory

QUERY = "télétravail"
CHARTER = "Télétravail : la charte"
FORM = "Formulaire de télétravail"


@pytest.fixture(autouse=True)
def nothing_learned_yet():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pages(db):
    home = home_page()
    publish_standard_page(
        title=CHARTER,
        body_html="<p>Trois jours de télétravail par semaine, en accord avec l'équipe.</p>",
        parent=home,
        language="fr",
    )
    publish_standard_page(
        title=FORM,
        body_html="<p>Le formulaire pour demander vos jours de travail à distance.</p>",
        parent=home,
        language="fr",
    )
    publish_standard_page(
        title="Indemnités kilométriques",
        body_html="<p>Le barème des frais kilométriques pour les déplacements.</p>",
        parent=home,
        language="fr",
    )


def titles(user, text=QUERY):
    return [hit.title for hit in run_search(user=user, text=text).results]


def choose(user, title, text=QUERY, times=1):
    """`user` searches `text` and clicks the result titled `title` (`times` times)."""
    outcome = run_search(user=user, text=text)
    rank, hit = next(
        (rank, hit) for rank, hit in enumerate(outcome.results, 1) if hit.title == title
    )
    for _ in range(times):
        assert record_click(
            user=user, log_id=outcome.log_id, rank=rank, kind=hit.kind, object_id=hit.object_id
        )


def learned():
    """Forget the learned choices cached for five minutes, as if five minutes had passed."""
    cache.clear()


def test_what_three_people_chose_comes_first_for_the_next_one(pages, reindex):
    reindex()
    assert titles(UserFactory())[:2] == [CHARTER, FORM]
    other_query = titles(UserFactory(), "jours")

    for _ in range(3):
        choose(UserFactory(), FORM)
    learned()

    assert titles(UserFactory())[:2] == [FORM, CHARTER]
    # Only for that query: another one finding both pages keeps its order.
    assert titles(UserFactory(), "jours") == other_query


def test_what_two_people_chose_changes_nothing(pages, reindex):
    reindex()
    before = titles(UserFactory())

    for _ in range(2):
        choose(UserFactory(), FORM)
    learned()

    assert learned_choices(normalize_query(QUERY)) == {}
    assert titles(UserFactory()) == before


def test_one_person_clicking_fifty_times_changes_nothing(pages, reindex):
    reindex()
    before = titles(UserFactory())
    insistent = UserFactory()

    for _ in range(5):
        choose(insistent, FORM, times=10)
    learned()

    assert SearchClick.objects.count() == 50
    assert learned_choices(normalize_query(QUERY)) == {}
    assert titles(UserFactory()) == before


def test_choices_weigh_less_as_they_age_and_nothing_after_a_few_half_lives(
    pages, reindex, settings
):
    reindex()
    before = titles(UserFactory())
    for _ in range(3):
        choose(UserFactory(), FORM)
    learned()
    (fresh,) = learned_choices(normalize_query(QUERY)).values()

    half_life = timedelta(days=settings.SEARCH_LEARNING_HALF_LIFE_DAYS)
    SearchClick.objects.update(created_at=timezone.now() - half_life)
    learned()
    (aged,) = learned_choices(normalize_query(QUERY)).values()

    SearchClick.objects.update(created_at=timezone.now() - 5 * half_life)
    learned()

    assert fresh == 1.0 and aged == pytest.approx(0.5, abs=0.01)
    assert learned_choices(normalize_query(QUERY)) == {}
    assert titles(UserFactory()) == before


def test_a_chosen_page_stays_hidden_from_whoever_may_not_see_it(pages, reindex):
    board = Group.objects.create(name="Board")
    private = publish_standard_page(
        title="Télétravail de la direction",
        body_html="<p>Le télétravail des membres du comité de direction.</p>",
        parent=home_page(),
        language="fr",
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.add(board)
    members = [UserFactory() for _ in range(4)]
    for member in members:
        member.groups.add(board)
    reindex()

    for member in members[:3]:
        choose(member, private.title)
    learned()

    assert f"page:{private.pk}" in learned_choices(normalize_query(QUERY))
    assert private.title in titles(members[3])
    outsider = UserFactory()
    assert private.title not in titles(outsider)
    assert run_search(user=outsider, text=QUERY).count == 2


def test_a_chosen_secret_post_stays_hidden_from_non_members(pages, reindex, settings):
    use_stand_in_pages(settings)
    members = [UserFactory() for _ in range(3)]
    club = community(name="Cercle fermé", visibility=Visibility.SECRET, members=members)
    secret = post(
        club,
        author=members[0],
        title="Télétravail au cercle",
        body="<p>Nos jours de télétravail.</p>",
    )
    reindex()

    for member in members:
        choose(member, secret.title)
    learned()

    assert f"post:{secret.pk}" in learned_choices(normalize_query(QUERY))
    assert secret.title not in titles(UserFactory())


def test_a_chosen_document_that_does_not_match_the_query_is_not_brought_in(pages, reindex):
    reindex()
    before = run_search(user=UserFactory(), text=QUERY)
    unrelated = next(hit for hit in run_search(user=UserFactory(), text="kilométriques").results)
    # Clicks name any document the browser sends: three people "chose" an unrelated page.
    for _ in range(3):
        person = UserFactory()
        outcome = run_search(user=person, text=QUERY)
        record_click(
            user=person, log_id=outcome.log_id, rank=1, kind="page", object_id=unrelated.object_id
        )
    learned()

    assert f"page:{unrelated.object_id}" in learned_choices(normalize_query(QUERY))
    after = run_search(user=UserFactory(), text=QUERY)
    assert unrelated.title not in [hit.title for hit in after.results]
    assert after.count == before.count


def test_the_learned_choices_take_one_sql_query_then_none_for_five_minutes(
    pages, reindex, django_assert_num_queries
):
    reindex()
    for _ in range(4):
        choose(UserFactory(), FORM)
    for _ in range(3):
        choose(UserFactory(), CHARTER)
    learned()

    with django_assert_num_queries(1):
        weights = learned_choices(normalize_query(QUERY))
    with django_assert_num_queries(0):
        assert learned_choices(normalize_query(QUERY)) == weights
    assert sorted(weights.values()) == [1.0, 1.0]


def test_the_embedded_search_puts_what_people_chose_first_among_equals(pages, settings):
    settings.SEARCH_BACKEND = "database"
    rebuild()
    before = titles(UserFactory())
    assert before[:2] == [CHARTER, FORM] or before[:2] == [FORM, CHARTER]
    other = before[1]

    for _ in range(3):
        choose(UserFactory(), other)
    learned()

    assert titles(UserFactory())[0] == other


def test_the_boost_is_bounded_a_weak_match_chosen_by_many_stays_below_a_strong_one(
    pages, reindex, settings
):
    publish_standard_page(
        title="Note de service",
        body_html="<p>Rappel sur les horaires, les congés, les parkings et le télétravail.</p>",
        parent=home_page(),
        language="fr",
    )
    reindex()
    assert titles(UserFactory())[0] == CHARTER

    for _ in range(6):
        choose(UserFactory(), "Note de service")
    learned()

    assert learned_choices(normalize_query(QUERY))
    assert titles(UserFactory())[0] == CHARTER
    settings.SEARCH_LEARNING_MAX_BOOST = 20.0  # unbounded, the choice would win
    assert titles(UserFactory())[0] == "Note de service"
