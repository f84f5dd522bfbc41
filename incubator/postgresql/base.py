"""Django's PostgreSQL backend with a cheaper health check for connections that are in constant use.

With persistent connections (CONN_MAX_AGE) Django checks a connection before each request uses it
(CONN_HEALTH_CHECKS): a `SELECT 1`, a round trip to the server. For a search that finds nothing that round trip was
a fifth of the request's CPU time (Python and PostgreSQL together, bench/cpu.py). A connection that finished a
request without an error less than ALIVE_WINDOW seconds ago, and on whose socket nothing has arrived since, is used
without that round trip: the idea of HikariCP's aliveBypassWindowMs, a Java connection pool's default for years.

What the check is there for still gets caught. A server that ends a session (a restart, a failover of the service,
`pg_terminate_backend`) first sends the session an error and closes its socket: the socket is then readable, and
the full check runs and replaces the connection. A connection idle for longer than the window gets the full check,
as does one after an error (Django's own `close_if_unusable_or_obsolete` path, unchanged).
"""

import select
import time

from django.db.backends.postgresql import base

# Seconds: HikariCP uses 0.5; at one request a second or more per worker the check is skipped almost always.
ALIVE_WINDOW = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    alive_until = 0.0

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and time.monotonic() < self.alive_until
            and self._quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Django calls this when a request starts and when it ends. At the end, health_check_done says that this
        # request used the connection (the check runs before the first use), errors_occurred that something failed.
        used = self.connection is not None and self.health_check_done and not self.errors_occurred
        super().close_if_unusable_or_obsolete()
        if used and self.connection is not None:
            self.alive_until = time.monotonic() + ALIVE_WINDOW

    def _quiet(self) -> bool:
        """Nothing waits on the connection's socket: an idle session only gets data when the server ends it."""
        connection = self.connection
        if connection.closed or connection.broken:
            return False
        try:
            poller = select.poll()  # not select.select: it refuses descriptors above 1023
            poller.register(connection.fileno(), select.POLLIN)
            return not poller.poll(0)
        except (OSError, ValueError):
            return False
