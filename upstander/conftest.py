"""Shared test fixtures: an authority with two organisations and a user for every role."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from upstander.accounts.middleware import SESSION_2FA_NEEDED, SESSION_2FA_OK
from upstander.accounts.models import Authority, Membership, Organisation, Role, User

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


# The rows the migrations made (helplines, platforms, mobile networks, takedown platforms, audit
# chain heads), serialised once per test process by django_db_setup below.
_MIGRATED_ROWS: dict[str, str] = {}
_DB_BLOCKER: list[Any] = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """pytest-django's test database, and a copy of the rows its migrations made. A transactional
    test (browser tests, audit chains, ...) ends with a flush that deletes every row, those too;
    pytest_runtest_teardown below puts them back, so a later test in the same process (pytest-xdist
    gives each worker its own order) still finds what migrations seeded."""
    from django.apps import apps
    from django.db import connections
    from django.test import override_settings

    # Our apps' rows only: content types and permissions are made again by the flush's post_migrate
    # (with new ids), and no migration of Django's own apps adds rows.
    theirs = [config.name for config in apps.get_app_configs() if not config.name.startswith("upstander.")]
    with django_db_blocker.unblock(), override_settings(TEST_NON_SERIALIZED_APPS=theirs):
        for alias in connections:
            _MIGRATED_ROWS[alias] = connections[alias].creation.serialize_db_to_string()
    _DB_BLOCKER.append(django_db_blocker)


def _flushes_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(fixtures & {"transactional_db", "live_server", "django_db_reset_sequences"})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, object, object]:
    """After a transactional test's flush (its fixtures' teardown), the migrations' rows go back.
    Not after the process's last test: its teardown has already destroyed the test database."""
    result = yield
    if nextitem is not None and _MIGRATED_ROWS and _DB_BLOCKER and _flushes_the_database(item):
        from django.db import connections

        with _DB_BLOCKER[0].unblock():
            for alias, rows in _MIGRATED_ROWS.items():
                connections[alias].creation.deserialize_db_from_string(rows)
    return result


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests of everything but hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _queue_tasks_when_the_code_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks are queued on commit (upstander.core.queue). A `django_db` test runs inside one
    transaction that never commits, so here the queued tasks are handed to the backend when the
    code's own outermost atomic block ends (or at once, when it queues outside one): exactly when
    production would hand them over. A block that rolls back queues nothing, as in production.
    `transaction=True` tests commit for real and need none of this."""
    from django.db import transaction

    from upstander import testing
    from upstander.core import queue

    real_exit, real_defer = transaction.Atomic.__exit__, queue.defer

    def exit_(self: transaction.Atomic, *exc: Any) -> None:
        real_exit(self, *exc)
        if testing.only_test_transactions(self.using or "default"):
            testing.run_committed_enqueues(self.using or "default")

    def defer(queued: queue.QueuedTask) -> None:
        real_defer(queued)
        if testing.only_test_transactions():
            testing.run_committed_enqueues()

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_)
    monkeypatch.setattr(queue, "defer", defer)


@pytest.fixture(autouse=True)
def evidence_settings(settings: Any, tmp_path: Path) -> Path:
    """Every test gets its own evidence vault and key file under tmp_path: never the real var/."""
    var = tmp_path / "var"
    settings.VAR_DIR = var
    settings.EVIDENCE_DIR = var / "evidence"
    settings.EVIDENCE_KEY = None
    settings.EVIDENCE_STORAGE = "local"
    settings.CHECKPOINT_FILE = var / "checkpoints.jsonl"
    settings.CHECKPOINT_KEY = None
    return var


@pytest.fixture
def authority(db: None) -> Authority:
    return Authority.objects.create(name="Testshire County Council", slug="testshire")


@pytest.fixture
def org(authority: Authority) -> Organisation:
    return Organisation.objects.create(name="Hill School", slug="hill", authority=authority)


@pytest.fixture
def other_org(authority: Authority) -> Organisation:
    return Organisation.objects.create(name="Vale College", slug="vale", authority=authority)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(
        email: str,
        *,
        role: str | None = None,
        organisation: Organisation | None = None,
        authority: Authority | None = None,
    ) -> User:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title())
        if role == Role.AUTHORITY_LEAD:
            Membership.objects.create(user=user, role=role, authority=authority)
        elif role is not None:
            Membership.objects.create(user=user, role=role, organisation=organisation)
        return user

    return make


@pytest.fixture
def users(make_user: Callable[..., User], org: Organisation, authority: Authority) -> dict[str, User]:
    """One user per role in `org` (and the authority lead of its authority)."""
    made = {}
    for role in Role:
        made[role.value] = make_user(f"{role.value}@hill.test", role=role.value, organisation=org, authority=authority)
    return made


@pytest.fixture
def login_as(client: Client) -> Callable[[User], Client]:
    """Sign in as `user` with the second factor already given (the sign-in flow has its own tests)."""

    def login(user: User) -> Client:
        client.force_login(user)
        session = client.session
        session[SESSION_2FA_OK] = True
        session[SESSION_2FA_NEEDED] = False
        session.save()
        return client

    return login


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Headless Chromium for browser tests (see upstander.browser)."""
    from upstander import browser

    if browser.chromium_path() is None:
        pytest.skip("Debian's chromium is missing (bin/test installs it)")
    # Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
    # still plain synchronous calls, so Django's async guard is lifted while a browser is open.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from browser.launch()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def seeded_guidance(transactional_db: None) -> None:
    """The helplines and platforms that migration seeds, again: a transactional test's flush
    (every browser test has one) removes rows that migrations made."""
    import importlib

    from django.apps import apps

    importlib.import_module("upstander.guidance.migrations.0002_seed_from_uk_facts").seed(apps, None)
    importlib.import_module("upstander.guidance.migrations.0003_platform_directory").sync(apps, None)
