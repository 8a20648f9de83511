#!/usr/bin/env python3
"""Prints a readable summary of a replay: `summary.py EVENTS.jsonl DECISIONS.jsonl`.

EVENTS is the input of `writ replay`, DECISIONS its stdout. Every input line gives exactly
one record, `event` (accepted) or `rejected`, in input order; the decisions that deny or
block an event follow its record, so each is paired with the input line it refused (which
names the change, the actor and the fields that a decision line does not repeat)."""
import collections
import json
import sys


def hhmm(time):
    return time[11:16]


def is_input(d):
    """The record of an input line (an emitted internal event has one too, not an input)."""
    return d["kind"] == "rejected" or (d["kind"] == "event" and d.get("outcome") != "emitted")


def input_events(events, decisions):
    """Each decision with the input event it follows (None before the first)."""
    lines = iter(events)
    current = None
    for d in decisions:
        if is_input(d):
            current = next(lines)
        yield d, current


def incidents(decisions):
    """Per incident: when it opened, its last tier, whether it went major, when it resolved,
    and how many alerts it took (its own and those correlated into it). A suppressed alert
    opens nothing; a correlated one counts for the incident it joined."""
    seen = collections.OrderedDict()
    for i, d in enumerate(decisions):
        incident = d.get("incident")
        if d["kind"] == "event" and incident:
            after = decisions[i + 1] if i + 1 < len(decisions) else {}
            if after.get("kind") == "suppressed":
                continue
            if after.get("kind") == "correlated":
                incident = after["target"]
            info = seen.setdefault(incident, {"opened": d["at"], "tier": "P4", "major": False, "resolved": None,
                                              "alerts": 0})
            info["alerts"] += d["target"] == "alert.received"
        elif incident in seen:
            info, values = seen[incident], d.get("values", {})
            info["tier"] = values.get("tier", values.get("state.tier", info["tier"]))
            info["major"] = info["major"] or values.get("state.major") is True
            if values.get("state.resolved") is True:
                info["resolved"] = d["at"]
    return seen


def refusal(d, event):
    who = event.get("actor", {}).get("role", "")
    what = event["type"]
    if what == "change.requested":
        kind = "emergency" if event["emergency"] else "standard"
        what = f"change {event['change']} ({kind}, role {who or 'none'})"
    elif who:
        what = f"{what} (role {who})"
    where = d.get("incident", "global")
    return f"  {hhmm(d['at'])} {where:9} {what}: {d['reason']}"


def print_summary(events, decisions):
    accepted = sum(1 for d in decisions if d["kind"] == "event" and d.get("outcome") == "accepted")
    rejected = [d for d in decisions if d["kind"] == "rejected"]
    print(f"{len(events)} input events ({events[0]['at']} to {events[-1]['at']}): {accepted} accepted, "
          f"{len(rejected)} rejected; {len(decisions)} records; policy {decisions[0]['policy'][:16]}...")

    found = incidents(decisions)
    print(f"\nIncidents ({len(found)})")
    for incident, info in found.items():
        resolved = f"resolved {hhmm(info['resolved'])}" if info["resolved"] else "open at the end"
        major = "  MAJOR" if info["major"] else ""
        print(f"  {incident}  {info['tier']}  opened {hhmm(info['opened'])}, {resolved}, "
              f"{info['alerts']} alert(s){major}")

    kinds = collections.Counter(d["kind"] for d in decisions if d["kind"] != "event")
    print("\nDecisions by kind (records other than input events)")
    line = " "
    for kind, count in sorted(kinds.items(), key=lambda kc: (-kc[1], kc[0])):
        if len(line) + len(kind) > 84:
            print(line.rstrip())
            line = " "
        line += f" {kind} {count},"
    print(line.rstrip(","))

    print("\nDenied or blocked")
    refused = collections.OrderedDict()
    for d, event in input_events(events, decisions):
        if d["kind"] in ("denied", "blocked"):
            refused.setdefault(id(event), (event, []))[1].append(d)
    for event, ds in refused.values():
        print(refusal(ds[0], event) + "".join(f"; {d['reason']}" for d in ds[1:]))

    print("\nBreaches and violations")
    for d in decisions:
        if d["kind"] in ("breach", "violation"):
            reason = d.get("reason") or f"target {d['values']['target']}, started {hhmm(d['values']['started'])}"
            print(f"  {hhmm(d['at'])} {d['incident']:9} {d['source']['construct']} {d['source']['name']}: {reason}")

    print("\nEscalations, notifications and tickets")
    for d in decisions:
        if d["kind"] == "escalation":
            print(f"  {hhmm(d['at'])} {d['incident']:9} {d['source']['name']} {d['outcome']}")
        elif d["kind"] == "escalation.stopped":
            print(f"  {hhmm(d['at'])} {d['incident']:9} {d['source']['name']} stopped: {d['reason']}")
        elif d["kind"] == "notify":
            message = f" \"{d['message']}\"" if "message" in d else ""
            print(f"  {hhmm(d['at'])} {d['incident']:9} notify {d['target']}{message} ({d['source']['name']})")
        elif d["kind"] == "ticket":
            print(f"  {hhmm(d['at'])} {d['incident']:9} ticket {d['target']} owner {d['values']['owner']}, "
                  f"due {d['values']['due']}")

    print("\nStill pending at the end")
    pending = collections.OrderedDict()
    for d in decisions:
        key = (d.get("incident", ""), d.get("source", {}).get("name"))
        if d["kind"] == "obligation.started":
            pending[key] = d
        elif d["kind"] in ("met", "violation", "obligation.stopped") and d["source"]["construct"] == "obligation":
            pending.pop(key, None)
    for (incident, name), d in pending.items():
        print(f"  {incident:9} obligation {name}: {d['target']} due by {d['values']['deadline']}")
    for d in decisions:
        if d["kind"] == "freeze.started" and d["values"]["to"] > decisions[-1]["at"]:
            print(f"  freeze {d['source']['name']} (after {d['incident']}) until {d['values']['to']}")

    print("\nRejected input lines")
    for d in rejected:
        print(f"  {hhmm(d['at'])} {d['reason']}")


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        sys.exit(f"summary: {path}: {e}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: summary.py EVENTS.jsonl DECISIONS.jsonl")
    events, decisions = read_lines(sys.argv[1]), read_lines(sys.argv[2])
    inputs = sum(1 for d in decisions if is_input(d))
    if not events or inputs != len(events):
        sys.exit(f"summary: {sys.argv[2]} records {inputs} input line(s) but {sys.argv[1]} has {len(events)}: "
                 "not the replay of these events")
    print_summary(events, decisions)


if __name__ == "__main__":
    main()
