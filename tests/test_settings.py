"""Settings come from the environment, and production defaults are secure."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3Y-" + "x7Qp9zL2" * 8


def environment(**env) -> dict:
    unwanted = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "FACTCHECK_SERVING"}
    return {**{k: v for k, v in os.environ.items() if k not in unwanted}, **env}


def manage(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_debug_off():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=STRONG_KEY
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_server_without_a_secret_key_refuses_to_start():
    for entry_point in ("factcheck.wsgi", "factcheck.asgi"):
        result = subprocess.run(
            [sys.executable, "-c", f"import {entry_point}"],
            cwd=ROOT, env=environment(DEBUG="0"), capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr


def test_management_commands_run_without_a_secret_key():
    result = manage("check", DEBUG="0")
    assert result.returncode == 0, result.stderr


def read_setting(expression: str, **env) -> str:
    clean = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", f"import factcheck.settings as s; print({expression})"],
        cwd=ROOT, env={**clean, "DEBUG": "1", **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return result.stdout.strip()


def test_database_url_selects_postgresql():
    url = "postgres://newsroom@db.example:5432/factcheck"
    engine = read_setting("s.DATABASES['default']['ENGINE']", DATABASE_URL=url)
    assert engine == "django.db.backends.postgresql"


def test_no_database_url_means_a_local_sqlite_file():
    assert read_setting("s.DATABASES['default']['NAME']") == str(ROOT / "db.sqlite3")
