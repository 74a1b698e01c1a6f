"""The attacker's view of the figures by team: subtracting shown figures from one another
never isolates a group under the floor, and an anonymous idea or question moves no figure.

Every figure by team is a sum over people, so what subtraction can reach are the "atoms" of
the shown groups (people grouped by which shown groups contain them): each test below
collects every group whose figures are shown anywhere (every team's dashboard and CSV, or
every KPI value), tries every difference, and checks every atom against the floor.
"""

import csv
import io
from collections import defaultdict
from itertools import combinations

import pytest
from django.utils import timezone

from ideas.models import Status
from insights.disclosure import disclose
from insights.models import KPISnapshot
from insights.selectors import monday_of, team_tree
from insights.services import flush_activity, record_activity, snapshot_kpis
from news.models import Acknowledgement, Question
from people.models import Profile, Team
from people.selectors import active_member_teams
from tests.ideas.factories import challenge, idea
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, UserFactory, employees, kudos, person
from tests.search.factories import search

pytestmark = pytest.mark.django_db

FLOOR = 5
FIGURES = ("people", "contributors", "active", "ideas", "kudos_received", "kudos_given")


def members(team_obj) -> set[int]:
    return set(active_member_teams([team_obj.pk]))


def shown_groups(client) -> list[tuple[str, frozenset[int], dict]]:
    """Every (where, people, figures) a superuser can read on every team's dashboard and CSV.

    The people of a row are known to the attacker from the directory (a team's members);
    the "together" row is the rest of its dashboard's team."""
    client.force_login(UserFactory(is_superuser=True))
    found = []
    for team_obj in Team.objects.all():
        url = f"/insights/teams/{team_obj.slug}/"
        dashboard = client.get(url).context["dashboard"]
        rows = list(
            csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig")))
        )
        if dashboard is None:
            assert len(rows) == 1, f"{team_obj.name}: the CSV shows what the page withholds"
            continue
        everyone = members(team_obj)
        found.append((team_obj.name, frozenset(everyone), dashboard["total"]))
        covered = set()
        for name, figures in dashboard["subteams"]:
            if name is not None:
                people = members(Team.objects.get(name=name))
                covered |= people
                found.append((f"{team_obj.name} > {name}", frozenset(people), figures))
        for name, figures in dashboard["subteams"]:
            if name is None:
                found.append((f"{team_obj.name} > rest", frozenset(everyone - covered), figures))
        csv_people = sorted(int(row[2]) for row in rows[1:])
        shown_here = [f for where, _p, f in found if where.split(" > ")[0] == team_obj.name]
        assert csv_people == sorted(f["people"] for f in shown_here)
    return found


def assert_no_small_group_by_subtraction(groups, floor=FLOOR):
    """Every shown group, every difference of two nested ones, every total minus the sum of
    its disjoint shown parts, and finally every atom: none under the floor (empty is fine)."""
    for where, people, figures in groups:
        assert len(people) >= floor, where
        if figures is not None:
            assert figures["people"] == len(people), where
    for (where_a, a, fa), (where_b, b, fb) in combinations(groups, 2):
        big, small = (a, b) if len(a) >= len(b) else (b, a)
        if small <= big:
            rest = big - small
            assert not rest or len(rest) >= floor, f"{where_a} − {where_b} isolates {len(rest)}"
            if fa is not None and fb is not None and not rest:
                assert all(fa[k] == fb[k] for k in FIGURES), f"{where_a} ≠ {where_b}"
    for where, people, _figures in groups:
        parts = [p for w, p, _f in groups if p < people]
        disjoint = [p for p in parts if not any(p < q for q in parts)]
        rest = people - set().union(*disjoint) if disjoint else set()
        assert not rest or len(rest) >= floor, f"{where} minus its parts isolates {len(rest)}"
    signature = defaultdict(set)
    for someone in set().union(*(people for _w, people, _f in groups)):
        key = frozenset(where for where, people, _f in groups if someone in people)
        signature[key].add(someone)
    for key, atom in signature.items():
        assert len(atom) >= floor, f"{sorted(key)}: {len(atom)} people computable alone"


@pytest.fixture
def parent_of_nine():
    """The case from the defect: Ventes has one direct member (the boss) and a sub-team of 9."""
    director = person()
    ventes = TeamFactory(name="Ventes")
    terrain = TeamFactory(name="Terrain", parent=ventes)
    boss = person(team=ventes, manager=director)
    nine = employees(9, team=terrain, manager=boss)
    return {"director": director, "ventes": ventes, "terrain": terrain, "boss": boss, "nine": nine}


def test_a_parent_with_one_direct_member_never_shows_both_itself_and_its_sub_team(
    client, parent_of_nine
):
    groups = shown_groups(client)

    assert_no_small_group_by_subtraction(groups)
    assert [where for where, _p, _f in groups] == ["Ventes"]  # Terrain merges into Ventes
    client.force_login(parent_of_nine["boss"])  # manages Terrain only
    page = client.get(f"/insights/teams/{parent_of_nine['terrain'].slug}/")
    assert page.context["dashboard"] is None
    assert "soustraction" in page.content.decode()  # why, in French (the default language)


def test_an_anonymous_idea_or_question_moves_no_figure_by_team(client, parent_of_nine):
    ideas_challenge = challenge(phase="open", allow_anonymous_ideas=True)
    idea(ideas_challenge, author=parent_of_nine["nine"][0])
    before = shown_groups(client)

    boss = parent_of_nine["boss"]
    idea(ideas_challenge, author=boss, anonymous=True)
    idea(ideas_challenge, author=parent_of_nine["nine"][1], anonymous=True, status=Status.SELECTED)
    Question.objects.create(author=boss, body="Pourquoi ?", anonymous=True)
    Question.objects.create(author=parent_of_nine["nine"][2], body="Quand ?", anonymous=True)
    after = shown_groups(client)

    assert [(w, f) for w, _p, f in after] == [(w, f) for w, _p, f in before]
    [(_where, _people, total)] = after
    assert (total["ideas"], total["contributors"]) == (1, 1)  # only the signed idea


@pytest.fixture
def org():
    """A deeper tree: Groupe (2 direct) > Nord (1 direct) > Lille 6, Arras 5; Groupe > Sud 7 >
    Nice 3; Groupe > Est 4; plus 6 people without a team."""
    director = person()
    groupe = TeamFactory(name="Groupe")
    nord, sud, est = (TeamFactory(name=n, parent=groupe) for n in ("Nord", "Sud", "Est"))
    lille, arras, nice = (
        TeamFactory(name="Lille", parent=nord),
        TeamFactory(name="Arras", parent=nord),
        TeamFactory(name="Nice", parent=sud),
    )
    heads = employees(2, team=groupe, manager=director)
    people = {
        "Groupe": heads,
        "Nord": employees(1, team=nord, manager=heads[0]),
        "Lille": employees(6, team=lille, manager=heads[0]),
        "Arras": employees(5, team=arras, manager=heads[0]),
        "Sud": employees(7, team=sud, manager=heads[1]),
        "Nice": employees(3, team=nice, manager=heads[1]),
        "Est": employees(4, team=est, manager=heads[1]),
        None: employees(6),
    }
    return {"teams": [groupe, nord, sud, est, lille, arras, nice], "people": people}


def test_no_difference_between_any_shown_rows_of_any_dashboard_isolates_a_small_group(client, org):
    open_challenge = challenge(phase="open")
    for people in org["people"].values():
        for someone in people[:2]:
            idea(open_challenge, author=someone)
            record_activity(user=someone)
        kudos(people[0], org["people"]["Sud"][0])
    flush_activity()

    groups = shown_groups(client)

    assert_no_small_group_by_subtraction(groups)
    shown = {where for where, _p, _f in groups}
    # Nord's one direct member would be Nord minus Lille minus Arras: Arras (the smaller)
    # merges into Nord's rest; Groupe's Est (4) and Nice (3) merge into rests too.
    assert "Nord > Lille" in shown and "Nord > rest" in shown and "Nord > Arras" not in shown
    assert "Arras" not in shown and "Est" not in shown and "Nice" not in shown


def test_a_must_read_counts_only_groups_that_reach_the_floor_so_rows_cannot_be_subtracted(
    client, parent_of_nine
):
    sections()
    ventes, terrain = parent_of_nine["ventes"], parent_of_nine["terrain"]
    employees(5, team=ventes, manager=parent_of_nine["director"])  # Ventes: 6 direct
    atelier = TeamFactory(name="Atelier", parent=ventes)
    three = employees(3, team=atelier, manager=parent_of_nine["boss"])
    page = publish_news(title="Consignes", must_read=True, audience=[terrain, atelier])
    for someone in three:
        Acknowledgement.objects.create(page=page, user=someone)
    client.force_login(UserFactory(is_superuser=True))

    def row(team_obj):
        dashboard = client.get(f"/insights/teams/{team_obj.slug}/").context["dashboard"]
        [found] = dashboard["must_reads"]
        return found["addressed"], found["acknowledged"]

    # Addressed in Ventes: Terrain's 9 and Atelier's 3. Atelier is in Ventes' "rest" row
    # with the direct members; subtracting Terrain's row from Ventes' would give Atelier's
    # three acknowledgements, so those three are not counted on Ventes' dashboard.
    assert row(terrain) == (9, 0)
    assert row(ventes) == (9, 0)


def test_the_disclosure_rule_on_every_small_tree_against_brute_force_subtraction():
    """Every tree of up to five teams with 0–6 people each: the kept groups' atoms reach the
    floor (pure function, no database)."""
    import itertools

    shapes = [
        {None: [1], 1: [2], 2: [3]},
        {None: [1], 1: [2, 3]},
        {None: [1, 2], 1: [3, 4]},
        {None: [1], 1: [2, 3], 2: [4]},
    ]
    for children in shapes:
        nodes = sorted({n for kids in children.values() for n in kids})
        for own in itertools.product((0, 1, 3, 5, 6), repeat=len(nodes) + 1):
            direct = dict(zip([None, *nodes], own, strict=True))
            people, next_id = {}, 0
            for node in [None, *nodes]:
                people[node] = set(range(next_id, next_id + direct[node]))
                next_id += direct[node]

            def below(node, children=children, people=people):
                found = set(people[node])
                for child in children.get(node, []):
                    found |= below(child)
                return found

            size = {node: len(below(node)) for node in [None, *nodes]}
            kept = disclose(children=children, size=size, minimum=FLOOR)
            groups = [(str(n), frozenset(below(n)), None) for n in kept if n is not None]
            if size[None] >= FLOOR:
                groups.append(("organisation", frozenset(below(None)), None))
            groups = [g for g in groups if g[1]]
            assert_no_small_group_by_subtraction(groups)


def test_kpi_values_by_team_cannot_be_subtracted_down_to_a_small_group(client, parent_of_nine):
    employees(5)  # people without a team: the organisation minus Ventes is not one person
    # Ventes now has 5 direct members and Terrain 9: both may have figures...
    direct = [parent_of_nine["boss"], *employees(4, team=parent_of_nine["ventes"])]
    for someone in [*direct, *parent_of_nine["nine"]]:
        record_activity(user=someone)
    flush_activity()
    # ... but only one direct member searched, so Ventes' searchers minus Terrain's is one
    # person: the search KPIs of Terrain must be withheld (Ventes' are kept).
    search(direct[0], "congés", click=True)
    for someone in parent_of_nine["nine"][:5]:
        search(someone, "congés", results=0)
    week = monday_of(timezone.localdate())

    snapshot_kpis(weeks=[week])

    def value(code, team_obj):
        return KPISnapshot.objects.get(kpi=code, team=team_obj, week_start=week).value

    ventes, terrain = parent_of_nine["ventes"], parent_of_nine["terrain"]
    assert value("weekly_active", ventes) == 14 and value("weekly_active", terrain) == 9
    assert value("search_success", ventes) is not None
    assert value("search_success", terrain) is None
    assert value("zero_results", terrain) is None
    tree = team_tree()
    assert {ventes.pk, terrain.pk} <= tree.shown
    everyone = set(Profile.objects.active().values_list("user_id", flat=True))
    groups = [("organisation", frozenset(everyone), None)]
    for team_obj in (ventes, terrain):
        if value("weekly_active", team_obj) is not None:
            groups.append((team_obj.name, frozenset(members(team_obj)), None))
    assert_no_small_group_by_subtraction(groups)


def test_a_team_whose_figures_may_no_longer_be_shown_loses_the_snapshots_of_the_weeks_recomputed(
    parent_of_nine,
):
    week = monday_of(timezone.localdate())
    employees(5)  # people without a team
    extra = employees(4, team=parent_of_nine["ventes"])  # Ventes: 5 direct, Terrain 9
    snapshot_kpis(weeks=[week])
    terrain = parent_of_nine["terrain"]
    assert KPISnapshot.objects.filter(team=terrain, week_start=week).exists()

    for someone in extra:  # Ventes back to one direct member: Terrain merges into it
        someone.profile.team = None
        someone.profile.save()
    snapshot_kpis(weeks=[week])

    assert not KPISnapshot.objects.filter(team=terrain, week_start=week).exists()
    assert KPISnapshot.objects.filter(team=parent_of_nine["ventes"], week_start=week).exists()
