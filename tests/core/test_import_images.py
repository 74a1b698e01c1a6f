"""The optional `image` of the import kinds news, leadership_update, challenge and community,
and `photo` of person (DESIGN.md §2, extended): a file beside the import file becomes a
Wagtail image once, whatever the number of imports; a bad file fails its line only."""

import pytest
from wagtail.images import get_image_model

from communities.models import Community
from ideas.models import ChallengePage
from news.models import LeadershipUpdatePage, NewsPage
from people.models import Profile
from tests.images import picture_file
from tests.importing import run_import as run
from tests.importing import write_jsonl as write
from tests.people.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]

PUBLISHED = "2026-03-02T09:30:00+01:00"


@pytest.fixture
def pictures(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    for name, color in (("ruches.png", "orange"), ("velo.png", "green"), ("paul.png", "blue")):
        (folder / name).write_bytes(picture_file(name, size=(800, 450), color=color).read())
    (folder / "faux.png").write_text("<svg onload='alert(1)'></svg>")
    return folder


def news(key, **fields):
    return {"kind": "news", "key": key, "title": key, "body": "Texte", "published_at": PUBLISHED}


def test_news_and_updates_get_their_image_with_its_alt_text(tmp_path, pictures):
    path = write(
        tmp_path,
        {**news("n1"), "image": "images/ruches.png", "image_alt": "Trois ruches sur le toit"},
        {**news("n2"), "image": str(pictures / "ruches.png"), "image_decorative": True},
        {
            "kind": "leadership_update",
            "key": "u1",
            "title": "Cap 2027",
            "body": "Texte",
            "published_at": PUBLISHED,
            "image": "images/velo.png",
        },
    )

    out, err = run(path)
    run(path)  # again: the same images, not new ones

    assert err == ""
    first, second = NewsPage.objects.get(title="n1"), NewsPage.objects.get(title="n2")
    assert first.cover_image == second.cover_image  # the same file is one image
    assert first.cover_image.description == "Trois ruches sur le toit"
    assert not first.cover_decorative and second.cover_decorative
    assert first.cover_image.width == 800 and first.cover_image.height == 450
    update = LeadershipUpdatePage.objects.get()
    assert update.cover_image.title == "Cap 2027"
    assert get_image_model().objects.count() == 2


def test_a_line_without_image_keeps_the_image_it_has(tmp_path, pictures):
    run(write(tmp_path, {**news("n1"), "image": "images/ruches.png"}))
    run(write(tmp_path, news("n1")))

    assert NewsPage.objects.get().cover_image is not None


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        ("images/absente.png", "no file at"),
        ("images/faux.png", "not a readable image"),
        ("images/ruches.svg", "an image must be one of"),
        (12, "must be the path of an image file"),
    ],
)
def test_a_bad_image_fails_its_line_only(tmp_path, pictures, image, reason):
    path = write(tmp_path, {**news("n1"), "image": image}, news("n2"))

    _out, err = run(path, expect_failure=True)

    assert f"{path}:1: " in err and reason in err
    assert list(NewsPage.objects.values_list("title", flat=True)) == ["n2"]


def test_challenges_communities_and_people_take_an_image_too(tmp_path, pictures):
    person(key="p-olivier")
    path = write(
        tmp_path,
        {
            "kind": "challenge",
            "key": "c1",
            "title": "Moins de papier",
            "description": "Comment imprimer moins ?",
            "owner": "p-olivier",
            "opens_at": "2026-01-05T09:00:00+01:00",
            "closes_at": "2026-12-31",
            "image": "images/velo.png",
        },
        {
            "kind": "community",
            "key": "g1",
            "name": "Comité secret",
            "visibility": "secret",
            "image": "images/ruches.png",
        },
        {
            "kind": "person",
            "key": "p-paul",
            "first_name": "Paul",
            "last_name": "Roux",
            "email": "paul.roux@example.org",
            "photo": "images/paul.png",
        },
    )

    _out, err = run(path)
    run(path)

    assert err == ""
    assert ChallengePage.objects.get().cover_image.title == "Moins de papier"
    secret = Community.objects.get()
    assert "ruches" not in secret.cover.file.name  # as private as the community: no clue
    assert Profile.objects.get(user__email="paul.roux@example.org").photo.title == "Paul Roux"
    assert get_image_model().objects.count() == 3
