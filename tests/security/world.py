"""One small intranet with every role and every kind of object a URL can name.

The roles are the demo's (intranet/management/commands/load_demo.py), with the permissions the
product gives their groups (news.services.sections.configure_roles):

- anonymous: nobody signed in;
- employee: a member of team B, no group;
- editor: the Editors group (drafts news, moderates comments, sees must-read rates);
- owner: the Challenge owners group, and owner of both challenges;
- manager: the Managers group (answers leadership questions);
- hr: the HR group (edits anyone's profile, sees people who left; the private page is theirs);
- admin: a superuser.

Everyone but the admin is in team B; the restricted challenge is for team A only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from communities.models import Visibility
from ideas.models import CoAuthorInvitation, Workshop
from insights.models import FrustrationExpression, Objective
from news.models import Question
from news.services.sections import configure_roles
from notifications.models import Notification
from search.models import SearchQueryLog, Synonym
from tests.communities.factories import community as make_community
from tests.communities.factories import event as make_event
from tests.communities.factories import post as make_post
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge as make_challenge
from tests.ideas.factories import hub
from tests.ideas.factories import idea as make_idea
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, person, value

ROLES = ("anonymous", "employee", "editor", "owner", "manager", "hr", "admin")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def restrict_to_group(page, group: Group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)


def upload(title: str, filename: str) -> Document:
    document = Document(title=title)
    document.file.save(filename, ContentFile(f"{title}.".encode()), save=True)
    return document


def document_link(document: Document) -> str:
    return f'<p><a linktype="document" id="{document.pk}">{document.title}</a></p>'


def build_world() -> World:
    home_page()
    sections()
    configure_roles()
    hub()
    world = World()
    team_a, team_b = TeamFactory(name="Équipe A"), TeamFactory(name="Équipe B")
    hr_group, _ = Group.objects.get_or_create(name="HR")
    Group.objects.get(name="Communicators").permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_search_analytics"])
    )
    groups = {
        "employee": [],
        "editor": ["Editors"],
        "owner": ["Challenge owners"],
        "manager": ["Managers"],
        "hr": ["HR"],
    }
    for role, names in groups.items():
        world.users[role] = person(username=f"role-{role}", team=team_b, groups=names)
    world.users["admin"] = person(
        username="role-admin", is_superuser=True, is_staff=True, team=None
    )
    # The manager role also manages the employee, so it has a team dashboard (team B).
    employee_profile = world.users["employee"].profile
    employee_profile.manager = world.users["manager"].profile
    employee_profile.save()
    author = person(username="someone", first_name="Sam", last_name="Author", team=team_a)
    owner = world.users["owner"]

    # Documents used on the HR-only page and on team A's challenge follow those pages' rules.
    private_document = upload("Grille", "grille.txt")
    audience_document = upload("Consignes", "consignes.txt")
    challenge = make_challenge(owner=owner, title="Pour tous", phase="open")
    restricted = make_challenge(
        owner=owner,
        title="Équipe A seulement",
        audience=[team_a],
        phase="open",
        description=document_link(audience_document),
    )
    idea = make_idea(challenge, author=author, title="Idée ouverte")
    restricted_idea = make_idea(restricted, author=author, title="Idée réservée")
    # The employee is invited to co-author the open idea: only they may answer.
    CoAuthorInvitation.objects.create(idea=idea, person=world.users["employee"], invited_by=author)
    idea_comment = comment_on(idea, author=author, body="<p>Bravo</p>", created_at=timezone.now())
    restricted_comment = comment_on(
        restricted_idea, author=author, body="<p>Chut</p>", created_at=timezone.now()
    )
    workshop = Workshop.objects.create(
        challenge=challenge,
        title="Atelier",
        starts_at=timezone.now() + timedelta(days=3),
        capacity=10,
    )
    restricted_workshop = Workshop.objects.create(
        challenge=restricted,
        title="Atelier A",
        starts_at=timezone.now() + timedelta(days=3),
        capacity=10,
    )

    news = publish_news(title="Cantine")
    must_read = publish_news(title="Sécurité", must_read=True)
    private_news = publish_news(title="Plan social", must_read=True)
    restrict_to_group(private_news, hr_group)
    news_comment = comment_on(news, author=author, body="Miam")
    private_comment = comment_on(private_news, author=author, body="Secret")
    update = publish_update(title="Le mot de la direction")
    question = Question.objects.create(update=update, author=author, body="Quand ?")
    private_page = publish_standard_page(
        title="Salaires", parent=home_page(), body_html=document_link(private_document)
    )
    restrict_to_group(private_page, hr_group)
    public_page = publish_standard_page(title="Charte", parent=home_page())

    document = upload("Guide", "guide.txt")  # used on no page: its collection's rules
    log = SearchQueryLog.objects.create(
        query="cantine", normalized_query="cantine", result_count=1, searcher="x"
    )
    # Feed area: an open community with a post and an event; a secret one nobody but the
    # admin (who reads everything) may know.
    follow_community = make_community(name="Ouverte", slug="ouverte", members=[author])
    follow_secret = make_community(
        name="Secrète", slug="secrete", visibility=Visibility.SECRET, members=[author]
    )
    world.objects.update(
        follow_community=follow_community,
        follow_secret=follow_secret,
        follow_post=make_post(follow_community, author=author, title="Bonjour"),
        follow_event=make_event(follow_community, title="Rencontre"),
    )
    world.objects.update(
        author=author,
        team_a=team_a,
        team_b=team_b,
        challenge=challenge,
        restricted=restricted,
        idea=idea,
        restricted_idea=restricted_idea,
        idea_comment=idea_comment,
        idea_conversation=idea_comment.conversation,
        restricted_comment=restricted_comment,
        workshop=workshop,
        restricted_workshop=restricted_workshop,
        news=news,
        must_read=must_read,
        private_news=private_news,
        news_comment=news_comment,
        private_comment=private_comment,
        update=update,
        question=question,
        private_page=private_page,
        public_page=public_page,
        home=home_page(),
        hub=hub(),
        news_index=news.get_parent().specific,
        leadership_index=update.get_parent().specific,
        document=document,
        private_document=private_document,
        audience_document=audience_document,
        log=log,
        synonym=Synonym.objects.create(terms="RGPD, GDPR"),
        value=value(),
        objective=Objective.objects.create(
            title="Mieux trouver",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=90),
        ),
        expression=FrustrationExpression.objects.get_or_create(
            expression="ras-le-bol", defaults={"language": "fr"}
        )[0],
        # A notice of the employee's: only they may mark it read.
        notice=Notification.objects.create(
            recipient=world.users["employee"], key="matrix", message="Bonjour", url="/"
        ),
    )
    return world
