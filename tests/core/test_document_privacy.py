"""A document is as private as the pages that use it (core/document_privacy.py).

Files are stored through Wagtail's document model in the test media folder and downloaded
through /documents/<id>/<filename>; pages are published in Wagtail on the real database, so
the reference index is Wagtail's own.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)
from wagtail.tasks import update_reference_index_task

from core.document_privacy import Access, document_access, page_references
from intranet.checks import documents_are_served_through_the_privacy_check
from search.services import run_search
from tests.ideas.factories import challenge
from tests.intranet.factories import home_page, publish_standard_page
from tests.news.factories import publish_news, sections
from tests.people.factories import TeamFactory, person

pytestmark = pytest.mark.django_db

CONTENT = b"Grille des salaires 2027"


def upload(title: str = "Grille", *, collection: Collection | None = None, **fields) -> Document:
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    for name, value in fields.items():
        setattr(document, name, value)
    document.file.save(f"{title.lower()}.txt", ContentFile(CONTENT), save=True)
    return document


def link_to(document: Document) -> str:
    return f'<p>Voir <a linktype="document" id="{document.pk}">la grille</a>.</p>'


def restrict(page, *groups: Group, kind: str = PageViewRestriction.GROUPS, **fields):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    restriction.groups.add(*groups)
    return restriction


def download(client, user, document: Document):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(document.url)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def hr(db):
    home_page()
    return Group.objects.get_or_create(name="HR")[0]


@pytest.fixture
def people(hr):
    return {
        "hr": person(username="hr-member", groups=["HR"]),
        "employee": person(username="someone-else"),
    }


def private_page_with(document: Document, group: Group, title: str = "Salaires"):
    page = publish_standard_page(title=title, body_html=link_to(document))
    restrict(page, group)
    return page


def test_a_document_on_a_group_private_page_is_for_that_group_only(client, hr, people):
    document = upload()
    private_page_with(document, hr)

    allowed = download(client, people["hr"], document)
    assert allowed.status_code == 200 and body(allowed) == CONTENT
    assert download(client, people["employee"], document).status_code == 404
    anonymous = download(client, None, document)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"{reverse('login')}?next={document.url}"


def test_a_download_is_marked_private_for_caches(client, hr, people):
    document = upload()
    private_page_with(document, hr)

    response = download(client, people["hr"], document)

    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_block_in_a_streamfield_counts_like_a_rich_text_link(client, hr, people):
    document = upload()
    page = publish_standard_page(title="Salaires", body_html="<p>Texte</p>")
    page.body = [("document", document)]
    page.save_revision().publish()
    restrict(page, hr)

    assert download(client, people["hr"], document).status_code == 200
    assert download(client, people["employee"], document).status_code == 404


def test_the_privacy_of_a_parent_section_reaches_the_documents_of_its_pages(client, hr, people):
    section = publish_standard_page(title="Espace RH")
    restrict(section, hr)
    document = upload()
    publish_standard_page(title="Grille", body_html=link_to(document), parent=section)

    assert download(client, people["hr"], document).status_code == 200
    assert download(client, people["employee"], document).status_code == 404


def test_an_alias_of_a_private_page_is_as_private_as_its_source(client, hr, people):
    document = upload()
    source = private_page_with(document, hr)
    alias = source.create_alias(parent=publish_standard_page(title="Espace public"))
    # What the worker does after the alias is saved: record the alias's references.
    update_reference_index_task.call("intranet", "standardpage", str(alias.pk))
    assert page_references(document).filter(object_id=str(alias.pk)).exists()

    assert download(client, people["employee"], document).status_code == 404
    assert download(client, people["hr"], document).status_code == 200


def test_a_document_on_a_page_for_signed_in_users_is_for_every_employee(client, people):
    document = upload()
    page = publish_standard_page(title="Interne", body_html=link_to(document))
    restrict(page, kind=PageViewRestriction.LOGIN)

    assert download(client, people["employee"], document).status_code == 200


def test_a_document_on_a_password_page_opens_once_the_password_is_entered(client, people):
    document = upload()
    page = publish_standard_page(title="Comité", body_html=link_to(document))
    restriction = restrict(page, kind=PageViewRestriction.PASSWORD, password="ruche-2027")
    employee = people["employee"]

    assert download(client, employee, document).status_code == 404
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "ruche-2027", "return_url": page.url},
    )
    assert client.get(document.url).status_code == 200


def test_a_document_on_an_audience_restricted_challenge_is_for_that_audience(client, hr):
    it = TeamFactory(name="IT")
    support = TeamFactory(name="Support", parent=it)
    owner = person(username="owner")
    member = person(username="supporter", team=support)
    outsider = person(username="outsider", team=TeamFactory(name="Finance"))
    document = upload()
    challenge(owner=owner, title="Pour l'IT", audience=[it], description=link_to(document))

    assert download(client, member, document).status_code == 200
    assert download(client, owner, document).status_code == 200
    assert download(client, outsider, document).status_code == 404


def test_a_document_on_news_addressed_to_a_team_follows_who_may_read_the_news(client, hr):
    # A news audience targets the feed and the reminders; reading the news itself follows
    # page privacy (tests/news/test_home_feed.py), so its documents do too.
    sections()
    it = TeamFactory(name="IT")
    member = person(username="dev", team=it)
    outsider = person(username="accountant", team=TeamFactory(name="Finance"))
    open_file, private_file = upload("Planning"), upload("Budget")
    publish_news(title="Pour l'IT", audience=[it], body_html=link_to(open_file))
    private = publish_news(title="Pour l'IT, RH", audience=[it], body_html=link_to(private_file))
    restrict(private, hr)

    assert download(client, member, open_file).status_code == 200
    assert download(client, outsider, open_file).status_code == 200
    assert download(client, member, private_file).status_code == 404
    assert download(client, person(username="hr-dev", team=it, groups=["HR"]), private_file)


def test_a_document_on_a_public_and_a_private_page_is_for_whoever_sees_the_public_one(
    client, hr, people
):
    document = upload()
    private_page_with(document, hr)
    publish_standard_page(title="Charte", body_html=link_to(document))

    assert download(client, people["employee"], document).status_code == 200
    assert download(client, people["hr"], document).status_code == 200


def test_a_document_stays_private_while_its_public_page_is_unpublished(client, hr, people):
    document = upload()
    private_page_with(document, hr)
    public = publish_standard_page(title="Charte", body_html=link_to(document))
    public.unpublish()

    assert download(client, people["employee"], document).status_code == 404
    assert download(client, people["hr"], document).status_code == 200


def test_a_document_removed_from_its_private_page_falls_back_to_its_collection(client, hr, people):
    document = upload()
    page = private_page_with(document, hr)
    page.body = [("paragraph", "<p>Plus de grille ici.</p>")]
    page.save_revision().publish()

    assert download(client, people["employee"], document).status_code == 200


def test_an_unreferenced_document_keeps_the_rules_of_its_collection(client, hr, people):
    root = Collection.get_first_root_node()
    confidential = root.add_child(name="Confidentiel")
    restriction = CollectionViewRestriction.objects.create(
        collection=confidential, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(hr)
    open_file, closed_file = upload("Menu"), upload("Audit", collection=confidential)

    assert download(client, people["employee"], open_file).status_code == 200
    assert download(client, people["hr"], closed_file).status_code == 200
    # Wagtail's own answer to a collection restriction: its sign-in page.
    turned_away = download(client, people["employee"], closed_file)
    assert turned_away.status_code == 302 and "/login/" in turned_away["Location"]


def test_collection_privacy_still_applies_to_a_document_used_on_a_page(client, hr, people):
    confidential = Collection.get_first_root_node().add_child(name="Confidentiel")
    CollectionViewRestriction.objects.create(
        collection=confidential, restriction_type=CollectionViewRestriction.GROUPS
    ).groups.add(hr)
    document = upload(collection=confidential)
    publish_standard_page(title="Charte", body_html=link_to(document))

    assert download(client, people["hr"], document).status_code == 200
    assert download(client, people["employee"], document).status_code == 302


def test_editors_who_manage_the_collection_keep_access(client, hr, people):
    managed = Collection.get_first_root_node().add_child(name="RH")
    editors = Group.objects.create(name="Éditeurs RH")
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=managed,
        permission=Permission.objects.get(codename="change_document"),
    )
    uploaders = Group.objects.create(name="Déposants")
    GroupCollectionPermission.objects.create(
        group=uploaders,
        collection=managed,
        permission=Permission.objects.get(codename="add_document"),
    )
    editor = person(username="editor", groups=["Éditeurs RH"])
    uploader = person(username="uploader", groups=["Déposants"])
    other_uploader = person(username="other-uploader", groups=["Déposants"])
    document = upload(collection=managed, uploaded_by_user=uploader)
    private_page_with(document, hr)

    assert download(client, editor, document).status_code == 200
    assert download(client, uploader, document).status_code == 200
    assert download(client, other_uploader, document).status_code == 404
    assert download(client, people["employee"], document).status_code == 404


def test_a_file_is_private_as_soon_as_its_page_is_published(client, hr, people):
    # Wagtail records references in a background task; none runs in this test, yet the
    # reference is known the moment the page goes live.
    document = upload()
    page = publish_standard_page(title="Brouillon", body_html="<p>Rien</p>")
    restrict(page, hr)
    page.body = [("paragraph", link_to(document))]
    assert download(client, people["employee"], document).status_code == 200  # a draft only

    page.save_revision().publish()

    assert download(client, people["employee"], document).status_code == 404


def test_one_query_decides_whatever_the_number_of_referencing_pages(rf, hr, people):
    few, many = upload("Peu"), upload("Beaucoup")
    private_page_with(few, hr)
    for number in range(12):
        private_page_with(many, hr, title=f"Salaires {number}")
    publish_standard_page(title="Charte", body_html=link_to(many))
    request = rf.get("/")
    request.session = {}

    for user, document in [(people["hr"], few), (people["employee"], many)]:
        request.user = user
        document_access(request, document)  # content types are cached after the first call
        with CaptureQueriesContext(connection) as queries:
            assert document_access(request, document) is Access.ALLOWED
        assert len(queries) == 1


def test_a_download_costs_the_same_queries_for_one_or_many_pages(client, hr, people):
    few, many = upload("Peu"), upload("Beaucoup")
    private_page_with(few, hr)
    for number in range(12):
        private_page_with(many, hr, title=f"Salaires {number}")
    client.force_login(people["hr"])
    client.get(few.url)

    counts = []
    for document in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(document.url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_search_finds_a_document_only_through_a_page_the_reader_may_see(reindex, hr, people):
    document = upload("Quokka")
    page = publish_standard_page(
        title="Rémunérations",
        body_html=f'<p><a linktype="document" id="{document.pk}">Grille quokka</a></p>',
    )
    restrict(page, hr)
    reindex()

    # The unified index holds pages, not files: the member finds the page, never the file.
    assert [hit.url for hit in run_search(user=people["hr"], text="quokka").results] == [page.url]
    outcome = run_search(user=people["employee"], text="quokka")
    assert outcome.count == 0 and outcome.results == []


def test_the_admin_api_lists_only_the_documents_one_may_choose(client, hr):
    root = Collection.get_first_root_node()
    listed = upload("Choisi", collection=root.add_child(name="Ouvert"))
    hidden = upload("Caché", collection=root)
    choosers = Group.objects.create(name="Choisisseurs")
    choosers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(
        group=choosers,
        collection=listed.collection,
        permission=Permission.objects.get(codename="choose_document"),
    )
    chooser = person(username="chooser", groups=["Choisisseurs"])
    Group.objects.get_or_create(name="Admin seulement")[0].permissions.add(
        Permission.objects.get(codename="access_admin")
    )
    admin_only = person(username="admin-only", groups=["Admin seulement"])

    client.force_login(chooser)
    titles = [item["title"] for item in client.get("/admin/api/main/documents/").json()["items"]]
    assert listed.title in titles and hidden.title not in titles
    client.force_login(admin_only)
    assert client.get("/admin/api/main/documents/").json()["items"] == []


@pytest.mark.parametrize("method", ["redirect", "direct", None])
def test_a_serve_method_that_bypasses_the_check_is_a_configuration_error(settings, method):
    settings.WAGTAILDOCS_SERVE_METHOD = method

    errors = documents_are_served_through_the_privacy_check(None)

    assert [error.id for error in errors] == ["intranet.E001"]


def test_the_settings_serve_documents_through_the_check():
    assert documents_are_served_through_the_privacy_check(None) == []
