#!/usr/bin/env python3
"""Independent check of `writ report --json` on the BPIC 2013 replay.

Usage: check.py bpic2013-volvo-incidents.csv.gz report.json

Computes, straight from the CSV and without Writ, the figures the report gives for
volvo.writ, and exits 1 naming every figure where the two differ. The definitions shared
with the adapter and the policy are in README.md ("What the check shares"); everything else
(business time, the SLA clock, the statistics) is written here afresh.
"""
import csv
import gzip
import json
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
OPEN_HOUR, CLOSE_HOUR = 8, 18
HOLIDAYS = {date.fromisoformat(d) for d in (
    "2010-01-01 2010-04-05 2010-05-01 2010-05-13 2010-05-24 2010-07-21 2010-08-15 2010-11-01 2010-11-11 "
    "2010-12-25 2011-01-01 2011-04-25 2011-05-01 2011-06-02 2011-06-13 2011-07-21 2011-08-15 2011-11-01 "
    "2011-11-11 2011-12-25 2012-01-01 2012-04-09 2012-05-01 2012-05-17 2012-05-28 2012-07-21 2012-08-15 "
    "2012-11-01 2012-11-11 2012-12-25").split()}
HOUR = 3_600_000
TARGET = {"Major": 4 * HOUR, "High": 10 * HOUR, "Medium": 30 * HOUR, "Low": 50 * HOUR}
PAUSING = {"Wait - User", "Wait - Customer", "Wait - Vendor"}
RANK = {"L1": 1, "L2": 2, "L2/L3": 3, "L3": 4}
RULE_FOR_LINE = {"L2": "escalated_to_l2", "L2/L3": "escalated_to_l2_l3", "L3": "escalated_to_l3"}


def ms(text):
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def business_ms(start, end):
    """Milliseconds of [start, end) inside Brussels office hours on working days."""
    if end <= start:
        return 0
    total = 0
    day = datetime.fromtimestamp(start / 1000, BRUSSELS).date()
    last = datetime.fromtimestamp(end / 1000, BRUSSELS).date()
    while day <= last:
        if day.weekday() < 5 and day not in HOLIDAYS:
            opens = datetime(day.year, day.month, day.day, OPEN_HOUR, tzinfo=BRUSSELS).timestamp() * 1000
            closes = datetime(day.year, day.month, day.day, CLOSE_HOUR, tzinfo=BRUSSELS).timestamp() * 1000
            total += max(0, min(end, closes) - max(start, opens))
        day += timedelta(days=1)
    return int(total)


def quarter(at):
    d = datetime.fromtimestamp(at / 1000, timezone.utc)
    return f"{d.year:04}-Q{(d.month - 1) // 3 + 1}"


def stats(values):
    """Nearest-rank p90, median of an even count as the floor of the two middles' mean."""
    v = sorted(values)
    n = len(v)
    if n == 0:
        return {"count": 0, "median_ms": None, "mean_ms": None, "p90_ms": None}
    median = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) // 2
    rank = -(-9 * n // 10)
    return {"count": n, "median_ms": median, "mean_ms": sum(v) // n, "p90_ms": v[rank - 1]}


WAIT_KINDS = {"user": "Wait - User", "customer": "Wait - Customer", "vendor": "Wait - Vendor",
              "implementation": "Wait - Implementation", "other": "Wait"}


def row_kinds(rows):
    """For each row: "first", "up" or "down" (a change of line), or "status"."""
    kinds = []
    for n, row in enumerate(rows):
        if n == 0:
            kinds.append("first")
        elif row["Status"] != "Completed" and row["ST Level"] != rows[n - 1]["ST Level"]:
            kinds.append("up" if RANK[row["ST Level"]] > RANK[rows[n - 1]["ST Level"]] else "down")
        else:
            kinds.append("status")
    return kinds


def waits(rows, kinds, sub_status):
    """Wall time of each stopwatch run for one wait kind: started by a plain row of that kind,
    running while the rows are of that kind, ended by a Closed row."""
    runs, started, running_since, total = [], False, None, 0
    for row, kind in zip(rows, kinds):
        at = row["at"]
        this_wait = row["Sub Status"] == sub_status and row["Status"] == "Accepted"
        closed = row["Status"] == "Completed" and row["Sub Status"] == "Closed"
        if not started:
            if kind == "status" and this_wait:
                started, running_since, total = True, at, 0
            continue
        if closed and kind == "status":
            runs.append(total + (at - running_since if running_since is not None else 0))
            started, running_since = False, None
        elif this_wait and running_since is None:
            running_since = at
        elif not this_wait and running_since is not None:
            total += at - running_since
            running_since = None
    return runs


def push_to_front(rows, kinds):
    """Which push-to-front check fires, if any: opened above L1, or moved up before L1 work."""
    if rows[0]["ST Level"] != "L1":
        return "push_to_front_opened_above_l1"
    for row, kind in zip(rows, kinds):
        if kind == "up":
            return "push_to_front_missed"
        if row["ST Level"] == "L1" and row["Sub Status"] == "In Progress":
            return None
    return None


def is_resolution(row):
    return row["Status"] == "Completed" and row["Sub Status"] in ("Resolved", "In Call")


def incident_figures(rows, log_end):
    """What one incident contributes: its quarter, impact and figures."""
    opened = rows[0]["at"]
    impact = rows[0]["SR Latest Impact"]
    out = {"quarter": quarter(opened), "impact": impact, "escalations": defaultdict(int), "breached": 0,
           "resolve": None, "business_resolve": None, "first_escalation": None}
    consumed, running_since, clock_on = 0, opened, True
    stopped_at = None
    for n, row in enumerate(rows):
        at = row["at"]
        previous = rows[n - 1]["ST Level"] if n else None
        if n and row["Status"] != "Completed" and RANK[row["ST Level"]] > RANK[previous]:
            out["escalations"][RULE_FOR_LINE[row["ST Level"]]] += 1
            if out["first_escalation"] is None:
                out["first_escalation"] = at - opened
        if n and is_resolution(row) and out["resolve"] is None:
            out["resolve"] = at - opened
            out["business_resolve"] = business_ms(opened, at)
        if stopped_at is not None:
            continue
        if n and is_resolution(row):
            stopped_at = at
        elif row["Sub Status"] in PAUSING and clock_on:
            consumed += business_ms(running_since, at)
            clock_on = False
        elif row["Sub Status"] not in PAUSING and not clock_on:
            running_since, clock_on = at, True
    kinds = row_kinds(rows)
    out["waits"] = {kind: waits(rows, kinds, sub) for kind, sub in WAIT_KINDS.items()}
    out["push_to_front"] = push_to_front(rows, kinds)
    end = min(stopped_at, log_end) if stopped_at is not None else log_end
    if clock_on:
        consumed += business_ms(running_since, end)
    out["breached"] = 1 if consumed >= TARGET[impact] else 0
    return out


def expected(csv_path):
    with gzip.open(csv_path, "rt", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    incidents = defaultdict(list)
    for position, row in enumerate(rows):
        row["at"], row["position"] = ms(row["Change Date+Time"]), position
        incidents[row["SR Number"]].append(row)
    log_end = max(row["at"] for row in rows)
    cells = defaultdict(lambda: {"incidents": 0, "resolve": [], "business_resolve": [], "first_escalation": [],
                                 "breached": 0, "escalations": defaultdict(int),
                                 "waits": defaultdict(list), "push_to_front": defaultdict(int)})
    for rows_of_incident in incidents.values():
        rows_of_incident.sort(key=lambda r: (r["at"], r["position"]))
        f = incident_figures(rows_of_incident, log_end)
        for key in ((f["quarter"], f["impact"]), ("all", f["impact"])):
            cell = cells[key]
            cell["incidents"] += 1
            for measure in ("resolve", "business_resolve", "first_escalation"):
                if f[measure] is not None:
                    cell[measure].append(f[measure])
            cell["breached"] += f["breached"]
            for rule, count in f["escalations"].items():
                cell["escalations"][rule] += count
            for kind, runs in f["waits"].items():
                cell["waits"][kind] += runs
            if f["push_to_front"]:
                cell["push_to_front"][f["push_to_front"]] += 1
    return len(rows), len(incidents), cells


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check.py BPIC2013.csv.gz report.json")
    row_count, incident_count, cells = expected(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    problems = []

    def same(what, mine, theirs):
        if mine != theirs:
            problems.append(f"{what}: the CSV gives {mine}, the report {theirs}")

    same("input rows = accepted + rejected", row_count, report["events"]["accepted"] + report["events"]["rejected"])
    same("incidents", incident_count, report["incidents"])
    reported = {(c["quarter"], c["group"]): c for c in report["quarters"]}
    reported.update({("all", c["group"]): c for c in report["groups"]})
    same("cells (quarter, impact)", sorted(cells), sorted(reported))
    for key, mine in sorted(cells.items()):
        theirs = reported.get(key)
        if theirs is None:
            continue
        where = f"{key[0]} {key[1]}"
        same(f"{where} incidents", mine["incidents"], theirs["incidents"])
        same(f"{where} time_to_resolve", stats(mine["resolve"]), theirs["measures"]["time_to_resolve"])
        same(f"{where} business_time_to_resolve", stats(mine["business_resolve"]),
             theirs["measures"]["business_time_to_resolve"])
        same(f"{where} time_to_first_escalation", stats(mine["first_escalation"]),
             theirs["measures"]["time_to_first_escalation"])
        same(f"{where} resolution SLA breaches", mine["breached"], theirs["slas"]["resolution"]["breached"])
        for rule in RULE_FOR_LINE.values():
            same(f"{where} {rule}", mine["escalations"][rule], theirs["rules"][rule])
        for kind in WAIT_KINDS:
            sla = theirs["slas"][f"waiting_on_{kind}"]
            same(f"{where} waiting_on_{kind} met", len(mine["waits"][kind]), sla["met"])
            same(f"{where} waiting_on_{kind} elapsed", stats(mine["waits"][kind]), sla["elapsed"])
        for rule in ("push_to_front_opened_above_l1", "push_to_front_missed"):
            same(f"{where} {rule}", mine["push_to_front"][rule], theirs["rules"][rule])
    for p in problems:
        print(f"check: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check: {row_count} rows, {incident_count} incidents, {len(cells)} cells: the report agrees with the CSV")


if __name__ == "__main__":
    main()
