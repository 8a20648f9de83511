#!/usr/bin/env python3
"""Writes a day of incident events as JSON lines, for `make demo`.

The day is Thursday 2026-12-17 at a bank whose service desk works in Brussels (business
hours 08:00-18:00 local, 07:00-17:00 UTC). It is replayed through the policy of LANGUAGE.md
(tests/fixtures/language/) plus examples/day/resolution.writ. Each scene below is one part
of the story and says what the policy must decide; tests/demo/day_test.cpp checks that it
does. Times are UTC. The noise is drawn from a seeded generator, so every run writes the
same file:

    python3 examples/day/generate.py > examples/day/events.jsonl
"""
import json
import random
from datetime import datetime, timedelta, timezone

DAY = datetime(2026, 12, 17, tzinfo=timezone.utc)
SEED = 20261217

INCIDENT_COMMANDER = {"id": "marie.dubois", "role": "incident_commander"}
TRIAGE_LEAD = {"id": "tom.peeters", "role": "triage_lead"}
SPOKESPERSON = {"id": "lina.claes", "role": "spokesperson"}


def at(clock):
    """`HH:MM` or `HH:MM:SS` on the day, as a datetime."""
    parts = [int(p) for p in clock.split(":")]
    return DAY + timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2] if len(parts) > 2 else 0)


class Day:
    """The events of the day, each kept with its time; written in time order."""

    def __init__(self):
        self.events = []

    def add(self, clock, type_, incident=None, actor=None, id_=None, **fields):
        when = at(clock) if isinstance(clock, str) else clock
        event = {"type": type_, "at": when.strftime("%Y-%m-%dT%H:%M:%SZ")}
        if incident:
            event["incident"] = incident
        event.update(fields)
        if actor:
            event["actor"] = actor
        if id_:
            event["id"] = id_
        self.events.append((when, len(self.events), event))

    def alert(self, clock, incident, service, severity, source="prometheus", id_=None):
        self.add(clock, "alert.received", incident, id_=id_, service=service, severity=severity, source=source)

    def update(self, clock, incident, impact, users, data_exposure=False, locations=1, actor=None):
        self.add(clock, "incident.updated", incident, actor=actor, impact=impact, users_affected=users,
                 data_exposure=data_exposure, locations=locations)

    def lines(self):
        return [json.dumps(event) for _, _, event in sorted(self.events, key=lambda e: (e[0], e[1]))]


def background_noise(day, rng):
    """All day, low-severity alerts from services outside the critical set.

    Expected: every one is suppressed (severity >= 4, service not in critical_services), so
    none opens an incident."""
    services = ["search", "intranet-wiki", "build-farm", "reporting", "hr-portal", "mail-relay"]
    sources = ["prometheus", "zabbix", "synthetics"]
    minute = 3
    while minute < 24 * 60 - 5:
        day.alert(DAY + timedelta(minutes=minute, seconds=rng.randrange(60)), f"MON-{10000 + minute}",
                  rng.choice(services), 4, rng.choice(sources))
        minute += rng.randint(4, 10)


def early_database_alert(day):
    """INC-5101, before opening time: a replica of the core database lags.

    Expected: the triage SLA (15m on the business calendar) starts at 07:00 UTC, the
    opening in Brussels, not at the alert; triage at 07:09 is 9 business minutes in, after
    the 50% warning (07:07:30): met. The database vendor is engaged and answers inside its
    4h contract: vendor_sla met. Resolved after a passed health check."""
    day.alert("06:42", "INC-5101", "db-replica", 2, "zabbix")
    day.update("06:50", "INC-5101", "department", 150)
    day.add("07:09", "triage.assessed", "INC-5101", actor=TRIAGE_LEAD)
    day.add("07:30", "vendor.engaged", "INC-5101", actor=TRIAGE_LEAD, vendor="globex-db")
    day.add("08:41", "vendor.responded", "INC-5101", vendor="globex-db")
    day.add("09:20", "health.checked", "INC-5101", passed=True)
    day.add("09:26", "incident.resolved", "INC-5101", actor=TRIAGE_LEAD)


def first_change_of_the_day(day):
    """A standard change before anything is frozen.

    Expected: accepted (no freeze is active)."""
    day.add("08:05", "change.requested", actor={"id": "koen.maes", "role": "change_manager"},
            change="CHG-3301", emergency=False, requester="koen.maes")


def slow_wiki_incident(day):
    """INC-5102: the intranet wiki is slow for a dozen people, and nobody hurries.

    Expected: classified P3; still P3 four hours after its alert, so the timer rule
    reclassify_long_running lifts it to P2 at 12:20. Resolved in the afternoon."""
    day.alert("08:20", "INC-5102", "intranet-wiki", 3)
    day.update("08:34", "INC-5102", "single-team", 12)
    day.add("13:10", "health.checked", "INC-5102", passed=True)
    day.add("13:18", "incident.resolved", "INC-5102", actor=TRIAGE_LEAD)


def payments_outage(day, rng):
    """INC-5103, the major incident of the day: card payments fail.

    Expected, in order:
    - 09:40 the first alert opens INC-5103 and starts the triage SLA (deadline 09:55); the
      storm of alerts that follows, each with its own monitoring id, is correlated into it;
      a webhook retry of one alert (same `id`) is rejected as a duplicate. From 09:48 the
      alerts are severity 3: a severity 1-2 alert after the triage would start the triage
      SLA again (an SLA re-arms on its next start event once stopped).
    - 09:49 triage: the SLA warned at 50% (09:47:30) and is met.
    - 09:50 the first impact report classifies P1, but the incident is only 10 minutes old
      and on one site: not yet major. An observer's severity change is denied (no permit);
      the incident commander's passes.
    - 10:12 the second report (two sites) declares it major: crisis management is notified,
      the bridge call is due by 10:22 and a status update every 30 minutes.
    - 10:16 a bridge opens without the database owners: it does not count. At 10:22 the
      bridge_call obligation is violated, which starts the major_path ladder: on-call now,
      team lead at 10:37, duty executive at 10:52. The acknowledgement at 10:58 stops it.
    - 10:32 a failover is refused (replication lag 42s and data not confirmed consistent);
      11:05 the second request, 2s lag and consistent, passes.
    - status: an engineer's customer update is denied (only spokespersons speak outside);
      the spokesperson's passes; from 10:44 nobody posts for 30 minutes: status_page is
      violated at 11:14 and the communications lead notified; updates resume.
    - 10:48 the network vendor is engaged (2h contract); it answers at 13:02, after the
      breach at 12:48 opened a vendor-sla-breach ticket.
    - 11:30 a temporary fix without expiry or follow-up is denied (two reasons); 11:34 the
      same fix with both passes.
    - 12:20 a resolution before the health checks is denied; a failed check at 12:24 keeps it
      so; after the passed check, the resolution at 12:35 passes: the status obligation
      stops, the postmortem is due within 72h, the post_major freeze starts for 48h."""
    inc = "INC-5103"
    day.alert("09:40", inc, "payments", 1, id_="prom-88120")
    storm_at = at("09:40:30")
    for n in range(1, 29):
        storm_at += timedelta(seconds=rng.randint(40, 150))
        severity = rng.choice([1, 2, 2, 3]) if storm_at < at("09:48") else 3
        day.alert(storm_at, f"MON-2{n:04d}", "payments", severity, rng.choice(["prometheus", "synthetics"]),
                  id_=f"prom-{88120 + n}")
        if n == 5:
            day.alert(storm_at + timedelta(seconds=2), f"MON-2{n:04d}", "payments", 2, "prometheus",
                      id_=f"prom-{88120 + n}")
    day.add("09:49", "triage.assessed", inc, actor=TRIAGE_LEAD)
    day.update("09:50", inc, "enterprise", 8000, actor=TRIAGE_LEAD)
    day.add("09:52", "severity.change", inc, actor={"id": "jan.wouters", "role": "observer"}, to=1)
    day.add("09:53", "severity.change", inc, actor=INCIDENT_COMMANDER, to=1)
    day.update("10:12", inc, "enterprise", 14000, locations=2, actor=INCIDENT_COMMANDER)
    day.add("10:16", "bridge.opened", inc, actor=INCIDENT_COMMANDER, participants=["application", "network"])
    day.add("10:25", "status.updated", inc, actor=INCIDENT_COMMANDER, audience="internal")
    day.add("10:29", "bridge.opened", inc, actor=INCIDENT_COMMANDER,
            participants=["application", "network", "database", "security"])
    day.add("10:32", "failover.requested", inc, actor={"id": "sam.jacobs", "role": "dba"},
            replication_lag="42s", data_consistent=False)
    day.add("10:40", "status.updated", inc, actor={"id": "pieter.smet", "role": "sre"}, audience="customers")
    day.add("10:44", "status.updated", inc, actor=SPOKESPERSON, audience="customers")
    day.add("10:48", "vendor.engaged", inc, actor=INCIDENT_COMMANDER, vendor="acme-network")
    day.add("10:58", "incident.acknowledged", inc, actor={"id": "an.vermeulen", "role": "duty_executive"})
    day.add("11:05", "failover.requested", inc, actor={"id": "sam.jacobs", "role": "dba"},
            replication_lag="2s", data_consistent=True)
    day.add("11:20", "status.updated", inc, actor=INCIDENT_COMMANDER, audience="internal")
    day.add("11:30", "fix.applied", inc, actor={"id": "pieter.smet", "role": "sre"}, temporary=True)
    day.add("11:34", "fix.applied", inc, actor={"id": "pieter.smet", "role": "sre"}, temporary=True,
            expires="2026-12-19T12:00:00Z", followup="PRB-7731")
    day.add("11:48", "status.updated", inc, actor=INCIDENT_COMMANDER, audience="internal")
    day.add("12:15", "status.updated", inc, actor=SPOKESPERSON, audience="customers")
    day.add("12:20", "incident.resolved", inc, actor=INCIDENT_COMMANDER)
    day.add("12:24", "health.checked", inc, passed=False)
    day.add("12:31", "health.checked", inc, passed=True)
    day.add("12:35", "incident.resolved", inc, actor=INCIDENT_COMMANDER)
    day.add("13:02", "vendor.responded", inc, vendor="acme-network")


def chat_bot_typo(day):
    """The chat bridge sends an event type nobody declared.

    Expected: rejected as unknown_type; the engine goes on."""
    day.add("10:59", "incident.acknowleged", "INC-5103", actor={"id": "chatops-bot", "role": "bot"})


def untriaged_core_banking(day):
    """INC-5107: a core-banking alert nobody triages in time.

    Expected: the triage SLA breaches at 13:55 and starts the major_path ladder (on-call);
    the acknowledgement at 14:02 stops it before the team lead is called. Classified P2,
    resolved after its health check."""
    inc = "INC-5107"
    day.alert("13:40", inc, "core-banking", 2, "zabbix")
    day.add("14:02", "incident.acknowledged", inc, actor={"id": "eva.janssens", "role": "on_call"})
    day.add("14:06", "triage.assessed", inc, actor=TRIAGE_LEAD)
    day.update("14:09", inc, "department", 220, actor=TRIAGE_LEAD)
    day.add("15:21", "health.checked", inc, passed=True)
    day.add("15:28", "incident.resolved", inc, actor=TRIAGE_LEAD)


def changes_during_the_freeze(day):
    """Change requests after the major incident's resolution, inside post_major (48h).

    Expected: CHG-3303 (not an emergency) is blocked; CHG-3304 (an emergency, but asked
    by the change manager) is blocked; CHG-3305 (an emergency asked by the CAB chair) passes."""
    day.add("14:10", "change.requested", actor={"id": "koen.maes", "role": "change_manager"},
            change="CHG-3303", emergency=False, requester="koen.maes")
    day.add("14:40", "change.requested", actor={"id": "koen.maes", "role": "change_manager"},
            change="CHG-3304", emergency=True, requester="koen.maes")
    day.add("15:05", "change.requested", actor={"id": "ines.mertens", "role": "cab_chair"},
            change="CHG-3305", emergency=True, requester="sam.jacobs")


def auth_alert_at_closing_time(day):
    """INC-5108: an auth alert ten minutes before the desk closes.

    Expected: the triage SLA counts only business time: 10 minutes today (warned at 50%,
    16:57:30), then the clock stands still; triage at 17:35 is met. Resolved in the evening."""
    inc = "INC-5108"
    day.alert("16:50", inc, "auth", 2)
    day.update("17:05", inc, "department", 400)
    day.add("17:35", "triage.assessed", inc, actor=TRIAGE_LEAD)
    day.add("18:12", "health.checked", inc, passed=True)
    day.add("18:20", "incident.resolved", inc, actor=TRIAGE_LEAD)


def main():
    rng = random.Random(SEED)
    day = Day()
    background_noise(day, rng)
    early_database_alert(day)
    first_change_of_the_day(day)
    slow_wiki_incident(day)
    payments_outage(day, rng)
    chat_bot_typo(day)
    untriaged_core_banking(day)
    changes_during_the_freeze(day)
    auth_alert_at_closing_time(day)
    print("\n".join(day.lines()))


if __name__ == "__main__":
    main()
