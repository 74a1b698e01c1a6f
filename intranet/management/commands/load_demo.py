from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from intranet.demo.activity_load import add_demo_activity
from intranet.demo.calendar import DemoCalendar
from intranet.demo.faces import add_faces
from intranet.demo.held_tasks import catch_up, tasks_held
from intranet.demo.newsroom import add_newsroom_life
from intranet.demo.org_people import NAMED_PEOPLE
from intranet.demo.tour import TOURS, enrol
from intranet.demo.world import import_world
from intranet.demo_communities import GUEST_USERNAME, add_community_demo
from intranet.demo_images import PORTRAITS, add_demo_images
from search.indexing import rebuild as rebuild_search_index

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_PASSWORD = "ruche-demo"  # noqa: S105 - printed on purpose: demo accounts only
ROLE_GROUPS = ["Editors", "Moderators", "Challenge owners", "Managers", "Communicators", "HR"]
DEMO_ACCOUNTS = [
    # username, first name, last name, role, groups
    ("camille", "Camille", "Martin", "employee", []),
    ("elise", "Élise", "Bernard", "editor", ["Editors"]),
    ("olivier", "Olivier", "Petit", "challenge owner", ["Challenge owners"]),
    ("mathilde", "Mathilde", "Robert", "manager", ["Managers"]),
    ("admin", "Alex", "Durand", "administrator", []),
    ("claire", "Claire", "Dubois", "communicator", ["Communicators", "Editors"]),
    # The chief executive: writes leadership updates (Editors) and answers employees'
    # questions in the open (news.answer_question, which Managers hold).
    ("sophie", "Sophie", "Lefèvre", "leader", ["Managers", "Editors"]),
]


class Command(BaseCommand):
    help = "Load the demo content and the demo accounts (idempotent); prints the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even when DEBUG is off (they have a known password).",
        )

    def handle(self, *args, allow_production: bool, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off; "
                "pass --allow-production if this really is a demonstration server."
            )
        for name in ROLE_GROUPS:
            Group.objects.get_or_create(name=name)
        Group.objects.get(name="Communicators").permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", "view_search_analytics"])
        )
        for username, first_name, last_name, role, groups in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            user.email = f"{username}@demo.ruche.example"
            user.is_superuser = user.is_staff = username == "admin"
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            enrol(user, role)  # the "what to try" panel of the home page

        calendar = DemoCalendar()
        with tasks_held() as held:
            self.build_world(calendar)
        done = Counter(catch_up(held))
        # Twelve weeks of ideas, searches and pulse answers: their notices and emails would
        # be about weeks past, so only Wagtail's index catches up on them.
        with tasks_held() as held:
            for line in add_demo_activity(calendar):
                self.stdout.write(f"  demo: {line}")
        done.update(catch_up(held, deliver=False))
        if any(done.values()):
            self.stdout.write(
                f"  demo: {done['run']} background tasks run once, {done['folded']} folded into "
                f"them, {done['skipped']} left to the index rebuild or not wanted from a demo"
            )
        indexed = rebuild_search_index()
        self.stdout.write(f"  search index: {sum(indexed.values())} documents")
        self.print_logins()

    def build_world(self, calendar: DemoCalendar) -> None:
        """The organisation, its content and its twelve weeks of life (tasks held)."""
        report = import_world(DEMO_DIR, calendar)
        for message in report.errors:
            self.stderr.write(message)
        for line in report.summary_lines():
            self.stdout.write(f"  demo {line}")
        for line in add_community_demo(DEMO_PASSWORD):
            self.stdout.write(f"  demo: {line}")
        images = add_demo_images()
        if images:
            self.stdout.write(f"  demo: {len(images)} pictures drawn (covers and portraits)")
        faces = add_faces(calendar.seed, skip_keys=set(PORTRAITS), rendered_keys=set(NAMED_PEOPLE))
        if faces:
            self.stdout.write(f"  demo: {faces} faces drawn")
        for line in add_newsroom_life(calendar):
            self.stdout.write(f"  demo: {line}")

    def print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (password for all: ruche-demo):"))
        with translation.override("en"):  # the rest of the output is in English too
            for username, first_name, last_name, role, _groups in DEMO_ACCOUNTS:
                shows = TOURS[role].summary
                self.stdout.write(f"  {username:<10} {first_name} {last_name}, {role}: {shows}")
            if User.objects.filter(username=GUEST_USERNAME).exists():
                shows = TOURS["guest expert"].summary
                self.stdout.write(f"  {GUEST_USERNAME:<10} Inès Conseil, guest expert: {shows}")
        self.stdout.write("Sign in at http://127.0.0.1:8000/ — the admin is at /admin/.\n")
