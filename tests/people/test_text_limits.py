"""Bios have a sensible size; names, job titles and team names hold no invisible direction
control: on the profile form, in the services, in the admin's models and in the import."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.text import BIO_MAX_LENGTH
from people import services
from people.models import Profile, Team
from tests.importing import run_import, write_jsonl
from tests.people.factories import person

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def edit(client, owner, **data):
    fields = {"job_title": "Cheffe de projet", "location": "", "phone": "", "bio": "", **data}
    fields.update(skills="", languages="")
    return client.post(
        reverse("people:edit", args=[owner.user.username]), fields, HTTP_ACCEPT_LANGUAGE="fr"
    )


def test_a_bio_over_the_limit_is_refused_and_nothing_is_saved(client):
    owner = person(bio="Avant").profile
    client.force_login(owner.user)

    response = edit(client, owner, bio="b" * (BIO_MAX_LENGTH + 1))

    assert response.status_code == 200
    assert "au plus 5000 caractères" in response.content.decode()
    owner.refresh_from_db()
    assert owner.bio == "Avant"


def test_a_bio_at_the_limit_is_kept_whole(client):
    owner = person().profile
    client.force_login(owner.user)

    assert edit(client, owner, bio="b" * BIO_MAX_LENGTH).status_code == 302
    owner.refresh_from_db()
    assert len(owner.bio) == BIO_MAX_LENGTH


def test_a_job_title_with_a_direction_control_is_refused_on_the_form(client):
    owner = person(job_title="Comptable").profile
    client.force_login(owner.user)

    response = edit(client, owner, job_title=f"Directeur{RLO}lanif")

    assert response.status_code == 200
    assert "(U+202E)" in response.content.decode()
    owner.refresh_from_db()
    assert owner.job_title == "Comptable"


def test_the_service_refuses_them_too():
    owner = person().profile
    common = {"location": "", "phone": "", "skills": [], "languages": []}

    with pytest.raises(ValidationError) as refused:
        services.update_profile(profile=owner, job_title="a\u2066b", bio="", **common)
    assert "job_title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.update_profile(profile=owner, job_title="", bio="b" * 5001, **common)
    assert "bio" in refused.value.message_dict


def test_a_team_name_with_a_direction_control_is_refused_by_the_model():
    with pytest.raises(ValidationError) as refused:
        Team(name=f"Finance{RLO}", slug="finance").full_clean()

    assert "name" in refused.value.message_dict


def test_the_import_reports_bad_names_and_long_bios_by_line_and_keeps_the_others(tmp_path):
    person_line = {"kind": "person", "last_name": "Martin"}
    path = write_jsonl(
        tmp_path,
        {**person_line, "key": "ok", "first_name": "Léa", "email": "lea@example.org"},
        {**person_line, "key": "rlo", "first_name": f"Ana{RLO}", "email": "ana@example.org"},
        {
            **person_line,
            "key": "bio",
            "first_name": "Bea",
            "email": "bea@example.org",
            "bio": "b" * 5001,
        },
        {"kind": "team", "key": "t-rlo", "name": f"Compta{RLO}bilité"},
        {"kind": "team", "key": "t-ok", "name": "Comptabilité"},
    )

    _out, err = run_import(path, expect_failure=True)

    assert f"{path}:2: field 'first_name' contains an invisible text direction character" in err
    assert f"{path}:3: field 'bio' is too long: 5001 characters, 5000 at most" in err
    assert f"{path}:4: field 'name' contains an invisible text direction character" in err
    assert list(Profile.objects.values_list("user__email", flat=True)) == ["lea@example.org"]
    assert list(Team.objects.values_list("name", flat=True)) == ["Comptabilité"]
