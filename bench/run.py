"""The benchmark: a large programme on PostgreSQL, gunicorn on 127.0.0.1, load from wrk; prints figures.

    .venv/bin/python -m bench.run [--duration 5] [--workers 5] [--skip-pdf]

It seeds 50 cohorts, 2,000 koppels, 34,000 action states, 40,000 history rows, 5,000 obstacles (bench/seed.py),
starts gunicorn with the project's gunicorn.conf.py (access log off), logs in a koppel member and a programme-team
member, and drives each endpoint with wrk for --duration seconds: req/s, p50 and p99 latency and errors, next to the
same run's ceiling, a static file from the same server. The HTMX status change is measured flat out and then at
half that rate (a wrk Lua script that keeps each connection's version number and paces its requests). Last, PDF
generation time and peak memory (bench/pdf_benchmark.py). A script, not a test: the figures depend on the machine
and on what else runs on it. Loopback only; everything it starts is stopped again.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.servers import PYTHON, ROOT, Gunicorn, Postgres, production_env

WORDS = ["gemeente", "subsidie", "vertrouwen", "ruimte", "netwerk", "waarde", "samenwerking", "beleid", "buurt"]


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    seconds: float = 0.0
    ceiling_rps: float = 0.0  # the static file's rate in the slices between this row's (interleaved rows only)
    quantiles: list[float] | None = None  # latency in ms at 0.1%, 0.2%, ... 100% (to merge slices)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(name: str, output: str) -> Result:
    def grab(pattern: str) -> re.Match:
        match = re.search(pattern, output)
        if match is None:
            raise RuntimeError(f"wrk output without {pattern!r}:\n{output}")
        return match

    p50 = grab(r"\n\s+50%\s+([\d.]+)(us|ms|s|m)\b")
    p99 = grab(r"\n\s+99%\s+([\d.]+)(us|ms|s|m)\b")
    quantiles = re.search(r"^quantiles: ([\d ]+)$", output, re.MULTILINE)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non2xx.group(1)) if non2xx else 0
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return Result(
        name=name,
        rps=float(grab(r"Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=_ms(*p50.groups()),
        p99_ms=_ms(*p99.groups()),
        errors=errors,
        requests=int(grab(r"(\d+) requests in").group(1)),
        seconds=_ms(*grab(r"requests in ([\d.]+)(us|ms|s|m)\b").groups()) / 1000,
        quantiles=[int(us) / 1000 for us in quantiles.group(1).split()] if quantiles else None,
    )


# Appended to every script wrk runs: the latency distribution in a thousand steps, so slices can be merged.
QUANTILES = """
function done(summary, latency, requests)
  local steps = {}
  for i = 1, 1000 do steps[i] = latency:percentile(i / 10) end
  io.write("quantiles: " .. table.concat(steps, " ") .. "\\n")
end
"""


def wrk(name: str, url: str, *, duration: int, connections: int = 16, threads: int = 2, cookie: str = "",
        script: Path | None = None, timeout: str = "10s") -> Result:  # fmt: skip
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", f"--timeout={timeout}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    lua = Path(tempfile.mkstemp(prefix="bench-wrk.", suffix=".lua")[1])
    lua.write_text((script.read_text() if script else "") + QUANTILES)
    try:
        output = subprocess.run([*command, "-s", str(lua), url], capture_output=True, text=True, check=True).stdout
    finally:
        lua.unlink(missing_ok=True)
    return parse_wrk(name, output)


def merged_percentile(slices: list[Result], percent: float) -> float:
    """A percentile of the slices' latencies together: each slice's thousand steps weighted by its requests."""
    points = sorted((ms, r.requests / 1000) for r in slices for ms in r.quantiles)
    total, running = sum(weight for _, weight in points), 0.0
    for ms, weight in points:
        running += weight
        if running >= total * percent / 100:
            return ms
    return points[-1][0]


def combine(name: str, slices: list[Result]) -> Result:
    """Slices of one row as one result: the rate over all of them, percentiles of all their requests together."""
    seconds = sum(r.seconds for r in slices)
    requests = sum(r.requests for r in slices)
    return Result(
        name=name,
        rps=requests / seconds,
        p50_ms=merged_percentile(slices, 50),
        p99_ms=merged_percentile(slices, 99),
        errors=sum(r.errors for r in slices),
        requests=requests,
        seconds=seconds,
    )


def interleaved(name: str, url: str, static_url: str, *, duration: int, **options) -> Result:
    """A row measured in one-second slices that alternate with the static file, and its share taken against the
    static file's rate in those same seconds.

    On this kind of shared virtual machine the speed drifts from second to second: a row's rate against a ceiling
    measured minutes earlier swung by a third between identical runs (22-39% for the same code). Alternating cancels
    the drift: both sides see the same moments.
    """
    rows, ceilings = [], []
    for _ in range(duration):
        ceilings.append(wrk("static", static_url, duration=1))
        rows.append(wrk(name, url, duration=1, **options))
    result = combine(name, rows)
    result.ceiling_rps = combine("static", ceilings).rps
    return result


# Numbers that make an address new: each thread takes every hundredth number (from its id) from a start that the
# clock moves by a million a second. No address is asked twice, not by the two threads and not in two slices of an
# interleaved row (wrk starts every run's counters again; the same questions a second time would be answered from
# the page copies that a second request makes).
UNIQUE = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
  thread:set("stride", 100)
end
function init(args)
  n = (os.time() %% 100000) * 1000000 + id
end
local function next_number()
  n = n + stride
  return n
end
"""

SEARCH_SCRIPT = (
    UNIQUE
    + """
-- A different search question every request: the page cache cannot help, this is the search itself.
local words = {%s}
function request()
  local k = next_number()
  local q = words[(k %% #words) + 1] .. "+" .. words[((k * 7) %% #words) + 1] .. "+" .. k
  return wrk.format("GET", "/zoeken/?q=" .. q)
end
"""
)

# The same, but each question finds something: two of the words, "or" a number that makes it new ("gemeente buurt
# or 17" finds what "gemeente buurt" finds), so snippets and labels are rendered every time.
SEARCH_HITS_SCRIPT = SEARCH_SCRIPT.replace('.. "+" .. k', '.. "+or+" .. k')

FRESH_SCRIPT = (
    UNIQUE
    + """
-- The same page at a new address every request (?n=...): no stored copy can answer, every view renders.
local path = "%s"
function request()
  return wrk.format("GET", path .. "?n=" .. next_number())
end
"""
)

STATUS_SCRIPT = """
-- The HTMX quick status change as the route page sends it. Each thread has one connection and its own koppel, walks
-- through that koppel's actions in turn, sets a status other than the current one, and sends the version number
-- the previous answer for that action carried (a wrong one would be refused: 409, counted as an error).
local cookie, pause = "%s", %f
local plan = {%s}
local count = 0
function setup(thread)
  count = count + 1
  thread:set("slot", count)
end
function init(args)
  me = plan[slot]
  n = 0
end
function delay()
  return pause
end
function request()
  n = n + 1
  current = ((n - 1) %% #me.acties) + 1
  local status = (me.statussen[current] == "gedaan") and "bezig" or "gedaan"
  local body = "csrfmiddlewaretoken=" .. me.csrf .. "&status=" .. status .. "&versie=" .. me.versies[current]
  return wrk.format("POST", me.acties[current], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["HX-Request"] = "true",
  }, body)
end
function response(status, headers, body)
  local v = string.match(body, 'name="versie" value="(%%d+)"')
  if v then me.versies[current] = v end
  local s = string.match(body, 'class="taak taak%%-%%-(%%a+)')
  if s then me.statussen[current] = s end
end
"""


def login(base: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/account/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    answer = session.post(
        f"{base}/account/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login as {email} failed: {answer.status_code}")
    return session


def cookie_header(session: requests.Session) -> str:
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())


def status_script(base: str, session: requests.Session, koppels: list[int], pause_ms: float) -> Path:
    """Write the Lua script with each koppel's actions, their current status and version (one koppel a thread)."""
    plan = []
    for koppel in koppels:
        page = session.get(f"{base}/koppels/{koppel}/", timeout=30).text
        rows = re.findall(
            r'<li id="actie-\d+" class="taak taak--(\w+)"[\s\S]*?<form method="post" action="([^"]+)"'
            r'[\s\S]*?name="versie" value="(\d+)"',
            page,
        )
        if not rows:
            raise RuntimeError(f"no action forms on the page of koppel {koppel}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        plan.append(
            f'{{koppel = {koppel}, csrf = "{token}", acties = {{{", ".join(chr(34) + r[1] + chr(34) for r in rows)}}}, '
            f"statussen = {{{', '.join(chr(34) + r[0] + chr(34) for r in rows)}}}, "
            f"versies = {{{', '.join(r[2] for r in rows)}}}}}"
        )
    script = Path(tempfile.mkstemp(prefix="bench-status.", suffix=".lua")[1])
    script.write_text(STATUS_SCRIPT % (cookie_header(session), pause_ms, ",\n".join(plan)))
    return script


def measure_status_change(base: str, session: requests.Session, koppels: list[int], duration: int):
    """Flat out, then paced to half that rate (one correction step: pause = cycle time at half rate - latency)."""
    threads = len(koppels)
    url = f"{base}/koppels/{koppels[0]}/"

    def run(name: str, pause: float) -> Result:
        threads = len(koppels)
        script = status_script(base, session, koppels, pause)
        try:
            return wrk(name, url, duration=duration, connections=threads, threads=threads, script=script)
        finally:
            script.unlink(missing_ok=True)

    flat_out = run("htmx status (max)", 0)
    # Half the rate from fewer clients: each wrk thread is an OS thread on the same two cores, and ten of them idling
    # in pauses would add their own scheduling delays to the latencies measured.
    koppels = koppels[: max(2, threads // 2)]
    threads = len(koppels)
    target = flat_out.rps / 2
    pause = 1000 * threads / target
    for _ in range(2):
        half = run("htmx status (half)", pause)
        latency = 1000 * threads / half.rps - pause  # mean time a request took at this rate
        pause = max(0.0, 1000 * threads / target - latency)
    return flat_out, half


def seed(postgres: Postgres) -> dict:
    import json

    result = subprocess.run(
        [PYTHON, "-m", "bench.seed"],
        cwd=ROOT,
        env=production_env(DATABASE_URL=postgres.url, LOG_LEVEL="WARNING"),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kb // 1024 // 1024} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, load average before the run "
        f"{os.getloadavg()[0]:.1f}"
    )


def alongside(r: Result, ceiling: Result) -> float:
    """The static file's rate to compare a row with: the one measured alongside it, else the run's first."""
    return r.ceiling_rps or ceiling.rps


def share(r: Result, ceiling: Result) -> float:
    return 100 * r.rps / alongside(r, ceiling)


def print_table(results: list[Result], ceiling: Result) -> None:
    print(f"{'endpoint':35} {'req/s':>7} {'static':>7} {'% static':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'requests':>8}")  # fmt: skip
    for r in [ceiling, *results]:
        print(f"{r.name:35} {r.rps:7.0f} {alongside(r, ceiling):7.0f} {share(r, ceiling):8.0f}% "
              f"{r.p50_ms:7.1f} {r.p99_ms:7.1f} {r.errors:6d} {r.requests:8d}")  # fmt: skip


def print_targets(results: list[Result], ceiling: Result) -> None:
    errors = sum(r.errors for r in [ceiling, *results])
    print("targets:")
    for r in results:
        pct = share(r, ceiling)
        if r.name in ("home", "wegwijzer page", "search"):
            print(f"  {r.name}: {pct:.0f}% of the static ceiling (target >= 40%)")
        if r.name == "search (new question each time)":
            print(f"  {r.name}: {pct:.0f}% of the static ceiling (target >= 25%)")
        if r.name == "search (new question with results)":
            print(f"  {r.name}: {pct:.0f}% of the static ceiling (no target: what a question that finds something "
                  "costs, for comparison)")  # fmt: skip
        if r.name in ("route page (logged in)", "action page (logged in)"):
            print(f"  {r.name}: {pct:.0f}% of the static ceiling (target >= 10%)")
        if r.name == "htmx status (half)":
            print(f"  htmx status change at half its maximum load ({r.rps:.0f} req/s): p99 {r.p99_ms:.1f} ms "
                  "(target < 50 ms)")  # fmt: skip
    print(f"  errors: {errors} (target 0)")


def run(args) -> int:
    if shutil.which("wrk") is None:
        print("wrk ontbreekt: apt-get install wrk", file=sys.stderr)
        return 2
    print(f"machine: {machine()}")
    postgres = Postgres()
    static_root = Path(tempfile.mkdtemp(prefix="bench-static."))
    app = None
    try:
        postgres.prepare("minigids", "initiatieven")
        postgres.manage("collectstatic", "--noinput", "-v0", STATIC_ROOT=str(static_root))
        data = seed(postgres)
        print("seeded:", ", ".join(f"{count:,} {name}" for name, count in data["counts"].items()))
        app = Gunicorn(
            postgres.url,
            workers=args.workers,
            ACCESS_LOG="false",
            LOG_LEVEL="WARNING",
            STATIC_ROOT=str(static_root),
            TASKS_BACKEND="db",
        )
        base = app.url
        print(f"gunicorn: {args.workers} sync workers; wrk: 2 threads, 16 connections, {args.duration} s per endpoint")
        lid = login(base, data["lid"], data["password"])
        team = login(base, data["team"], data["password"])
        home = requests.get(base, timeout=30).text
        static_url = base + re.search(r'href="(/static/css/base\.[0-9a-f]+\.css)"', home).group(1)

        team_cookie = cookie_header(team)
        lid_cookie = cookie_header(lid)
        search_script = Path(tempfile.mkstemp(prefix="bench-search.", suffix=".lua")[1])
        search_script.write_text(SEARCH_SCRIPT % ", ".join(f'"{word}"' for word in WORDS))
        hits_script = Path(tempfile.mkstemp(prefix="bench-search-hits.", suffix=".lua")[1])
        hits_script.write_text(SEARCH_HITS_SCRIPT % ", ".join(f'"{word}"' for word in WORDS))
        fresh_script = Path(tempfile.mkstemp(prefix="bench-fresh.", suffix=".lua")[1])
        fresh_script.write_text(FRESH_SCRIPT % f"/koppels/{data['koppel']}/")
        endpoints = [
            ("home", "/", "", {}),
            ("wegwijzer page", f"/wegwijzers/{data['wegwijzer']}/", "", {}),
            ("search", "/zoeken/?q=gemeente", "", {}),
            ("search (new question each time)", "/zoeken/", "", {"script": search_script}),
            ("search (new question with results)", "/zoeken/", "", {"script": hits_script}),
            ("route page (logged in)", f"/koppels/{data['koppel']}/", cookie_header(lid), {}),
            ("action page (logged in)", f"/koppels/{data['koppel']}/acties/2.3/", cookie_header(lid), {}),
            ("route page (rendered every time)", f"/koppels/{data['koppel']}/", lid_cookie, {"script": fresh_script}),
            ("workspace overview (team)", "/werkruimte/", team_cookie, {}),
            ("export progress CSV (team)", "/werkruimte/export/voortgang.csv", team_cookie, {"connections": 2}),
            ("export obstacles CSV (team)", "/werkruimte/export/obstakels.csv", team_cookie, {"connections": 2}),
        ]
        for _name, path, cookie, _ in endpoints:  # warm up: compiled templates, page copies, connections
            for _ in range(2 * args.workers):
                requests.get(base + path, headers={"Cookie": cookie} if cookie else {}, timeout=60)

        ceiling = wrk("static file (ceiling)", static_url, duration=args.duration)
        results = []
        for name, path, cookie, options in endpoints:
            if args.only and args.only not in name:
                continue
            if args.continuous or "connections" in options:  # the exports: a rate, no share of the ceiling
                results.append(wrk(name, base + path, duration=args.duration, cookie=cookie, **options))
            else:
                results.append(interleaved(name, base + path, static_url, duration=args.duration, cookie=cookie,
                                           **options))  # fmt: skip
        search_script.unlink(missing_ok=True)
        hits_script.unlink(missing_ok=True)
        fresh_script.unlink(missing_ok=True)
        if not args.only or args.only in "htmx status":
            threads = min(len(data["lid_koppels"]), max(4, 2 * args.workers))
            results += measure_status_change(base, lid, data["lid_koppels"][:threads], args.duration)
        print()
        print_table(results, ceiling)
        print()
        print_targets(results, ceiling)
    finally:
        if app:
            app.stop()
        postgres.destroy()
        shutil.rmtree(static_root, ignore_errors=True)

    if not args.skip_pdf:
        print()
        print("PDF (bench/pdf_benchmark.py):", flush=True)
        subprocess.run([PYTHON, "bench/pdf_benchmark.py", "--runs", "2"], cwd=ROOT, check=False)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per endpoint")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn sync workers")
    parser.add_argument("--skip-pdf", action="store_true", help="leave out the PDF figures")
    parser.add_argument("--only", default="", help="only the endpoints whose name contains this (e.g. htmx)")
    parser.add_argument(
        "--continuous",
        action="store_true",
        help="each row in one run, its share taken against the ceiling measured first (as before)",
    )
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
