#!/usr/bin/env python3
"""Turns one bench/run.sh run into bench/results/<date>-<db>.json and its Markdown table.

    report.py RESULT.json RESULT.md            (reads the run directory and settings from the environment)
    report.py --readme RESULT.md README.md DB  (copies the table between the README's markers for DB)

The Express figures are the ones quoted in issue 6, measured with the same layout (server on one core,
wrk -t1 -c16 on the other, MariaDB).
"""
import json
import os
import re
import sys

EXPRESS = {"profile_rps": 1150, "profile_p99_ms": 38, "unauthorized_rps": 5500, "logins": 15.7, "signups": 15.5, "rss_mib": 180}


def readme(table_path, readme_path, db):
    table = open(table_path).read().strip()
    text = open(readme_path).read()
    start, end = f"<!-- bench:{db}:start -->", f"<!-- bench:{db}:end -->"
    if start not in text or end not in text:
        sys.exit(f"README.md has no {start} ... {end} markers")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: f"{start}\n{table}\n{end}", text)
    open(readme_path, "w").write(text)


def main(result_path, table_path):
    env = os.environ
    run = env["RUN"]
    db = env["DB"]

    def load(name):
        return json.load(open(os.path.join(run, f"{name}.measure.json")))

    live, unauth, profile, login, signup = (load(n) for n in ("live", "unauthorized", "profile", "authenticate", "signup"))
    bcrypt = json.load(open(os.path.join(run, "bcrypt.json")))
    bound = bcrypt["boundPerSecond"]
    rss_mib = int(env["VMHWM_KB"]) / 1024
    ready_ms = int(env["READY_MS"])
    restart_ms = int(env["RESTART_READY_MS"])
    native = bcrypt["engine"] == "libxcrypt"

    targets = []

    def target(name, measured, goal, ratio, met, note=""):
        targets.append({"target": name, "measured": measured, "goal": goal, "ratio": round(ratio, 3),
                        "met": met, "note": note})

    r = login["rps"] / bound
    target("logins/s vs bcrypt bound of the hasher in use", f'{login["rps"]:.1f}/s vs bound {bound:.1f}/s',
           ">= 0.90 x bound", r, r >= 0.90)
    r = login["rps"] / EXPRESS["logins"]
    target("logins/s vs Express (15.7/s)", f'{login["rps"]:.1f}/s', ">= 1.3 x Express (native hasher)", r, r >= 1.3,
           "" if native else "managed hasher in use: this target applies to the native one")
    r = profile["rps"] / live["rps"]
    if db == "sqlite":
        target("GET /api/profile vs /health/live", f'{profile["rps"]:,.0f} vs {live["rps"]:,.0f} req/s',
               ">= 0.40 x live (SQLite)", r, r >= 0.40)
    else:
        target("GET /api/profile on MariaDB", f'{profile["rps"]:,.0f} req/s', ">= 11,500 req/s (10 x Express)",
               profile["rps"] / 11500, profile["rps"] >= 11500)
        target("GET /api/profile vs /health/live (MariaDB, for reference)", f'{profile["rps"]:,.0f} vs {live["rps"]:,.0f} req/s',
               "(0.40 x live is the SQLite target)", r, r >= 0.40)
    target("GET /api/profile p99 at 16 connections", f'{profile["p99_ms"]:.2f} ms', "<= 5 ms",
           profile["p99_ms"] / 5, profile["p99_ms"] <= 5)
    r = unauth["rps"] / live["rps"]
    target("401 path vs /health/live", f'{unauth["rps"]:,.0f} vs {live["rps"]:,.0f} req/s', ">= 0.70 x live", r, r >= 0.70)
    target("peak RSS (VmHWM) over the whole run", f"{rss_mib:.1f} MiB", "<= 150 MB (143.1 MiB)",
           rss_mib / (150e6 / 2**20), rss_mib <= 150e6 / 2**20)
    target("start-up to first 200 from /health/ready, empty database (migrations run)", f"{ready_ms / 1000:.2f} s", "<= 1.5 s",
           ready_ms / 1500, ready_ms <= 1500)
    target("start-up to first 200 from /health/ready, restart on the populated database", f"{restart_ms / 1000:.2f} s",
           "<= 1.5 s", restart_ms / 1500, restart_ms <= 1500)

    result = {
        "date": env["STAMP"],
        "db": db,
        "gitCommit": env["GIT_COMMIT"],
        "machine": {
            "cores": int(env["CORES"]), "cpu": env["CPU_MODEL"], "dotnetSdk": env["DOTNET_SDK"],
            "aspnetRuntime": env["DOTNET_RUNTIME"], "mariadb": env.get("MARIADB_VERSION") or None,
            "wrk": env["WRK_VERSION"], "loadAverageBefore": env["LOAD_BEFORE"], "loadAverageAfter": env["LOAD_AFTER"],
        },
        "setup": {
            "apiCore": 1, "loadGeneratorCore": 0, "wrkThreads": 1, "connections": int(env["CONNECTIONS"]),
            "durationSeconds": int(env["DURATION"]), "warmupSeconds": int(env["WARMUP"]),
            "bcryptCost": int(env["COST"]), "apiLog": env["API_ENGINE_LINE"],
        },
        "bcrypt": bcrypt,
        "results": {"healthLive": live, "unauthorized": unauth, "profile": profile, "authenticate": login, "signup": signup},
        "startupToReadyMs": ready_ms,
        "restartToReadyMs": restart_ms,
        "peakRssMiB": round(rss_mib, 1),
        "residentAtEndKiB": {k.rstrip(":"): int(v) for k, v in (p.split("=") for p in env["RSS_PARTS"].split(","))},
        "express": EXPRESS,
        "targets": targets,
    }
    with open(result_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")

    m = result["machine"]
    lines = [
        f'**{db}**, {env["STAMP"]}, commit `{env["GIT_COMMIT"]}`: {m["cores"]} cores ({m["cpu"]}), .NET SDK {m["dotnetSdk"]} '
        f'(ASP.NET Core {m["aspnetRuntime"]}){", MariaDB " + m["mariadb"] if m["mariadb"] else ""}, wrk {m["wrk"]}; '
        f'API on core 1, wrk -t1 -c{env["CONNECTIONS"]} on core 0{" with MariaDB" if db == "mysql" else ""}; '
        f'{env["DURATION"]} s per measurement after {env["WARMUP"]} s warm-up; bcrypt cost {env["COST"]} on {bcrypt["engine"]} '
        f'({bcrypt["medianMs"]:.1f} ms per verify, bound {bound:.1f}/s on one core); '
        f'load average {env["LOAD_BEFORE"]} before, {env["LOAD_AFTER"]} after.',
        "",
        "| measurement | req/s | p50 | p99 | Express |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(label, r, express=""):
        lines.append(f'| {label} | {r["rps"]:,.1f} | {r["p50_ms"]:.2f} ms | {r["p99_ms"]:.2f} ms | {express} |')

    row("`GET /health/live` (floor: no auth, no database)", live)
    row("`GET /api/profile` without a token (401)", unauth, "5,500")
    row("`GET /api/profile` with a token", profile, "1,150 (p99 38 ms)")
    row("`POST /api/authenticate` (logins)", login, "15.7")
    row("`POST /api/signup` (unique names)", signup, "15.5")
    lines += ["", f"Start-up to ready: {ready_ms / 1000:.2f} s on an empty database (migrations run), "
              f"{restart_ms / 1000:.2f} s on restart. Peak RSS: {rss_mib:.1f} MiB (Express: 180 MiB).", "",
              "| target (issue 6) | measured | goal | ratio | met |", "|---|---|---|---:|:---:|"]
    for t in targets:
        note = f' ({t["note"]})' if t["note"] else ""
        lines.append(f'| {t["target"]}{note} | {t["measured"]} | {t["goal"]} | {t["ratio"]:.2f} | {"yes" if t["met"] else "**no**"} |')
    open(table_path, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "--readme":
        readme(*sys.argv[2:5])
    else:
        main(sys.argv[1], sys.argv[2])
