"""Password guessing: django-axes locks a username out from one address after a few
failures, on the workbench login and the admin's alike, and the page says how long."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from .factories import EditorFactory, UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's
LIMIT = settings.AXES_FAILURE_LIMIT
COOL_OFF = settings.AXES_COOLOFF_TIME
HERE = "198.51.100.7"


def log_in(client, username, password=PASSWORD, *, url=None, address=HERE, **headers):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, **kwargs):
    return [log_in(client, username, "wrong password", **kwargs) for _ in range(times)]


def age_attempts(by: timedelta) -> None:
    """As if the failures had happened `by` earlier (the lockout runs from the last)."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= by
        attempt.save(update_fields=["attempt_time"])


@pytest.fixture
def erin():
    return EditorFactory(username="erin")


def test_the_settings_are_the_documented_ones():
    assert LIMIT == 5
    assert timedelta(minutes=15) == COOL_OFF
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.django_db
class TestWorkbenchLogin:
    def test_wrong_passwords_below_the_limit_say_only_that_they_are_wrong(self, client, erin):
        for response in fail(client, "erin", LIMIT - 1):
            assert response.status_code == 200
            assert "did not match" in response.text
        assert log_in(client, "erin").status_code == 302
        assert logged_in(client)

    def test_the_limit_locks_the_username_out_with_how_long_to_wait(self, client, erin):
        responses = fail(client, "erin", LIMIT)
        locked = responses[-1]
        assert locked.status_code == 429
        assert "Too many failed logins" in locked.text
        assert "locked for 15 minutes" in locked.text
        assert "erin" in locked.text
        assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60

    def test_the_right_password_is_refused_until_the_cool_off_ends(self, client, erin):
        fail(client, "erin", LIMIT)
        response = log_in(client, "erin")
        assert response.status_code == 429
        assert not logged_in(client)

        age_attempts(COOL_OFF - timedelta(minutes=1))  # a minute to go
        response = log_in(client, "erin")
        assert response.status_code == 429
        assert "locked for 1 minute:" in response.text
        assert not logged_in(client)

        age_attempts(timedelta(minutes=1, seconds=1))  # the cool-off is over
        assert log_in(client, "erin").status_code == 302
        assert logged_in(client)

    def test_tries_during_the_lockout_do_not_extend_it(self, client, erin):
        fail(client, "erin", LIMIT)
        before = AccessAttempt.objects.get().attempt_time
        fail(client, "erin", 3)
        log_in(client, "erin")
        assert AccessAttempt.objects.get().attempt_time == before

    def test_the_same_username_from_another_address_still_logs_in(self, client, erin):
        fail(client, "erin", LIMIT)
        assert log_in(client, "erin", address="203.0.113.9").status_code == 302
        assert logged_in(client)

    def test_another_username_from_the_same_address_still_logs_in(self, client, erin):
        UserFactory(username="olga")
        fail(client, "erin", LIMIT)
        assert log_in(client, "olga").status_code == 302
        assert logged_in(client)

    def test_a_successful_login_starts_the_count_again(self, client, erin):
        fail(client, "erin", LIMIT - 1)
        log_in(client, "erin")
        client.logout()
        responses = fail(client, "erin", LIMIT - 1)
        assert {response.status_code for response in responses} == {200}
        assert log_in(client, "erin").status_code == 302

    def test_an_unknown_username_is_locked_out_like_any_other(self, client):
        assert fail(client, "nobody", LIMIT)[-1].status_code == 429

    def test_the_lockout_page_escapes_the_username_and_has_no_inline_script(self, client):
        name = '<script>alert("x")</script>'
        response = fail(client, name, LIMIT)[-1]
        assert response.status_code == 429
        assert "<script>alert" not in response.text
        assert "&lt;script&gt;alert" in response.text

    def test_an_admin_unlocks_with_axes_reset(self, client, erin):
        fail(client, "erin", LIMIT)
        call_command("axes_reset", verbosity=0)
        assert log_in(client, "erin").status_code == 302
        assert logged_in(client)

    def test_an_admin_unlocks_one_username_with_axes_reset_username(self, client, erin):
        fail(client, "erin", LIMIT)
        call_command("axes_reset_username", "erin", verbosity=0)
        assert log_in(client, "erin").status_code == 302


@pytest.mark.django_db
class TestAdminLogin:
    @pytest.fixture
    def boss(self):
        return UserFactory(username="boss", is_staff=True, is_superuser=True)

    def admin_log_in(self, client, password=PASSWORD):
        return log_in(client, "boss", password, url=reverse("admin:login"))

    def test_the_admin_login_locks_out_too(self, client, boss):
        for _ in range(LIMIT - 1):
            assert self.admin_log_in(client, "wrong password").status_code == 200
        locked = self.admin_log_in(client, "wrong password")
        assert locked.status_code == 429
        assert "Too many failed logins" in locked.text

        assert self.admin_log_in(client).status_code == 429
        assert not logged_in(client)
        assert client.get(reverse("admin:index")).status_code == 302  # to the login page

    def test_failures_on_either_login_count_together(self, client, boss):
        fail(client, "boss", LIMIT - 1)
        assert self.admin_log_in(client, "wrong password").status_code == 429
        assert log_in(client, "boss").status_code == 429

    def test_after_the_cool_off_the_admin_logs_in(self, client, boss):
        for _ in range(LIMIT):
            self.admin_log_in(client, "wrong password")
        age_attempts(COOL_OFF + timedelta(seconds=1))
        assert self.admin_log_in(client).status_code == 302
        assert logged_in(client)

    def test_admins_see_and_remove_lockouts_in_the_admin(self, client, boss, erin):
        fail(client, "erin", LIMIT)
        client.force_login(boss)
        page = client.get(reverse("admin:axes_accessattempt_changelist"))
        assert page.status_code == 200
        assert "erin" in page.text


@pytest.mark.django_db
class TestBehindAProxy:
    def test_the_address_the_proxy_appended_is_the_one_counted(self, client, erin):
        with override_settings(BEHIND_TLS_PROXY=True):
            for spoofed in range(LIMIT):
                response = log_in(
                    client,
                    "erin",
                    "wrong password",
                    address="10.0.0.1",
                    x_forwarded_for=f"192.0.2.{spoofed}, {HERE}",
                )
            assert response.status_code == 429
            assert AccessAttempt.objects.get().ip_address == HERE
            other = log_in(client, "erin", address="10.0.0.1", x_forwarded_for="203.0.113.9")
            assert other.status_code == 302

    def test_without_a_proxy_the_header_is_ignored(self, client, erin):
        fail(client, "erin", LIMIT, x_forwarded_for="203.0.113.9")
        assert AccessAttempt.objects.get().ip_address == HERE
        assert timezone.now() - AccessAttempt.objects.get().attempt_time < timedelta(minutes=1)
