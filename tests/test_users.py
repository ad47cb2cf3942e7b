"""Newsroom roles and the command that creates their users."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def log_in(client, username: str, password: str) -> bool:
    """Through the login page, as a person would (login throttling needs the request)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def create_user(*args) -> str:
    out = io.StringIO()
    call_command("create_user", *args, stdout=out)
    return out.getvalue()


def test_editors_may_record_verdicts_and_viewers_may_only_read():
    editor = get_user_model().objects.create_user("ed", password="x")
    viewer = get_user_model().objects.create_user("vi", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    viewer.groups.add(Group.objects.get(name="Viewers"))
    for user in (editor, viewer):
        assert user.has_perm("factcheck.view_claim")
        assert user.has_perm("articles.view_article")
    assert editor.has_perm("factcheck.add_verdict")
    assert not viewer.has_perm("factcheck.add_verdict")
    assert not editor.has_perm("factcheck.change_claim")


def test_create_user_prints_a_working_login(client):
    out = create_user("desk", "--group", "Editors")
    password = out.split("password: ")[1].split()[0]
    assert log_in(client, "desk", password)
    user = get_user_model().objects.get(username="desk")
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]


def test_existing_user_is_refused_unless_reset(client):
    create_user("desk", "--group", "Viewers")
    with pytest.raises(CommandError, match="exists; pass --reset-password"):
        create_user("desk", "--group", "Viewers")
    out = create_user("desk", "--group", "Viewers", "--reset-password")
    password = out.split("password: ")[1].split()[0]
    assert log_in(client, "desk", password)


def test_unknown_group_is_refused():
    with pytest.raises(CommandError, match="invalid choice"):
        create_user("desk", "--group", "Admins")
