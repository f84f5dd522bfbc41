"""The PostgreSQL backend's health check (incubator/postgresql): skipped for a connection in constant use, never for
one the server has ended. Each test plays requests as Django's handler does (its request signals) on a real server,
and reads what the connection last ran from pg_stat_activity through a connection of its own."""

from contextlib import contextmanager

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import connection, connections

from incubator.postgresql import base

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def other():
    """A second session on the same server: it watches and ends the app's session."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as session:
        yield session


def request(sql: str) -> int:
    """One request that runs `sql` (after the health check, if any); the backend process that answered."""
    request_started.send(sender=None)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
    finally:
        request_finished.send(sender=None)


def last_statement(other, pid: int) -> str:
    return other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[0]


@contextmanager
def checked_request():
    """A request up to its first use of the connection, the point where Django checks it; it ends after the block."""
    request_started.send(sender=None)
    try:
        connection.close_if_health_check_failed()
        yield
    finally:
        request_finished.send(sender=None)


class TestHealthCheck:
    def test_the_database_runs_our_backend(self):
        assert isinstance(connections["default"], base.DatabaseWrapper)
        assert connection.vendor == "postgresql"

    def test_a_connection_used_moments_ago_goes_without_the_round_trip(self, other):
        pid = request("SELECT 'eerste vraag'")
        with checked_request():
            assert last_statement(other, pid) == "SELECT pg_backend_pid()"

    def test_a_connection_idle_for_longer_gets_the_full_check(self, other, monkeypatch):
        monkeypatch.setattr(base, "ALIVE_WINDOW", 0.0)
        pid = request("SELECT 'eerste vraag'")
        with checked_request():
            assert last_statement(other, pid) == "SELECT 1"

    def test_a_session_the_server_ended_is_replaced_before_the_next_request_uses_it(self, other):
        pid = request("SELECT 'eerste vraag'")
        assert other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0] is True

        # Within the window, but the server said goodbye on the socket: no error reaches the request.
        assert request("SELECT 'tweede vraag'") != pid

    def test_a_request_that_failed_does_not_vouch_for_its_connection(self, other):
        pid = request("SELECT 'eerste vraag'")
        connection.alive_until = 0.0
        with pytest.raises(Exception, match="bestaat_niet"):
            request("SELECT * FROM bestaat_niet")
        assert connection.alive_until == 0.0
        assert last_statement(other, pid) == "SELECT 1"  # Django checked it at the end of that request
