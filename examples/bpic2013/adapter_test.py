#!/usr/bin/env python3
"""The adapter on odd data, end to end through the engine: rows out of time order within
an incident, a duplicate row, an unknown status, a missing impact and an unreadable time.
No row is dropped: input rows == accepted + rejected, and each rejection says why.

Usage: adapter_test.py WRIT_BINARY
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ("SR Number,Change Date+Time,Status,Sub Status,Activity,Activity Level,Involved ST Function Div,"
          "Involved Org line 3,Involved ST,Involved ST 2,ST Level,SR Latest Impact,Product,Country,Owner Country,"
          "Owner First Name,Resource")


def row(sr, at, status, sub, line="L1", impact="Medium", team="V30"):
    return f"{sr},{at},{status},{sub},,,,Org line A2,{team},{team},{line},{impact},PROD1,be,Belgium,Ann,be-Ann"


ROWS = [
    row("1-1", "2011-03-07T09:00:00+01:00", "Queued", "Awaiting Assignment"),
    row("1-1", "2011-03-07T11:00:00+01:00", "Accepted", "In Progress", line="L2", team="V13"),  # file order: 2nd
    row("1-1", "2011-03-07T10:00:00+01:00", "Accepted", "In Progress"),                        # earlier: 3 rows change place
    row("1-1", "2011-03-07T10:00:00+01:00", "Accepted", "In Progress"),                        # duplicate row
    row("1-1", "2011-03-07T12:00:00+01:00", "Completed", "Resolved", line="L2", team="V13"),
    row("1-2", "2011-03-07T09:30:00+01:00", "Accepted", "Teleported"),                         # unknown status
    row("1-3", "2011-03-07T09:45:00+01:00", "Queued", "Awaiting Assignment", impact=""),       # no impact
    row("1-4", "yesterday", "Queued", "Awaiting Assignment"),                                  # no time
]


def fail(message):
    print(f"adapter_test: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    writ = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "odd.csv.gz")
        with gzip.open(csv_path, "wt", encoding="utf-8-sig", newline="") as f:
            f.write(HEADER + "\n" + "\n".join(ROWS) + "\n")
        adapted = subprocess.run([sys.executable, os.path.join(HERE, "adapter.py"), csv_path],
                                 capture_output=True, text=True, check=True)
        if "8 rows, 8 events, 4 incidents, 3 rows reordered within their incident" not in adapted.stderr:
            fail(f"unexpected adapter summary: {adapted.stderr!r}")
        events = [json.loads(line) for line in adapted.stdout.splitlines()]
        ats = [(e["type"], e["at"]) for e in events if e["incident"] == "1-1"]
        expected = [("incident.opened", "2011-03-07T09:00:00+01:00"), ("incident.work", "2011-03-07T10:00:00+01:00"),
                    ("incident.work", "2011-03-07T10:00:00+01:00"), ("support.escalated", "2011-03-07T11:00:00+01:00"),
                    ("incident.resolved", "2011-03-07T12:00:00+01:00")]
        if ats != expected:
            fail(f"incident 1-1 in time order with its escalation: got {ats}")
        events_path = os.path.join(tmp, "odd.jsonl")
        with open(events_path, "w", encoding="utf-8") as f:
            f.write(adapted.stdout)
        replay = subprocess.run([writ, "replay", "--policy", os.path.join(HERE, "volvo.writ"), "--events", events_path],
                                capture_output=True, text=True)
        decisions = [json.loads(line) for line in replay.stdout.splitlines()]
        accepted = sum(1 for d in decisions if d["kind"] == "event" and d.get("outcome") == "accepted")
        rejected = [d["reason"] for d in decisions if d["kind"] == "rejected"]
        if accepted + len(rejected) != len(ROWS):
            fail(f"{len(ROWS)} rows, but {accepted} accepted and {len(rejected)} rejected")
        for why in ("duplicate id", 'unknown event type "bpic.unmapped"', "missing field `impact`", "key `at`"):
            if not any(why in r for r in rejected):
                fail(f"no rejection mentions {why!r}: {rejected}")
        print(f"adapter_test: {len(ROWS)} odd rows: {accepted} accepted, {len(rejected)} rejected, each with a reason")


if __name__ == "__main__":
    main()
