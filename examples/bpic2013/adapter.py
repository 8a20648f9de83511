#!/usr/bin/env python3
"""Turns the BPI Challenge 2013 (Volvo IT) incident log into Writ events, one JSON line per row.

Usage: adapter.py bpic2013-volvo-incidents.csv.gz > volvo.events.jsonl

Every row of the CSV becomes exactly one line; a row the adapter cannot make sense of is
still written, as it is, so that the engine rejects it with a reason (README.md,
"Adapter"). Rows are ordered by time across the whole log, ties kept in file order,
because the engine refuses an event older than its clock. The number of rows moved within
their incident is printed on stderr.
"""
import csv
import gzip
import hashlib
import json
import sys
from datetime import datetime

# Status/Sub Status -> event type, for rows that neither open an incident nor change its line.
TYPES = {
    ("Queued", "Awaiting Assignment"): "incident.queued",
    ("Accepted", "Assigned"): "incident.assigned",
    ("Accepted", "In Progress"): "incident.work",
    ("Accepted", "Wait"): "wait.other",
    ("Accepted", "Wait - User"): "wait.user",
    ("Accepted", "Wait - Customer"): "wait.customer",
    ("Accepted", "Wait - Vendor"): "wait.vendor",
    ("Accepted", "Wait - Implementation"): "wait.implementation",
    ("Completed", "Resolved"): "incident.resolved",
    ("Completed", "Closed"): "incident.closed",
    ("Completed", "In Call"): "incident.resolved",  # resolved during the call
    ("Completed", "Cancelled"): "incident.cancelled",
    ("Unmatched", "Unmatched"): "incident.unmatched",
}
# A row at another support line than the row before it (in time) is a change of line: an
# escalation when the new line ranks higher, else a de-escalation.
LINE_RANK = {"L1": 1, "L2": 2, "L2/L3": 3, "L3": 4}
UNMAPPED = "bpic.unmapped"  # not declared by volvo.writ: the engine rejects it as unknown_type

COLUMNS = ["SR Number", "Change Date+Time", "Status", "Sub Status", "Involved ST", "ST Level",
           "SR Latest Impact", "Product", "Country", "Resource"]


def parse_time(text):
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def row_id(row):
    digest = hashlib.sha1("\x1f".join(row).encode()).hexdigest()[:16]
    return f"{row[0]}#{digest}"


def event_type(row, first, previous_line):
    if (row["Status"], row["Sub Status"]) not in TYPES or row["ST Level"] not in LINE_RANK:
        return UNMAPPED
    if first:
        return "incident.opened"
    # Completed rows (resolution, closure, cancellation) keep their own type whatever the line.
    if row["Status"] != "Completed" and previous_line in LINE_RANK and row["ST Level"] != previous_line:
        up = LINE_RANK[row["ST Level"]] > LINE_RANK[previous_line]
        return "support.escalated" if up else "support.deescalated"
    return TYPES[(row["Status"], row["Sub Status"])]


def to_event(row, raw, first, previous_line):
    kind = event_type(row, first, previous_line)
    event = {"type": kind, "at": row["Change Date+Time"], "incident": row["SR Number"], "id": row_id(raw)}
    if row["Resource"]:
        event["actor"] = {"id": row["Resource"], "role": row["Involved ST"]}
    if row["SR Latest Impact"]:  # left out when empty: the engine rejects the row as missing_field
        event["impact"] = row["SR Latest Impact"]
    event["line"] = row["ST Level"]
    event["status"] = row["Status"]
    event["sub_status"] = row["Sub Status"]
    event["team"] = row["Involved ST"]
    event["product"] = row["Product"]
    if kind.startswith("support."):
        event["from_line"] = previous_line
    if kind == UNMAPPED:
        event["row"] = raw
    return event


def read_rows(path):
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            sys.exit(f"adapter: {path}: missing columns: {', '.join(missing)}")
        index = {name: header.index(name) for name in COLUMNS}
        for raw in reader:
            if len(raw) < len(header):
                raw = raw + [""] * (len(header) - len(raw))
            yield {name: raw[i] for name, i in index.items()}, raw


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: adapter.py BPIC2013.csv.gz > events.jsonl")
    rows = []  # (time or None, file position, row, raw)
    for position, (row, raw) in enumerate(read_rows(sys.argv[1])):
        rows.append((parse_time(row["Change Date+Time"]), position, row, raw))

    by_incident = {}
    for entry in rows:
        by_incident.setdefault(entry[2]["SR Number"], []).append(entry)
    # Within an incident, time order with ties in file order; a row without a readable time
    # keeps its file place relative to the others (it is rejected as bad_time anyway).
    reordered = 0
    events = []
    for entries in by_incident.values():
        timed = sorted((e for e in entries if e[0] is not None), key=lambda e: (e[0], e[1]))
        reordered += sum(1 for a, b in zip(timed, (e for e in entries if e[0] is not None)) if a is not b)
        previous_line = None
        for n, (at, position, row, raw) in enumerate(timed):
            events.append((at, position, to_event(row, raw, n == 0, previous_line)))
            previous_line = row["ST Level"]
        for at, position, row, raw in entries:
            if at is None:
                events.append((float("inf"), position, to_event(row, raw, False, None)))

    # The engine's clock is global: the stream is ordered by time, ties in file order.
    events.sort(key=lambda e: (e[0], e[1]))
    out = sys.stdout
    for _, _, event in events:
        out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
    print(f"adapter: {len(rows)} rows, {len(events)} events, {len(by_incident)} incidents, "
          f"{reordered} rows reordered within their incident", file=sys.stderr)


if __name__ == "__main__":
    main()
