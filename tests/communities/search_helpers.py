"""Helpers of the communities' search tests: who finds what, and stand-ins for the pages.

The community pages are built by other areas; until their routes exist, `use_stand_in_pages`
makes this module the URL configuration, whose reverse names `communities:community`,
`communities:post` and `events:event` lead to stand-ins, so that results carry the links
the models give.
"""

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from communities.models import Visibility
from intranet.urls import urlpatterns as site_urlpatterns
from search.engine import get_engine
from search.query import Filters
from search.services import run_search, suggest
from tests.communities.factories import community, event, post
from tests.people.factories import person

INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _stand_in(request, **kwargs):
    return HttpResponse()


urlpatterns = [
    path(
        "communities/",
        include(
            (
                [
                    path("<slug:slug>/", _stand_in, name="community"),
                    path("<slug:slug>/posts/<int:pk>/", _stand_in, name="post"),
                ],
                "communities",
            )
        ),
    ),
    path("events/", include(([path("<int:pk>/", _stand_in, name="event")], "events"))),
    *site_urlpatterns,
]


def use_stand_in_pages(settings) -> None:
    """Stand-in community pages, while the real ones are missing (pytest's `settings`)."""
    try:
        reverse("events:event", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


def a_member():
    return person(username="membre", first_name="Maëlle", last_name="Durand")


def an_outsider():
    return person(username="dehors", first_name="Octave", last_name="Lambert")


def secret_club(member):
    """A secret community of `member` with a post and an event, all about zeppelins."""
    club = community(
        name="Club Zeppelin",
        visibility=Visibility.SECRET,
        description="Les dirigeables du comité de direction",
        members=[member],
    )
    club.tags.add("aerostat")
    post(
        club,
        author=member,
        title="Rachat du hangar zeppelin",
        body="<p>Le hangar des zeppelins est à vendre, confidentiel.</p>",
    ).tags.add("hangar-secret")
    event(club, title="Vol d'essai du zeppelin", place="Hangar Y", description="<p>Essai.</p>")
    return club


def as_in_a_request(user):
    """The user as a new request loads them (their communities are cached per request)."""
    return User.objects.get(pk=user.pk)


def found(user, text, **filters):
    """The titles this user finds for `text`, sorted."""
    outcome = run_search(user=as_in_a_request(user), text=text, filters=Filters(**filters))
    return sorted(hit.title for hit in outcome.results)


def suggested(user, text):
    """The titles this user is suggested as they type `text`, sorted."""
    return sorted(hit.title for hit in suggest(user=as_in_a_request(user), text=text))


def refreshed():
    """Documents written since the last refresh become searchable."""
    get_engine().refresh()
