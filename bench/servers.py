"""Real servers for the production tests and the benchmark: a PostgreSQL cluster of their own, gunicorn in a
subprocess, nginx in front of several gunicorns.

They start what production runs (no mocks): a database that can really go away, app servers that really are
separate processes, a real load balancer.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production server, but on plain HTTP on 127.0.0.1."""
    # Only what any process needs from the test run (not its DEBUG, DATABASE_URL, DJANGO_ALLOW_ASYNC_UNSAFE...);
    # STATIC_ROOT is where scripts/test.sh collected the static files.
    env = {
        **{key: os.environ[key] for key in ("PATH", "HOME", "LANG", "STATIC_ROOT") if key in os.environ},
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "s" * 10 + "production-like-key-for-tests-only-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ACCESS_LOG": "true",
    }
    env.update(overrides)
    return env


class Postgres:
    """A throwaway PostgreSQL cluster (scripts/testdb.sh) that a test can stop and start again."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="incubator-pg."))
        result = subprocess.run(
            [ROOT / "scripts/testdb.sh", "start", self.dir], capture_output=True, text=True, check=True
        )
        self.url = result.stdout.strip().splitlines()[-1]
        self.port = int((self.dir / "port").read_text())
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]

    def _pg_ctl(self, *args: str) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w", "-s", *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._pg_ctl("-l", str(self.dir / "server.log"), "-o", options, "start")

    def manage(self, *args: str, **env: str) -> str:
        """Run a management command against this cluster; return its output."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=production_env(DATABASE_URL=self.url, **env),
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def prepare(self, *fixtures: str) -> None:
        """Migrate, create the cache table, load fixtures: what `make serve` does before it serves."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        if fixtures:
            self.manage("loaddata", *fixtures, "-v0")

    def destroy(self) -> None:
        subprocess.run([ROOT / "scripts/testdb.sh", "stop", self.dir], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


class LoggedProcess:
    """A subprocess of ours whose output goes to a temporary log file; stopped politely, then firmly."""

    def __init__(self, command: list, *, env: dict[str, str], prefix: str):
        self.log_path = Path(tempfile.mkstemp(prefix=prefix, suffix=".log")[1])
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> str:
        """Stop the process; return everything it logged (complete only now: it writes after answering)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        output = self.log()
        self.log_path.unlink(missing_ok=True)
        return output


class Gunicorn(LoggedProcess):
    """gunicorn with the project's gunicorn.conf.py, in a subprocess, its JSON log lines in a file."""

    def __init__(self, database_url: str, *, workers: int = 1, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = production_env(
            DATABASE_URL=database_url, PORT=str(self.port), WEB_CONCURRENCY=str(workers), **env
        )
        super().__init__([PYTHON, "-m", "gunicorn", "incubator.wsgi"], env=environment, prefix="incubator-gunicorn.")
        try:
            wait_for_port(self.port, self.process, "gunicorn", timeout=30)
        except AssertionError as error:
            raise AssertionError(f"{error}:\n{self.log()}") from None

    def get(self, path: str, **kwargs) -> requests.Response:
        return requests.get(self.url + path, timeout=10, allow_redirects=False, **kwargs)


def ensure_debian(package: str, program: str) -> str:
    """A program from a Debian package, installed when missing (nginx, redis-server: not shipped by the project)."""
    path = shutil.which(program) or next(
        (str(p) for p in (Path("/usr/sbin") / program, Path("/usr/bin") / program) if p.exists()), None
    )
    if path is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package],
            check=True,
            env=env,
            capture_output=True,
        )
        path = shutil.which(program) or f"/usr/sbin/{program}"
    return path


def ensure_nginx() -> str:
    return ensure_debian("nginx", "nginx")


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{what} stopped"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{what} did not start")


class Redis:
    """Debian's redis-server on a free 127.0.0.1 port, nothing kept on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [ensure_debian("redis-server", "redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, "redis-server")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


NGINX_CONF = """
worker_processes 1;
daemon off;
user root;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream portal {{
        # Round robin; keep connections to the app servers open.
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


class Nginx:
    """nginx on 127.0.0.1 balancing over the given app servers (round robin), config and logs in a temp dir."""

    def __init__(self, upstream_ports: list[int]):
        self.dir = Path(tempfile.mkdtemp(prefix="incubator-nginx."))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in upstream_ports)
        conf = self.dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=self.dir, port=self.port, servers=servers))
        self.process = subprocess.Popen(
            [ensure_nginx(), "-p", str(self.dir), "-c", str(conf), "-e", str(self.dir / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, "nginx")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)
        shutil.rmtree(self.dir, ignore_errors=True)


class TaskWorker(LoggedProcess):
    """django-tasks-db's worker (manage.py db_worker) in a subprocess: makes the PDFs the app servers queue."""

    def __init__(self, database_url: str, **env: str):
        super().__init__(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            env=production_env(**{"DATABASE_URL": database_url, "TASKS_BACKEND": "db", **env}),
            prefix="incubator-worker.",
        )
