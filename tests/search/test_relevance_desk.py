"""The editors' relevance desk (search/desk_views.py): an editor tries a query in the admin,
sees the results ranked as the search gives them, and fixes what is wrong from the same page;
on the real OpenSearch node. The desk's own searches never reach the analytics."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.desk import promote_page
from search.labels import KIND_LABELS, TIER_LABELS, WHY_LABELS, tier_label, why_label
from search.models import SearchQueryLog, Synonym
from search.services import run_search
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import sections
from tests.people.factories import person
from tests.search.factories import search

DESK = "/admin/relevance-desk/"


def desk_person(group: str, **fields):
    """Someone of `group` with the rights the roles give it (Editors and Communicators open
    the desk and promote pages, news.services.sections.configure_roles), who also reads the
    search analytics."""
    sections()
    Group.objects.get_or_create(name=group)[0].permissions.add(
        *Permission.objects.filter(codename__in=["view_search_analytics"])
    )
    return person(groups=[group], **fields)


def desk_without_promotions(**fields):
    """Someone in the admin who may use the desk and add synonyms, but not promote pages."""
    group = Group.objects.create(name="Desk interns")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "use_relevance_desk", "add_synonym", "view_synonym"]
        )
    )
    return person(groups=[group.name], **fields)


@pytest.fixture
def editor(db):
    return desk_person("Editors", username="desk-editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def pages(db):
    home = home_page()
    return {
        "charter": publish_standard_page(
            title="Télétravail : la charte",
            body_html="<p>Trois jours de télétravail par semaine.</p>",
            parent=home,
            language="fr",
        ),
        "guide": publish_standard_page(
            title="Guide du télétravail pour les managers",
            body_html="<p>Organiser le télétravail de son équipe.</p>",
            parent=home,
            language="fr",
        ),
        "gdpr": publish_standard_page(
            title="General Data Protection Regulation",
            body_html="<p>What the GDPR means for your customer files.</p>",
            parent=home,
            language="en",
        ),
        "ik": publish_standard_page(
            title="Indemnités kilométriques",
            body_html="<p>Le barème des frais pour les déplacements en voiture.</p>",
            parent=home,
            language="fr",
        ),
    }


def desk_titles(client, query):
    response = client.get(DESK, {"q": query})
    assert response.status_code == 200
    return [row["hit"].title for row in response.context["rows"]]


def test_employees_are_turned_away_and_editors_and_communicators_open_the_desk(client, db):
    employee = person(username="desk-employee")
    client.force_login(employee)
    assert client.get(DESK).status_code == 302  # no admin access: Wagtail sends to sign-in
    xhr = client.get(DESK, headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.status_code == 403

    sections()
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(person(username="plain-moderator", groups=["Moderators"]))
    refused = client.get(DESK)
    assert refused.status_code == 302  # in the admin, without the desk's permission
    assert refused["Location"] == "/admin/"

    for group in ("Editors", "Communicators"):  # as the roles are configured
        client.force_login(person(username=f"desk-{group.lower()}", groups=[group]))
        assert client.get(DESK).status_code == 200


def test_the_desk_ranks_the_results_as_the_search_gives_them(pages, reindex, editor_client):
    reindex()

    response = editor_client.get(DESK, {"q": "télétravail"})

    rows = response.context["rows"]
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert {row["hit"].title for row in rows} >= {
        "Télétravail : la charte",
        "Guide du télétravail pour les managers",
    }
    assert [row["hit"].title for row in rows] == [
        hit.title for hit in run_search(user=response.wsgi_request.user, text="télétravail").results
    ]
    html = response.content.decode()
    assert 'data-testid="desk-rank">#1<' in html
    assert f'href="{pages["charter"].url}"' in html
    assert "<mark>" in html  # the snippet's highlights
    assert {str(row["kind"]) for row in rows} == {str(KIND_LABELS["page"])}
    charter = next(row for row in rows if row["hit"].title == "Télétravail : la charte")
    assert why_label("title") in charter["why"]  # the query's word is in its title
    assert 'data-testid="desk-why"' in html


def test_the_desk_does_not_log_its_searches(pages, reindex, editor_client):
    reindex()

    editor_client.get(DESK, {"q": "télétravail"})
    editor_client.post(f"{DESK}synonym/", {"q": "télétravail", "terms": "télétravail"})

    assert not SearchQueryLog.objects.exists()
    run_search(user=person(username="reader"), text="télétravail")  # an employee's is logged
    assert SearchQueryLog.objects.get().source == "page"


def test_a_synonym_added_from_the_desk_finds_through_it_at_the_next_search(
    pages, reindex, editor_client
):
    reindex()
    assert "General Data Protection Regulation" not in desk_titles(editor_client, "RGPD")

    response = editor_client.post(f"{DESK}synonym/", {"q": "RGPD", "terms": "RGPD\nGDPR\n"})

    assert response.status_code == 302
    assert response["Location"] == f"{DESK}?q=RGPD"
    assert Synonym.objects.get().term_list == ["RGPD", "GDPR"]
    page = editor_client.get(response["Location"])
    assert "RGPD, GDPR" in "".join(str(message) for message in page.context["messages"])
    assert [row["hit"].title for row in page.context["rows"]][:1] == [
        "General Data Protection Regulation"
    ]


def test_an_acronym_added_from_the_desk_finds_its_expansion(pages, reindex, editor_client):
    reindex()

    response = editor_client.post(
        f"{DESK}acronym/", {"q": "IK", "acronym": "IK", "expansion": "indemnités kilométriques"}
    )

    assert response["Location"] == f"{DESK}?q=IK"
    assert Synonym.objects.get().term_list == ["IK", "indemnités kilométriques"]
    assert desk_titles(editor_client, "IK")[:1] == ["Indemnités kilométriques"]


def test_a_page_promoted_from_the_desk_comes_first_for_everyone_who_may_see_it(
    pages, reindex, editor_client
):
    reindex()
    guide = pages["guide"]

    response = editor_client.post(
        f"{DESK}promote/", {"q": "Télétravail", "page": guide.pk, "description": "Pour les chefs"}
    )

    assert response["Location"] == f"{DESK}?q=T%C3%A9l%C3%A9travail"
    rows = editor_client.get(response["Location"]).context["rows"]
    assert rows[0]["hit"].title == guide.title
    assert str(rows[0]["why"][0]) == str(why_label("promoted"))
    employee = person(username="reader")
    assert [hit.title for hit in run_search(user=employee, text="télétravail").results][:1] == [
        guide.title
    ]


def test_promoting_another_page_puts_it_before_the_one_promoted_earlier(pages):
    promote_page(query="télétravail", page=pages["charter"])
    promote_page(query="Télétravail ", page=pages["guide"])
    promote_page(query="télétravail", page=pages["charter"], description="La référence")

    picks = Query.get("télétravail").editors_picks.order_by("sort_order")
    assert [(pick.page_id, pick.sort_order) for pick in picks] == [
        (pages["charter"].pk, 0),
        (pages["guide"].pk, 1),
    ]
    assert picks[0].description == "La référence"


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("synonym/", {"terms": "RGPD"}, "terms"),  # one term only
        ("synonym/", {"terms": "RGPD, GDPR\nprotection des données"}, "terms"),  # commas
        ("acronym/", {"acronym": "R T T", "expansion": "réduction du temps"}, "acronym"),
        ("acronym/", {"acronym": "RTT", "expansion": "rtt"}, "expansion"),
        ("acronym/", {"acronym": "RTT", "expansion": ""}, "expansion"),
        ("promote/", {"page": "999999"}, "page"),
        ("promote/", {"page": ""}, "page"),
    ],
)
def test_invalid_input_gives_a_form_error_and_keeps_what_was_typed(
    pages, reindex, editor_client, path, data, field
):
    reindex()

    response = editor_client.post(f"{DESK}{path}", {"q": "télétravail", **data})

    assert response.status_code == 200
    form = response.context["forms"][path.rstrip("/")]
    assert form.errors[field]
    assert form.data["q"] == "télétravail"
    for value in data.values():
        if value and field != "page":
            assert value.split("\n")[0] in response.content.decode()
    assert response.context["rows"]  # the query's results are still there
    assert not Synonym.objects.exists()
    assert not SearchPromotion.objects.exists()


def test_a_group_already_known_is_refused(editor_client):
    Synonym.objects.create(terms="RGPD\nGDPR\nprotection des données")

    response = editor_client.post(f"{DESK}synonym/", {"q": "", "terms": "gdpr\nRGPD"})

    assert response.status_code == 200
    assert response.context["forms"]["synonym"].errors["terms"]
    assert Synonym.objects.count() == 1


def test_without_the_promotion_permission_there_is_no_promote_form(client, pages):
    client.force_login(desk_without_promotions(username="no-promotions"))

    response = client.get(DESK, {"q": "télétravail"})
    assert set(response.context["forms"]) == {"synonym", "acronym"}
    refused = client.post(f"{DESK}promote/", {"q": "télétravail", "page": pages["guide"].pk})

    assert refused.status_code == 302
    assert refused["Location"] == "/admin/"
    assert not SearchPromotion.objects.exists()


def test_queries_without_results_or_clicks_open_the_desk_from_the_analytics(editor_client):
    for number in range(5):
        search(person(username=f"searcher-{number}"), "badge perdu", results=0)
        search(person(username=f"clicker-{number}"), "mutuelle", results=4)

    html = editor_client.get("/admin/search-analytics/").content.decode()

    assert f'href="{DESK}?q=badge%20perdu"' in html
    assert f'href="{DESK}?q=mutuelle"' in html


def test_reasons_and_tiers_are_labelled_and_unknown_ones_shown_as_they_are():
    assert why_label("promoted") == str(WHY_LABELS["promoted"])
    assert why_label("something-new") == "something-new"
    assert str(tier_label("relaxed")) == str(TIER_LABELS["relaxed"])
    assert tier_label("another") == "another"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(31337)</script>",
        '"><img src=x onerror=alert(31337)>',
        "{{ request.user.password }}{% debug %}",
        "\x00nul",
        "🐝" * 3000,
    ],
)
def test_hostile_input_is_refused_or_shown_escaped_never_an_error(
    pages, reindex, editor_client, payload
):
    reindex()

    answers = [
        editor_client.get(DESK, {"q": payload}),
        editor_client.post(f"{DESK}synonym/", {"q": payload, "terms": f"{payload}\nRGPD"}),
        editor_client.post(
            f"{DESK}acronym/", {"q": payload, "acronym": payload, "expansion": payload}
        ),
        editor_client.post(f"{DESK}promote/", {"q": payload, "page": pages["guide"].pk}),
    ]

    for response in answers:
        assert response.status_code in (200, 302, 400)  # 400: a NUL, refused site-wide
        if response.status_code == 302:
            response = editor_client.get(response["Location"])
        html = response.content.decode()
        assert "<script>alert(31337)" not in html
        assert "<img src=x onerror" not in html
