"""The header every page carries is built from the cache once known (frontend/navigation.py),
and never shows a reader what was built for someone with other rights, nor what changed since.

- the Administration link and the user bar: per person; a group or permission change is seen
  on the next page;
- the section menu: the same for everyone (public pages only), per host; a publication,
  unpublication, or view restriction is seen on the next page;
- a page read again costs no query for them.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.template import engines
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from people.auth import load_user
from tests.intranet.factories import editors_group
from tests.news.factories import sections
from tests.people.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LINK = '<a href="/admin/">'


def render_header(user, path: str = "/anything/") -> str:
    request = RequestFactory().get(path)
    request.user = user
    template = engines["django"].from_string(
        '{% extends "frontend/base.html" %}{% block content %}{% endblock %}'
    )
    return template.render({}, request)


def menu(html: str) -> str:
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_a_reader_without_rights_never_gets_the_administration_link_cached_for_an_editor():
    editor = UserFactory()
    editor.groups.add(editors_group())
    reader = UserFactory()

    assert ADMIN_LINK in render_header(editor)
    assert ADMIN_LINK not in render_header(reader)
    assert ADMIN_LINK in render_header(editor)  # and the other way round


def test_an_editor_removed_from_the_group_loses_the_link_on_the_next_page():
    group = editors_group()
    editor = UserFactory()
    editor.groups.add(group)
    assert ADMIN_LINK in render_header(editor)

    editor.groups.remove(group)
    editor = type(editor).objects.get(pk=editor.pk)  # the next request loads the user again

    assert ADMIN_LINK not in render_header(editor)


def test_a_group_given_the_admin_right_shows_the_link_to_its_members_on_the_next_page():
    group = Group.objects.create(name="Communicants")
    member = UserFactory()
    member.groups.add(group)
    assert ADMIN_LINK not in render_header(member)

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    member = type(member).objects.get(pk=member.pk)

    assert ADMIN_LINK in render_header(member)


def test_a_deactivated_editor_is_not_offered_the_administration():
    editor = UserFactory()
    editor.groups.add(editors_group())
    assert ADMIN_LINK in render_header(editor)

    editor.is_active = False

    assert ADMIN_LINK not in render_header(editor)


def test_the_section_menu_follows_publication_and_unpublication():
    news_index, leadership_index = sections()
    reader = UserFactory()
    assert news_index.title in menu(render_header(reader))

    news_index.unpublish()

    html = menu(render_header(reader))
    assert news_index.title not in html and leadership_index.title in html
    news_index.save_revision().publish()
    assert news_index.title in menu(render_header(reader))


def test_a_section_restricted_to_some_readers_leaves_the_menu_shared_by_everyone():
    news_index, _ = sections()
    reader = UserFactory()
    assert news_index.title in menu(render_header(reader))

    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)

    assert news_index.title not in menu(render_header(reader))


def test_the_current_section_is_marked_for_each_request_not_cached():
    news_index, _ = sections()
    reader = UserFactory()
    render_header(reader)  # cached from another page

    html = menu(render_header(reader, path=news_index.url))

    assert f'<a href="{news_index.url}" aria-current="page">' in html


def test_a_page_read_again_costs_no_query_for_its_header(django_assert_num_queries):
    sections()
    reader = UserFactory()
    render_header(reader)
    reader = load_user(reader.pk)  # as the next request loads it (people/auth.py)

    # The sections, the rights and the unread count (notifications/unread.py) are known.
    with django_assert_num_queries(0):
        render_header(reader)
