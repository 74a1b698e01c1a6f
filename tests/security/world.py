"""One small intranet with every role and every kind of object a URL can name.

The roles are the demo's (intranet/management/commands/load_demo.py), with the permissions the
product gives their groups (news.services.sections.configure_roles):

- anonymous: nobody signed in;
- employee: a member of team B, no group;
- editor: the Editors group (drafts news, moderates comments, sees must-read rates);
- owner: the Challenge owners group, and owner of both challenges;
- manager: the Managers group (answers leadership questions);
- hr: the HR group (edits anyone's profile, sees people who left; the private page is theirs);
- admin: a superuser;
- guest: an outside expert invited by the employee (people/guests.py), in no community.

Everyone but the admin is in team B; the restricted challenge is for team A only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from communities.models import Visibility
from communities.services.polls import PollSpec
from communities.services.posts import publish_post
from core.conversations.services import post_comment
from core.models import ExternalKey
from ideas.event_host import OLD_WORKSHOP_KIND
from ideas.models import CoAuthorInvitation
from insights.models import FrustrationExpression, Objective
from news.models import NewsCategory, Question
from news.services.sections import configure_roles
from notifications.models import Notification
from people.models import invitation_token
from search.models import SearchQueryLog, Synonym
from tests.communities.factories import community
from tests.communities.factories import community as make_community
from tests.communities.factories import event as make_event
from tests.communities.factories import join_request as make_join_request
from tests.communities.factories import post as make_post
from tests.conversations.factories import comment_on
from tests.ideas.factories import challenge as make_challenge
from tests.ideas.factories import hub
from tests.ideas.factories import idea as make_idea
from tests.images import wagtail_image
from tests.insights.actions.factories import actions_world
from tests.insights.pulse.factories import matrix_objects as pulse_matrix_objects
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news, publish_update, sections
from tests.people.factories import TeamFactory, guest, person, value

ROLES = ("anonymous", "employee", "editor", "owner", "manager", "hr", "admin", "guest")


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
    world.users["guest"] = guest(username="role-guest", invited_by=world.users["employee"])
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
    restricted.cover_image = wagtail_image("Réservée", size=(400, 225))
    restricted.save(update_fields=["cover_image"])
    idea = make_idea(challenge, author=author, title="Idée ouverte")
    restricted_idea = make_idea(restricted, author=author, title="Idée réservée")
    # The employee is invited to co-author the open idea: only they may answer.
    CoAuthorInvitation.objects.create(idea=idea, person=world.users["employee"], invited_by=author)
    idea_comment = comment_on(idea, author=author, body="<p>Bravo</p>", created_at=timezone.now())
    restricted_comment = comment_on(
        restricted_idea, author=author, body="<p>Chut</p>", created_at=timezone.now()
    )
    # The challenges' workshops are their events; 9001 and 9002 are the ids they had as
    # workshops (the old sign-up addresses lead to the events).
    challenge_event = make_event(challenge, title="Atelier", place="Lyon", in_days=3, capacity=10)
    restricted_event = make_event(restricted, title="Atelier A", place="Lyon", in_days=3)
    for old_id, moved in (("9001", challenge_event), ("9002", restricted_event)):
        ExternalKey.objects.create(
            kind=OLD_WORKSHOP_KIND,
            key=old_id,
            content_type=ContentType.objects.get_for_model(moved),
            object_id=str(moved.pk),
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
    # Events (communities): the owner role animates an open and a secret community.
    ev_community = make_community(
        name="Cuisine", slug="events-cuisine", animators=[world.users["owner"]]
    )
    ev_secret_community = make_community(
        name="Projet X",
        slug="events-projet-x",
        visibility=Visibility.SECRET,
        animators=[world.users["owner"]],
    )
    world.objects.update(
        ev_community=ev_community,
        ev_secret_community=ev_secret_community,
        events_open=make_event(ev_community, place="Lyon"),
        events_secret=make_event(
            ev_secret_community, place="Lyon", cover_image=wagtail_image("X", size=(400, 225))
        ),
        events_past=make_event(ev_community, in_days=-2, place="Lyon"),
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
        challenge_event=challenge_event,
        restricted_event=restricted_event,
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
        category=NewsCategory.objects.create(name="Vie du siège", slug="vie-du-siege"),
        value=value(),
        guest=world.users["guest"],
        invitation_token=invitation_token(world.users["guest"].guest_invitations.get()),
        objective=Objective.objects.create(
            title="Mieux trouver",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=90),
        ),
        expression=FrustrationExpression.objects.get_or_create(
            expression="ras-le-bol", defaults={"language": "fr"}
        )[0],
        **communities(world),
        # A notice of the employee's: only they may mark it read.
        notice=Notification.objects.create(
            recipient=world.users["employee"], key="matrix", message="Bonjour", url="/"
        ),
    )
    communities_world(world)
    world.objects.update(actions_world(world))  # action plans (insights/actions)
    world.objects.update(pulse_matrix_objects())
    # The file names of a rendition of private covers (core/cover_access.py).
    world.objects["ev_secret_cover"] = _rendition_name(world.objects["events_secret"].cover_image)
    world.objects["r_cover"] = _rendition_name(world.objects["restricted"].cover_image)
    return world


def communities_world(world: World) -> None:
    """An open and a secret community: the owner role is a member of both, the manager role
    their animator; each has a question by the owner with a comment, a poll; the secret
    one's post has an attached file."""
    objects = {}
    for name, visibility in (("p_open", Visibility.OPEN), ("p_secret", Visibility.SECRET)):
        # fresh rows: access.py caches a person's communities on the user object
        owner, manager = (
            type(user).objects.get(pk=user.pk)
            for user in (world.users["owner"], world.users["manager"])
        )
        where = community(name=name, visibility=visibility, members=[owner], animators=[manager])
        asked = publish_post(
            community=where,
            author=owner,
            kind="question",
            title="Quel four ?",
            body="Gaz ou bois ?",
            poll=PollSpec("Gaz ou bois ?", ["Gaz", "Bois"]),
            attachments=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")],
        )
        answer = post_comment(author=manager, target=asked, body="Bois")
        prefix = "c" if name == "p_open" else "s"
        objects.update(
            {
                name: where,
                f"{prefix}_post": asked,
                f"{prefix}_comment": answer,
                f"{prefix}_choice": asked.poll.choices.first(),
                f"{prefix}_document": asked.attachments.get().document,
                # the paths of the matrix's rows, short enough for its lines
                f"{prefix}_posts": f"/communities/{where.slug}/posts",
                f"{prefix}_p": f"/communities/{where.slug}/posts/{asked.pk}",
            }
        )
    world.objects.update(objects)


def _cover_rendition(target) -> str:
    target.cover = wagtail_image(target.name, size=(400, 225))
    target.save(update_fields=["cover"])
    return target.cover.get_rendition("fill-400x225-c75|format-jpeg").file.name.rsplit("/")[-1]


def _rendition_name(image) -> str:
    return image.get_rendition("fill-400x225-c75|format-jpeg").file.name.rsplit("/")[-1]


def communities(world: World) -> dict:
    """Communities: the editor animates an open, a closed and a secret one; the employee is a
    member of the closed and the secret ones; HR asked to join the closed one."""
    editor, employee = world.users["editor"], world.users["employee"]
    open_community = make_community(name="Ouverte", slug="matrice-ouverte", animators=[editor])
    closed_community = make_community(
        name="Fermée",
        slug="matrice-fermee",
        visibility="closed",
        animators=[editor],
        members=[employee],
    )
    secret_community = make_community(
        name="Secrète",
        slug="matrice-secrete",
        visibility="secret",
        animators=[editor],
        members=[employee],
    )
    return {
        "c_open": open_community,
        "c_closed": closed_community,
        "c_secret": secret_community,
        # The file names of a rendition of each one's cover (communities/views/covers.py).
        "c_closed_cover": _cover_rendition(closed_community),
        "c_secret_cover": _cover_rendition(secret_community),
        "c_request": make_join_request(closed_community, world.users["hr"]),
        "c_member": employee,
    }
