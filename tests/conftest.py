import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told the test knows what it is doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo_network(db):
    """The full demo network: 83 members, leadership, offices and demo accounts."""
    from wego.members.services.demo_data import load_demo_network

    return load_demo_network()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run inside the test (the database worker is tested on its own)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _empty_cache_between_tests():
    """The tests' cache lives in the process: what a test put there (the questions of an
    election whose rows were rolled back) is not left for the next one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in Korean leaves Korean active in the thread, and reverse() would then give
    /ko/ addresses to the next test: every test starts in the default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing is deliberately slow; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class _Mailbox:
    """Collects what a real SMTP server receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def body(self, index=-1) -> str:
        return self.messages[index].get_body(("plain",)).get_content()


def _free_port() -> int:
    """A port nothing listens on now, for a server a test starts."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django sends to it over SMTP."""
    from aiosmtpd.controller import Controller

    port = _free_port()
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield mailbox
    controller.stop()


@pytest.fixture(scope="session")
def shipped_frameworks():
    """The shipped framework files, read and checked once per test run."""
    from wego.diagnostic.domain.framework import load_framework
    from wego.diagnostic.domain.framework import shipped_frameworks as folders

    return [load_framework(folder) for folder in folders()]


@pytest.fixture
def frameworks(db, shipped_frameworks):
    """The shipped frameworks (CeDS 1.0, UN LOSI 2024) stored as framework versions."""
    from wego.diagnostic.services.frameworks import store_framework

    return {framework.code: store_framework(framework)[0] for framework in shipped_frameworks}


@pytest.fixture
def redis_cache(settings, tmp_path):
    """A real Redis server of this test's own (a free port, nothing on disk), as the cache
    several app servers share (CACHE_URL=redis://...). Yields a client to look into it."""
    import shutil
    import subprocess
    import time

    import redis

    server_binary = shutil.which("redis-server")
    if server_binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [
            server_binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    yield client
    client.close()
    server.terminate()
    server.wait(timeout=10)
