"""Every user has a profile; only its owner or HR edits it; people who leave disappear."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from people.models import Profile
from people.search import person_document
from people.selectors import directory, profile_for_user
from tests.people.factories import TeamFactory, UserFactory, person

pytestmark = pytest.mark.django_db


def edit_data(**overrides):
    return {
        "job_title": "Cheffe de projet",
        "location": "Lyon",
        "phone": "+33 4 00 00 00 00",
        "skills": "Python, RGPD, Python",
        "languages": "français; anglais",
        "bio": "Bonjour <script>alert(1)</script>",
        **overrides,
    }


def test_every_new_user_gets_a_profile():
    user = User.objects.create_user("nina", "nina@example.org", "pw")

    assert Profile.objects.filter(user=user).exists()


def test_a_user_created_before_profiles_existed_gets_one_on_first_use():
    user = UserFactory()
    Profile.objects.filter(user=user).delete()

    profile = profile_for_user(user)

    assert profile.user == user and profile.pk


def test_anonymous_visitors_are_sent_to_sign_in(client):
    owner = person(team=TeamFactory(slug="equipe")).profile
    username = owner.user.username
    for url in [
        reverse("people:directory"),
        reverse("people:me"),
        reverse("people:profile", args=[username]),
        reverse("people:org_chart", args=[username]),
        reverse("people:edit", args=[username]),
        reverse("people:teams"),
        reverse("people:team", args=["equipe"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ["confirm", "deactivate", "kudos"]:
        response = client.post(reverse(f"people:{name}", args=[username]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    owner.refresh_from_db()
    assert owner.confirmed_at is None and owner.deactivated_at is None


def test_a_person_edits_their_own_profile_and_it_counts_as_confirmed(client):
    owner = person().profile
    client.force_login(owner.user)

    response = client.post(reverse("people:edit", args=[owner.user.username]), edit_data())

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.job_title == "Cheffe de projet" and owner.location == "Lyon"
    assert sorted(t.name for t in owner.skills.all()) == ["Python", "RGPD"]
    assert sorted(t.name for t in owner.languages.all()) == ["anglais", "français"]
    assert owner.confirmed_at is not None
    page = client.get(reverse("people:profile", args=[owner.user.username]))
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;" in page.content


def test_a_skill_longer_than_a_tag_is_refused_naming_it_and_nothing_is_saved(client):
    owner = person().profile
    owner.skills.set(["Python"])
    client.force_login(owner.user)

    long_skill = "Négociation " * 10
    response = client.post(
        reverse("people:edit", args=[owner.user.username]),
        edit_data(skills=f"RGPD, {long_skill}", job_title="Autre poste"),
    )

    assert response.status_code == 200
    assert "trop long : 100 caractères au maximum" in response.content.decode()
    owner.refresh_from_db()
    assert owner.job_title != "Autre poste"
    assert [t.name for t in owner.skills.all()] == ["Python"]
    assert 'value="RGPD, Négociation' in response.content.decode()  # what was typed is kept


def test_a_person_cannot_change_their_own_team_or_manager(client):
    owner = person(team=TeamFactory()).profile
    other_team = TeamFactory()
    client.force_login(owner.user)

    client.post(
        reverse("people:edit", args=[owner.user.username]),
        edit_data(team=other_team.pk),
    )

    owner.refresh_from_db()
    assert owner.team != other_team


def test_someone_else_cannot_edit_a_profile(client):
    owner, colleague = person().profile, person().profile
    client.force_login(colleague.user)

    assert client.get(reverse("people:edit", args=[owner.user.username])).status_code == 403
    response = client.post(reverse("people:edit", args=[owner.user.username]), edit_data())
    assert response.status_code == 403
    response = client.post(reverse("people:confirm", args=[owner.user.username]))
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.job_title == "" and owner.confirmed_at is None


def test_hr_edits_anyone_including_team_and_manager(client):
    owner, boss = person().profile, person().profile
    team = TeamFactory()
    client.force_login(person(groups=["HR"]))

    response = client.post(
        reverse("people:edit", args=[owner.user.username]),
        edit_data(team=team.pk, manager=boss.pk),
    )

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.team == team and owner.manager == boss


def test_hr_cannot_make_a_reporting_line_loop(client):
    boss = person().profile
    report = person(manager=boss).profile
    client.force_login(person(groups=["HR"]))

    response = client.post(
        reverse("people:edit", args=[boss.user.username]), edit_data(manager=report.pk)
    )

    assert response.status_code == 200
    assert "cela formerait une boucle" in response.content.decode()
    boss.refresh_from_db()
    assert boss.manager is None


def test_the_owner_confirms_their_profile(client):
    owner = person().profile
    client.force_login(owner.user)

    response = client.post(reverse("people:confirm", args=[owner.user.username]))

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.confirmed_at is not None


def test_only_hr_deactivates_and_a_deactivated_person_drops_out_of_lists_and_search(client):
    leaver = person(skills=["Python"], first_name="Léo", last_name="Départ").profile
    colleague = person().profile
    client.force_login(colleague.user)
    url = reverse("people:deactivate", args=[leaver.user.username])
    assert client.post(url).status_code == 403

    client.force_login(person(groups=["HR"]))
    assert client.post(url).status_code == 302

    leaver.refresh_from_db()
    assert leaver.deactivated_at is not None and not leaver.user.is_active
    assert leaver not in directory()
    assert leaver not in directory(knows="python")
    assert person_document(leaver) is None
    hr_view = client.get(reverse("people:profile", args=[leaver.user.username]))
    assert hr_view.status_code == 200 and "Léo Départ" in hr_view.content.decode()
    client.force_login(colleague.user)
    assert client.get(reverse("people:profile", args=[leaver.user.username])).status_code == 404
    listing = client.get(reverse("people:directory")).content.decode()
    assert "Départ" not in listing


def test_hr_reactivates_someone_who_came_back(client):
    leaver = person().profile
    client.force_login(person(groups=["HR"]))
    url = reverse("people:deactivate", args=[leaver.user.username])
    client.post(url)

    client.post(url, {"action": "reactivate"})

    leaver.refresh_from_db()
    assert leaver.is_active and leaver in directory()


def test_a_profile_lists_the_persons_languages(client):
    speaker = person(languages=["Italien", "Portugais"]).profile
    client.force_login(UserFactory())

    html = client.get(f"/people/{speaker.user.username}/").content.decode()

    assert '<li class="tag">Italien</li><li class="tag">Portugais</li>' in html
    assert "'bidi'" not in html and "name_local" not in html


def test_my_profile_link_leads_to_my_own_profile(client):
    owner = person().profile
    client.force_login(owner.user)

    response = client.get(reverse("people:me"))

    assert response["Location"] == reverse("people:profile", args=[owner.user.username])


def test_a_person_uploads_a_photo_shown_on_their_profile_and_in_the_directory(client):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    owner = person(first_name="Photo", last_name="Graphe").profile
    buffer = BytesIO()
    Image.new("RGB", (200, 200), "orange").save(buffer, "PNG")
    client.force_login(owner.user)

    response = client.post(
        reverse("people:edit", args=[owner.user.username]),
        {**edit_data(), "photo": SimpleUploadedFile("me.png", buffer.getvalue(), "image/png")},
    )

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.photo is not None and owner.photo.title == "Photo Graphe"
    assert (
        "<img" in client.get(reverse("people:profile", args=[owner.user.username])).content.decode()
    )
    assert "<img" in client.get(reverse("people:directory")).content.decode()


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_error(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = person().profile
    client.force_login(owner.user)

    response = client.post(
        reverse("people:edit", args=[owner.user.username]),
        {**edit_data(), "photo": SimpleUploadedFile("me.png", b"not an image", "image/png")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    owner.refresh_from_db()
    assert owner.photo is None
