// The JavaScript engines of the peer benchmark (/work/shared/bench/PEER_WORKLOAD.md), run
// with the machine's Node.js on the peers' JSON lines:
//   node engines.js --events FILE --engine NAME [--runs R] [--sample N]
// NAME: js (hand-written), cel-js, json-rules-engine, cedar-stateful, cedar (R5 only).
// Parsing the file, parsing policies and building engines happen before any timing. The
// engine first makes one pass over every event, whose counts must be the specified ones (a
// disagreement exits 1), then `runs` timed passes over the first `sample` events (all by
// default), each checked against the hand-written engine's counts for those events.
// Prints one JSON object: CPU ns/event of each timed pass, the median, counts and fp.
import {readFileSync} from 'node:fs'
import {parse as celParse} from '@marcbachmann/cel-js'
import {Engine} from 'json-rules-engine'
import * as cedar from '@cedar-policy/cedar-wasm/nodejs'
import {NAMES, canonical, fnv1aHex, EXPECTED, EXPECTED_R5} from './workload.js'

const CRITICAL = ['auth', 'payments', 'checkout', 'ledger', 'gateway']
const PRIVILEGED = ['incident_commander', 'triage_lead']
const D = Object.fromEntries(NAMES.map((n, i) => [n, i]))

// ---- hand-written JavaScript ----------------------------------------------------------
const criticalSet = new Set(CRITICAL)
const privilegedSet = new Set(PRIVILEGED)
function handWritten () {
  return (e, c) => {
    const major = ((e.impact === 'enterprise' || e.users_affected >= 1000) && e.duration_min >= 30) || e.data_exposure
    if (major) c[0]++
    if (e.severity === 1 || (major && e.severity <= 3)) c[1]++
    else if (e.severity <= 2 || e.users_affected >= 2500) c[2]++
    else if (e.severity === 3 || e.impact === 'department') c[3]++
    else c[4]++
    if (e.severity <= 2 && e.duration_min > 15) c[5]++
    if (e.replication_lag_s <= 5 && e.data_consistent) c[6]++
    if (e.type === 'severity.change' && privilegedSet.has(e.role)) c[7]++
    const critical = criticalSet.has(e.service)
    if (critical && e.severity === 1) c[8]++
    if (e.type === 'change.requested' && (major || (critical && e.severity <= 3))) c[9]++
    if ((e.severity === 1 && e.duration_min > 60) || (e.severity === 2 && e.duration_min > 240) ||
        (e.severity >= 3 && e.duration_min > 480)) c[10]++
  }
}

// ---- cel-js: one expression per rule, parsed once -----------------------------------
// R2 and R7 read R1's result as the variable `declare_major`; the sets are variables too.
const CEL_MAJOR = '((e.impact == "enterprise" || e.users_affected >= 1000) && e.duration_min >= 30) || e.data_exposure'
const CEL = {
  tier: 'e.severity == 1 || (declare_major && e.severity <= 3) ? 1 : e.severity <= 2 || e.users_affected >= 2500 ? 2 : ' +
        'e.severity == 3 || e.impact == "department" ? 3 : 4',
  triage_breach: 'e.severity <= 2 && e.duration_min > 15',
  failover_allowed: 'e.replication_lag_s <= 5 && e.data_consistent',
  severity_change_permitted: 'e.type == "severity.change" && e.role in privileged',
  page_exec: 'e.service in critical && e.severity == 1',
  change_blocked: 'e.type == "change.requested" && (declare_major || (e.service in critical && e.severity <= 3))',
  sla_breach: '(e.severity == 1 && e.duration_min > 60) || (e.severity == 2 && e.duration_min > 240) || (e.severity >= 3 && e.duration_min > 480)'
}
function celJs () {
  const major = celParse(CEL_MAJOR)
  const tier = celParse(CEL.tier)
  const rest = ['triage_breach', 'failover_allowed', 'severity_change_permitted', 'page_exec', 'change_blocked', 'sla_breach']
    .map(name => [D[name], celParse(CEL[name])])
  return (e, c) => {
    // CEL integers are int64: the event's numbers are BigInts (converted before timing).
    const vars = e.cel
    vars.declare_major = major(vars) === true
    if (vars.declare_major) c[0]++
    c[Number(tier(vars))]++
    for (const [d, f] of rest) if (f(vars) === true) c[d]++
  }
}
function celVars (e) {
  const event = {}
  for (const [k, x] of Object.entries(e)) event[k] = typeof x === 'number' ? BigInt(x) : x
  return {e: event, critical: CRITICAL, privileged: PRIVILEGED, declare_major: false}
}

// ---- json-rules-engine: one engine, the rules, `await engine.run(facts)` per event ------
function jreRules () {
  const f = (fact, operator, value) => ({fact, operator, value})
  const conditions = {
    declare_major: {any: [{all: [{any: [f('impact', 'equal', 'enterprise'), f('users_affected', 'greaterThanInclusive', 1000)]},
      f('duration_min', 'greaterThanInclusive', 30)]}, f('data_exposure', 'equal', true)]},
    p1: {any: [f('severity', 'equal', 1), {all: [{condition: 'declare_major'}, f('severity', 'lessThanInclusive', 3)]}]},
    p2: {any: [f('severity', 'lessThanInclusive', 2), f('users_affected', 'greaterThanInclusive', 2500)]},
    p3: {any: [f('severity', 'equal', 3), f('impact', 'equal', 'department')]}
  }
  const rule = (name, cond) => ({name, conditions: cond, event: {type: name}})
  const rules = [
    rule('declare_major', {all: [{condition: 'declare_major'}]}),
    rule('tier_P1', {all: [{condition: 'p1'}]}),
    rule('tier_P2', {all: [{not: {condition: 'p1'}}, {condition: 'p2'}]}),
    rule('tier_P3', {all: [{not: {condition: 'p1'}}, {not: {condition: 'p2'}}, {condition: 'p3'}]}),
    rule('tier_P4', {all: [{not: {condition: 'p1'}}, {not: {condition: 'p2'}}, {not: {condition: 'p3'}}]}),
    rule('triage_breach', {all: [f('severity', 'lessThanInclusive', 2), f('duration_min', 'greaterThan', 15)]}),
    rule('failover_allowed', {all: [f('replication_lag_s', 'lessThanInclusive', 5), f('data_consistent', 'equal', true)]}),
    rule('severity_change_permitted', {all: [f('type', 'equal', 'severity.change'), f('role', 'in', PRIVILEGED)]}),
    rule('page_exec', {all: [f('service', 'in', CRITICAL), f('severity', 'equal', 1)]}),
    rule('change_blocked', {all: [f('type', 'equal', 'change.requested'),
      {any: [{condition: 'declare_major'}, {all: [f('service', 'in', CRITICAL), f('severity', 'lessThanInclusive', 3)]}]}]}),
    rule('sla_breach', {any: [{all: [f('severity', 'equal', 1), f('duration_min', 'greaterThan', 60)]},
      {all: [f('severity', 'equal', 2), f('duration_min', 'greaterThan', 240)]},
      {all: [f('severity', 'greaterThanInclusive', 3), f('duration_min', 'greaterThan', 480)]}]})
  ]
  return {conditions, rules}
}
function jsonRulesEngine () {
  const {conditions, rules} = jreRules()
  const engine = new Engine([], {allowUndefinedFacts: false})
  for (const [name, c] of Object.entries(conditions)) engine.setCondition(name, c)
  for (const r of rules) engine.addRule(r)
  return async (e, c) => {
    const {events} = await engine.run(e)
    for (const ev of events) c[D[ev.type]]++
  }
}

// ---- cedar-wasm: R5 alone, roles as the actor's entity parents -------------------------
const CEDAR_POLICIES = {staticPolicies: PRIVILEGED.map(role =>
  `permit(principal in Role::"${role}", action == Action::"severity.change", resource);`).join('\n')}
const cedarEntities = Object.fromEntries(['incident_commander', 'triage_lead', 'responder', 'observer'].map(role =>
  [role, [{uid: {type: 'User', id: 'actor'}, attrs: {}, parents: [{type: 'Role', id: role}]},
    {uid: {type: 'Role', id: role}, attrs: {}, parents: []}]]))
function cedarRequest (e) {
  return {principal: {type: 'User', id: 'actor'}, action: {type: 'Action', id: e.type},
    resource: {type: 'Incident', id: e.incident}, context: {}, entities: cedarEntities[e.role]}
}
function cedarAllowed (answer) {
  if (answer.type !== 'success') throw new Error('cedar: ' + JSON.stringify(answer.errors))
  return answer.response.decision === 'allow'
}
function cedarPlain () {
  return (e, c) => { if (cedarAllowed(cedar.isAuthorized({...e.cedar, policies: CEDAR_POLICIES}))) c[7]++ }
}
function cedarStateful () {
  const parsed = cedar.preparsePolicySet('peers', CEDAR_POLICIES)
  if (parsed.type !== 'success') throw new Error('cedar: ' + JSON.stringify(parsed.errors))
  return (e, c) => { if (cedarAllowed(cedar.statefulIsAuthorized({...e.cedar, preparsedPolicySetId: 'peers'}))) c[7]++ }
}

const ENGINES = {
  js: {make: handWritten, r5: false},
  'cel-js': {make: celJs, r5: false, prepare: e => { e.cel = celVars(e) }},
  'json-rules-engine': {make: jsonRulesEngine, r5: false, async: true},
  'cedar-stateful': {make: cedarStateful, r5: true, prepare: e => { e.cedar = cedarRequest(e) }},
  cedar: {make: cedarPlain, r5: true, prepare: e => { e.cedar = cedarRequest(e) }}
}

// ---- the harness ----------------------------------------------------------------------
function cpuNs () {
  const u = process.cpuUsage()
  return (u.user + u.system) * 1000
}
async function pass (decide, events, isAsync) {
  const c = new Array(NAMES.length).fill(0)
  if (isAsync) for (const e of events) await decide(e, c)
  else for (const e of events) decide(e, c)
  return c
}
function countsOf (c, r5) {
  return r5 ? `${NAMES[7]}=${c[7]}` : canonical(c)
}

function options (argv) {
  const o = {runs: 5, sample: 0}
  for (let i = 2; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]]
    if (v === undefined) throw new Error(`${k} needs a value`)
    if (k === '--events') o.events = v
    else if (k === '--engine') o.engine = v
    else if (k === '--runs') o.runs = Number(v)
    else if (k === '--sample') o.sample = Number(v)
    else throw new Error(`unknown option ${k}`)
  }
  if (!o.events || !ENGINES[o.engine]) throw new Error(`usage: node engines.js --events FILE --engine ${Object.keys(ENGINES).join('|')} [--runs R] [--sample N]`)
  if (!(o.runs >= 1) || !(o.sample >= 0)) throw new Error('--runs and --sample take positive numbers')
  return o
}

async function main () {
  const o = options(process.argv)
  const spec = ENGINES[o.engine]
  const events = readFileSync(o.events, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l))
  if (spec.prepare) events.forEach(spec.prepare)
  const decide = spec.make()
  const sample = o.sample > 0 ? events.slice(0, o.sample) : events

  const full = countsOf(await pass(decide, events, spec.async), spec.r5)
  const expected = spec.r5 ? EXPECTED_R5 : EXPECTED
  if (events.length === 200000 && full !== expected) throw new Error(`${o.engine}: counts ${full}, expected ${expected}`)
  const reference = countsOf(await pass(handWritten(), sample, false), spec.r5)
  const ns = []
  let counts
  for (let run = 0; run < o.runs; run++) {
    const start = cpuNs()
    counts = countsOf(await pass(decide, sample, spec.async), spec.r5)
    ns.push((cpuNs() - start) / sample.length)
    if (counts !== reference) throw new Error(`${o.engine}: counts ${counts} on ${sample.length} events, the hand-written JS ${reference}`)
  }
  const sorted = [...ns].sort((a, b) => a - b)
  console.log(JSON.stringify({engine: o.engine, scope: spec.r5 ? 'r5' : 'all', events: sample.length,
    ns: ns.map(x => Number(x.toFixed(2))), median: Number(sorted[Math.floor(sorted.length / 2)].toFixed(2)),
    counts: full, fp: fnv1aHex(full), checked: events.length}))
}

main().catch(e => { console.error(`engines.js: ${e.message}`); process.exit(1) })
