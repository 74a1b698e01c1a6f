"""Mentions: `@username` and `@équipe:slug` read in what people write, linked when shown, told
only within their audience, and offered by the autocomplete's API."""

import pytest
from django.template import Context, Template
from django.utils import timezone

from people.mentions import (
    MAX_MENTIONS,
    Mentions,
    find_mentions,
    known_mentions,
    link_mentions,
    mention_recipients,
    suggest_mentions,
)
from people.models import Profile
from tests.people.factories import TeamFactory, employees, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    support = TeamFactory(name="Support informatique", slug="support")
    night = TeamFactory(name="Support de nuit", slug="support-nuit", parent=support)
    people = {
        "camille": person(
            username="camille",
            first_name="Camille",
            last_name="Martin",
            team=support,
            job_title="Technicienne",
        ),
        "hélène": person(username="helene", first_name="Hélène", last_name="Éluard", team=night),
        "bruno": person(username="bruno", first_name="Bruno", last_name="Blanc", team=support),
        "gone": person(
            username="gone",
            first_name="Gaston",
            last_name="Parti",
            team=support,
            deactivated_at=timezone.now(),
        ),
    }
    return {"support": support, "night": night, **people}


# --- Reading mentions -------------------------------------------------------------------------


def test_a_username_after_an_at_sign_mentions_that_person(org):
    assert find_mentions("Merci @camille pour ton aide").user_ids == (org["camille"].pk,)


def test_a_team_is_mentioned_by_its_slug_after_the_french_prefix_or_its_variants(org):
    for text in ("@équipe:support !", "@Équipe:SUPPORT", "@equipe:support", "(@team:support)"):
        assert find_mentions(text) == Mentions(team_ids=(org["support"].pk,)), text


def test_case_does_not_matter_and_each_one_counts_once(org):
    mentions = find_mentions("@Camille, @CAMILLE et @camille. Et @bruno.")

    assert mentions.user_ids == (org["camille"].pk, org["bruno"].pk)


def test_unknown_names_and_people_who_left_are_not_mentioned(org):
    mentions = find_mentions("@personne @gone @équipe:inconnue @camille")

    assert mentions == Mentions(user_ids=(org["camille"].pk,))
    assert not find_mentions("@personne @gone")


def test_addresses_and_words_containing_an_at_sign_are_not_mentions(org):
    text = (
        "Écrire à camille@example.com ou à @camille@example.com, voir "
        "https://exemple.org/@camille et bruno.@bruno"
    )

    assert not find_mentions(text)


def test_mentions_inside_html_are_read_in_the_text_only(org):
    html = (
        '<p>Bonjour <strong>@camille</strong>, <a href="https://x.org/?u=@bruno">@bruno</a>'
        ' <a title="@helene">lien</a></p>'
    )

    assert find_mentions(html).user_ids == (org["camille"].pk,)


def test_punctuation_after_a_mention_is_not_part_of_it(org):
    assert find_mentions("Merci @camille... et @équipe:support-!").user_ids == (org["camille"].pk,)
    assert find_mentions("@équipe:support-").team_ids == (org["support"].pk,)


def test_only_the_first_fifty_distinct_tokens_are_read(django_assert_max_num_queries):
    team = TeamFactory(slug="beaucoup")
    people = employees(MAX_MENTIONS + 5, team=team)
    text = " ".join(f"@{user.username}" for user in people)

    with django_assert_max_num_queries(2):
        mentions = find_mentions(text)

    assert mentions.user_ids == tuple(user.pk for user in people[:MAX_MENTIONS])


def test_reading_twenty_mentions_costs_the_same_queries_as_one(django_assert_num_queries, org):
    many = employees(20)
    one = "@camille @équipe:support"
    teams = " @équipe:support @équipe:support-nuit"
    twenty = " ".join(f"@{user.username}" for user in many) + teams

    with django_assert_num_queries(2):
        find_mentions(one)
    with django_assert_num_queries(2):
        assert len(find_mentions(twenty).user_ids) == 20
    with django_assert_num_queries(0):
        find_mentions("Pas de mention ici, ni jean@example.com")


# --- Showing them -----------------------------------------------------------------------------


def test_a_mention_is_shown_as_a_link_to_the_profile_or_the_team(org):
    shown = link_mentions("<p>Merci @Camille et @équipe:support, pas @personne ni @gone.</p>")

    assert shown == (
        '<p>Merci <a class="mention mention--person" href="/people/camille/">@Camille</a> et '
        '<a class="mention mention--team" href="/people/teams/support/">@équipe:support</a>'
        ", pas @personne ni @gone.</p>"
    )


def test_links_never_inject_markup_and_existing_links_are_left_alone(org):
    hostile = (
        '<p onclick="x()">@camille<script>alert(1)</script> &lt;b&gt;@bruno&lt;/b&gt;'
        ' <a href="javascript:alert(1)">@camille</a>'
        ' <a href="https://x.org/" title="@camille">ok</a></p>'
    )

    shown = link_mentions(hostile)

    assert "<script" not in shown and "onclick" not in shown and "javascript:" not in shown
    assert '<a class="mention mention--person" href="/people/camille/">@camille</a>' in shown
    assert '&lt;b&gt;<a class="mention mention--person" href="/people/bruno/">@bruno</a>' in shown
    assert shown.count('class="mention') == 2  # not in the link's text nor in its title
    assert 'title="@camille"' in shown


def test_several_bodies_are_linked_with_the_queries_of_one(django_assert_num_queries, org):
    bodies = [f"<p>@{name} et @équipe:support</p>" for name in ("camille", "bruno", "helene")]

    with django_assert_num_queries(2):
        known = known_mentions(*bodies)
        shown = [link_mentions(body, known=known) for body in bodies]

    assert all(body.count('class="mention') == 2 for body in shown)


def test_templates_link_mentions_of_html_and_of_plain_text(org):
    template = Template(
        "{% load people_mentions %}{{ html|link_mentions }}|{{ text|link_mentions:'text' }}"
    )

    shown = template.render(
        Context({"html": "<p>@camille</p>", "text": "<b>?</b> & @bruno\nsuite"})
    )

    html, text = shown.split("|")
    assert html == '<p><a class="mention mention--person" href="/people/camille/">@camille</a></p>'
    assert '<a class="mention mention--person" href="/people/bruno/">@bruno</a>' in text
    assert "<b>?</b>" in text  # plain text that looks like HTML is sanitised, as text_to_html does


# --- Who is told ------------------------------------------------------------------------------


def test_the_people_mentioned_are_told_but_never_the_author(org):
    mentions = find_mentions("@camille @bruno")

    assert mention_recipients(mentions, among=None, author=org["bruno"]) == {org["camille"].pk}
    assert mention_recipients(mentions, among=None, author=org["camille"].pk) == {org["bruno"].pk}


def test_a_team_mention_tells_its_members_and_sub_teams_within_the_audience_only(org):
    outsider = person(username="outsider", team=org["support"])
    mentions = find_mentions("@équipe:support")
    members = [org["camille"].pk, org["hélène"].pk, org["gone"].pk, org["bruno"].pk]

    told = mention_recipients(mentions, among=members, author=org["bruno"])

    assert told == {org["camille"].pk, org["hélène"].pk}  # no outsider, no one who left
    assert outsider.pk not in told


def test_a_team_mention_outside_a_known_audience_tells_nobody(org):
    mentions = find_mentions("@équipe:support")

    assert mention_recipients(mentions, among=None, author=None) == set()


def test_the_audience_restricts_the_people_mentioned_too(org):
    mentions = find_mentions("@camille @bruno @helene")
    members = Profile.objects.filter(user__username__in=["camille", "helene"])

    assert mention_recipients(mentions, among=members, author=None) == {
        org["camille"].pk,
        org["hélène"].pk,
    }
    users = org["camille"].__class__.objects.filter(username="bruno")
    assert mention_recipients(mentions, among=users, author=None) == {org["bruno"].pk}
    ids = Profile.objects.filter(user__username="helene").values("user_id")
    assert mention_recipients(mentions, among=ids, author=None) == {org["hélène"].pk}


def test_someone_who_left_after_being_mentioned_is_not_told(org):
    mentions = find_mentions("@camille")
    Profile.objects.filter(user=org["camille"]).update(deactivated_at=timezone.now())

    assert mention_recipients(mentions, among=None, author=None) == set()


def test_telling_twenty_mentions_costs_the_same_queries_as_one(django_assert_num_queries, org):
    many = employees(20)
    audience = [user.pk for user in many] + [org["camille"].pk]
    one = find_mentions("@camille @équipe:support")
    twenty = find_mentions(" ".join(f"@{user.username}" for user in many) + " @équipe:support")

    with django_assert_num_queries(2):
        assert mention_recipients(one, among=audience, author=None) == {org["camille"].pk}
    with django_assert_num_queries(2):
        assert len(mention_recipients(twenty, among=audience, author=None)) == 21


# --- What the autocomplete offers -------------------------------------------------------------


def test_suggestions_match_the_start_of_names_usernames_and_teams_ignoring_accents(org):
    def people(text):
        return [profile.user.username for profile in suggest_mentions(text).people]

    assert people("cam") == ["camille"]
    assert people("MART") == ["camille"]
    assert people("hele") == ["helene"]
    assert people("élu") == ["helene"]
    assert people("camille ma") == ["camille"]
    assert people("amille") == []
    assert people("gast") == []  # people who left are never offered
    assert [team.slug for team in suggest_mentions("supp").teams] == ["support-nuit", "support"]
    assert [team.slug for team in suggest_mentions("nuit").teams] == ["support-nuit"]


def test_a_team_prefix_asks_for_teams_only(org):
    found = suggest_mentions("équipe:sup")

    assert found.people == [] and len(found.teams) == 2


def test_at_most_eight_suggestions_teams_keeping_a_place(org):
    employees(10, first_name="Supplice")

    found = suggest_mentions("supp")

    assert len(found.people) == 6 and len(found.teams) == 2


def test_suggestions_can_be_narrowed_to_an_audience(org):
    found = suggest_mentions("b", among=[org["camille"].pk])

    assert found.people == []
    assert [p.user.username for p in suggest_mentions("c", among=[org["camille"].pk]).people] == [
        "camille"
    ]


def test_the_api_offers_people_and_teams_with_their_tokens(employee_client, org):
    response = employee_client.get("/api/people/mentions/", {"q": "supp"})

    assert response.status_code == 200
    assert response.json() == {
        "people": [],
        "teams": [
            {
                "slug": "support-nuit",
                "name": "Support de nuit",
                "url": "/people/teams/support-nuit/",
                "token": "@équipe:support-nuit",
            },
            {
                "slug": "support",
                "name": "Support informatique",
                "url": "/people/teams/support/",
                "token": "@équipe:support",
            },
        ],
    }
    people = employee_client.get("/api/people/mentions/", {"q": "@cam"}).json()["people"]
    assert people == [
        {
            "username": "camille",
            "name": "Camille Martin",
            "job_title": "Technicienne",
            "url": "/people/camille/",
            "token": "@camille",
        }
    ]


def test_the_api_never_offers_people_who_left(employee_client, org):
    response = employee_client.get("/api/people/mentions/", {"q": "gas"})

    assert response.json()["people"] == []


def test_the_api_refuses_an_empty_question(employee_client):
    for query in ("", "  ", "@"):
        response = employee_client.get("/api/people/mentions/", {"q": query})
        assert response.status_code == 400, query
        assert "error" in response.json()
    assert employee_client.get("/api/people/mentions/").status_code == 400


def test_the_api_is_for_signed_in_people(client, org):
    response = client.get("/api/people/mentions/", {"q": "cam"})

    assert response.status_code == 401
    assert response.json() == {"error": "Authentication required."}


def test_the_api_is_in_the_schema(employee_client):
    schema = employee_client.get("/api/openapi.json").json()

    assert "/api/people/mentions/" in schema["paths"]
