from pathlib import Path

import pytest
from django.conf import settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pytest_configure(config):
    # Before any live server starts (its middleware reads settings once): tests
    # speak plain HTTP, and fast hashing keeps user fixtures cheap.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
