// `make bench`, the peer part (issue 7): generates the workload, runs every engine several
// times, checks every engine's counts (a disagreement fails the run), times `writ replay`
// end to end, measures the scaling curves, then writes the tables into bench/RESULTS.md
// (between its `peers:begin` and `peers:end` markers) and the curves as bench/*.svg.
//   node bench/peers/run_bench.js [--quick]
// --quick: fewer runs and smaller samples, to try the pipeline (its figures are not kept:
// RESULTS.md is written only by a full run).
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {EXPECTED, EXPECTED_MD5} from './workload.js'
import {lineChart} from './svg.js'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '../..')
const BIN = join(ROOT, 'build/bin')
const OUT = join(ROOT, 'build/peers')
const QUICK = process.argv.includes('--quick')
const RUNS = QUICK ? 1 : 5
const SLOW_RUNS = QUICK ? 1 : 3
const SLOW_SAMPLE = QUICK ? 2000 : 20000
const REPLAY_RUNS = QUICK ? 1 : 3
const INCIDENT_STEPS = QUICK ? [1000, 100000] : [1000, 10000, 100000]
const POLICY = join(HERE, 'governance.writ')

function log (text) { process.stderr.write(`bench/peers: ${text}\n`) }

function run (cmd, args, what) {
  const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 1 << 26})
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr}`)
  return r
}

function jsonLines (text) {
  return text.split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l))
}

function generate (file, writFile, incidents) {
  const args = ['generate', '--events', '200000', '--incidents', String(incidents)]
  if (file) args.push('--json', file)
  if (writFile) args.push('--writ', writFile)
  return jsonLines(run(join(BIN, 'peer_bench'), args, 'peer_bench generate').stdout)[0]
}

// ---- engines --------------------------------------------------------------------------
function cppEngines () {
  log(`C++ floor, Writ JIT and interpreter: ${RUNS} passes of 200,000 events each`)
  return jsonLines(run(join(BIN, 'peer_bench'), ['run', '--runs', String(RUNS)], 'peer_bench run').stdout)
}

function jsEngine (events, engine, runs, sample) {
  log(`${engine}: one checked pass over every event, then ${runs} timed pass(es)${sample ? ` over the first ${sample}` : ''}`)
  const args = [join(HERE, 'engines.js'), '--events', events, '--engine', engine, '--runs', String(runs)]
  if (sample) args.push('--sample', String(sample))
  return jsonLines(run(process.execPath, args, `node engines.js --engine ${engine}`).stdout)[0]
}

// ---- writ replay ----------------------------------------------------------------------
// Wall and CPU seconds of one `writ replay`, through bash's `time` (its children's CPU).
function timedReplay (events, audit) {
  const cmd = [join(BIN, 'writ'), 'replay', '--policy', POLICY, '--events', events, '--engine', 'jit']
  if (audit) {
    rmSync(audit, {force: true})
    cmd.push('--audit', audit)
  }
  const script = 'TIMEFORMAT="%R %U %S"; { time "$@" > /dev/null 2> "$ERRFILE"; } 2>&1'
  const errFile = join(OUT, 'replay.stderr')
  const r = spawnSync('bash', ['-c', script, 'replay', ...cmd], {encoding: 'utf8', env: {...process.env, ERRFILE: errFile}})
  const summary = readFileSync(errFile, 'utf8')
  if (r.status !== 0 || !/accepted/.test(summary)) throw new Error(`writ replay failed:\n${summary}${r.stderr}`)
  const [wall, user, sys] = r.stdout.trim().split(/\s+/).map(Number)
  const m = summary.match(/(\d+) line\(s\), (\d+) accepted, (\d+) rejected, (\d+) decision/)
  return {wall, cpu: user + sys, lines: +m[1], accepted: +m[2], rejected: +m[3], decisions: +m[4]}
}

// The denials the rule set implies: severity.change needs R5, change.requested is blocked by
// R7. One untimed replay counts the `denied` decisions it prints; they must be these.
function expectedDenied (eventsFile) {
  let denied = Number(EXPECTED.match(/change_blocked=(\d+)/)[1])
  for (const line of readFileSync(eventsFile, 'utf8').split('\n')) {
    if (!line) continue
    const e = JSON.parse(line)
    if (e.type === 'severity.change' && !(e.role === 'incident_commander' || e.role === 'triage_lead')) denied++
  }
  return denied
}

function checkDenials (writFile, expected) {
  const script = '"$@" 2>/dev/null | grep -c \'"kind":"denied"\''
  const r = run('bash', ['-c', script, 'replay', join(BIN, 'writ'), 'replay', '--policy', POLICY, '--events', writFile, '--engine', 'jit'],
    'writ replay (counting denials)')
  const denied = Number(r.stdout.trim())
  if (denied !== expected) throw new Error(`writ replay denied ${denied} events, the rule set implies ${expected}`)
}

function replaySeries (writFile, audit) {
  const runs = []
  for (let i = 0; i < REPLAY_RUNS; i++) {
    const r = timedReplay(writFile, audit)
    if (r.lines !== 200000 || r.accepted !== r.lines || r.rejected !== 0) {
      throw new Error(`writ replay read ${r.lines} lines, accepted ${r.accepted}, rejected ${r.rejected}: every line must be accepted`)
    }
    runs.push(r)
  }
  return runs
}

// ---- figures --------------------------------------------------------------------------
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (x, digits = 1) => x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits)
function nsText (ns) { return ns >= 1e6 ? `${fmt(ns / 1e6, 2)} ms` : ns >= 1e3 ? `${fmt(ns / 1e3, 2)} µs` : `${fmt(ns)} ns` }

function versions () {
  const pkg = name => JSON.parse(readFileSync(join(HERE, 'node_modules', name, 'package.json'), 'utf8')).version
  const first = (cmd, args) => spawnSync(cmd, args, {encoding: 'utf8'}).stdout.split('\n')[0].trim()
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: first('nproc', []),
    cpu: cpus()[0]?.model ?? 'unknown',
    os: existsSync('/etc/os-release') ? (readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/)?.[1] ?? '') : '',
    gcc: first('c++', ['--version']),
    node: process.version,
    commit: first('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    load: first('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' '),
    cel: pkg('@marcbachmann/cel-js'),
    jre: pkg('json-rules-engine'),
    cedar: pkg('@cedar-policy/cedar-wasm')
  }
}

const LABELS = {
  'cpp-floor': 'hand-written C++ (floor)', 'writ-jit': 'Writ JIT', 'writ-interp': 'Writ interpreter',
  js: 'hand-written JavaScript', 'cel-js': 'cel-js', 'json-rules-engine': 'json-rules-engine',
  'cedar-stateful': 'cedar-wasm, preparsed (statefulIsAuthorized)', cedar: 'cedar-wasm, plain isAuthorized'
}

function engineTable (results) {
  const floor = {all: results.find(r => r.engine === 'cpp-floor' && r.scope === 'all').median,
    r5: results.find(r => r.engine === 'cpp-floor' && r.scope === 'r5').median}
  const rows = ['| engine | decisions | events per pass | ns/event, median | min..max | x C++ floor | fp |', '|---|---|---|---|---|---|---|']
  for (const r of results) {
    const lo = Math.min(...r.ns)
    const hi = Math.max(...r.ns)
    rows.push(`| ${LABELS[r.engine]} | ${r.scope === 'r5' ? 'R5 alone' : 'R1-R8 (11 counts)'} | ${r.events.toLocaleString('en-US')} x ${r.ns.length} | ` +
      `**${nsText(r.median)}** | ${nsText(lo)}..${nsText(hi)} | ${fmt(r.median / floor[r.scope], 2)} | \`${r.fp}\` |`)
  }
  return rows.join('\n')
}

function targetTable (results) {
  const get = (engine, scope = 'all') => results.find(r => r.engine === engine && r.scope === scope).median
  const jit = get('writ-jit')
  const rows = [
    ['Writ JIT / C++ floor', jit / get('cpp-floor'), '<= 2x', v => v <= 2],
    ['cel-js / Writ JIT', get('cel-js') / jit, '>= 100x', v => v >= 100],
    ['cedar-wasm preparsed, R5 / Writ JIT, R5 alone', get('cedar-stateful', 'r5') / get('writ-jit', 'r5'), '>= 1,000x', v => v >= 1000],
    ['cedar-wasm plain, R5 / Writ JIT, R5 alone', get('cedar', 'r5') / get('writ-jit', 'r5'), '>= 1,000x', v => v >= 1000],
    ['cedar-wasm preparsed, R5 / Writ JIT per decision (all rules / 11)', get('cedar-stateful', 'r5') / (jit / 11), '>= 1,000x', v => v >= 1000],
    ['Writ interpreter / Writ JIT', get('writ-interp') / jit, '>= 10x', v => v >= 10]
  ]
  return ['| ratio | measured | target | |', '|---|---|---|---|',
    ...rows.map(([name, v, target, ok]) => `| ${name} | **${fmt(v, 2)}x** | ${target} | ${ok(v) ? 'met' : `missed (${fmt(v, 2)}x)`} |`)].join('\n')
}

function replayTable (plain, audited, events) {
  const row = (name, runs) => {
    const wall = median(runs.map(r => r.wall))
    const cpu = median(runs.map(r => r.cpu))
    return `| ${name} | ${events.toLocaleString('en-US')} x ${runs.length} | ${fmt(wall, 2)} s | ${fmt(cpu, 2)} s | ` +
      `**${Math.round(events / cpu).toLocaleString('en-US')}** | ${Math.round(events / wall).toLocaleString('en-US')} | ${nsText(cpu * 1e9 / events)} |`
  }
  return ['| `writ replay` (JIT) | events x runs | wall, median | CPU, median | events/s (CPU) | events/s (wall) | CPU per event |',
    '|---|---|---|---|---|---|---|', row('decisions to /dev/null, no audit', plain), row('with the SQLite audit trail on disk', audited)].join('\n')
}

function incidentTable (steps) {
  return ['| incident numbers drawn from | open incidents at the end | CPU, median | events/s (CPU) | CPU per event |', '|---|---|---|---|---|',
    ...steps.map(s => `| 1..${s.k.toLocaleString('en-US')} | ${s.open.toLocaleString('en-US')} | ${fmt(s.cpu, 2)} s | ` +
      `**${Math.round(200000 / s.cpu).toLocaleString('en-US')}** | ${nsText(s.cpu * 1e9 / 200000)} |`)].join('\n')
}

function rulesTable (curve) {
  return ['| rules in the policy | rule conditions per event (each runs its type\'s) | rules fired per pass | JIT ns/event | interpreter ns/event | interpreter / JIT |',
    '|---|---|---|---|---|---|',
    ...curve.map(c => `| ${c.rules.toLocaleString('en-US')} | ${fmt(c.rules / 4, 1)} | ${c.fired.toLocaleString('en-US')} | **${fmt(c.jit_ns)}** | ${fmt(c.interp_ns)} | ${fmt(c.interp_ns / c.jit_ns, 1)}x |`)].join('\n')
}

function compileTable (curve) {
  return ['| rules | policy size | parse + check | plan + JIT | plan alone (interpreter) | total with the JIT |', '|---|---|---|---|---|---|',
    ...curve.map(c => `| ${c.rules.toLocaleString('en-US')} | ${fmt(c.bytes / 1024, 1)} KiB | ${fmt(c.front_ms, 2)} ms | ${fmt(c.jit_ms, 2)} ms | ` +
      `${fmt(c.plan_ms, 2)} ms | **${fmt(c.front_ms + c.jit_ms, 2)} ms** |`)].join('\n')
}

function writeSvgs (rules, incidents, compile) {
  writeFileSync(join(ROOT, 'bench/peers_rules.svg'), lineChart({
    title: 'Per-event cost vs rules in the policy', xLabel: 'rules (generated; a quarter run per event)', yLabel: 'ns per event (CPU)',
    logX: true, logY: true,
    series: [{name: 'Writ JIT', points: rules.map(c => [c.rules, c.jit_ns])}, {name: 'interpreter', points: rules.map(c => [c.rules, c.interp_ns])}]
  }))
  writeFileSync(join(ROOT, 'bench/peers_incidents.svg'), lineChart({
    title: 'writ replay throughput vs open incidents', xLabel: 'open incidents', yLabel: 'events per second (CPU)', logX: true,
    series: [{name: 'replay, no audit', points: incidents.map(s => [s.open, 200000 / s.cpu])}]
  }))
  writeFileSync(join(ROOT, 'bench/peers_compile.svg'), lineChart({
    title: 'Compile time vs policy size', xLabel: 'rules', yLabel: 'ms (CPU)', logX: true, logY: true,
    series: [{name: 'parse + check', points: compile.map(c => [c.rules, c.front_ms])},
      {name: 'plan + JIT', points: compile.map(c => [c.rules, c.jit_ms])},
      {name: 'plan alone', points: compile.map(c => [c.rules, c.plan_ms])}]
  }))
}

function section (v, t) {
  return `<!-- peers:begin: written by \`make bench\` (bench/peers/run_bench.js); edit the generator, not this text -->
## Peers: the same governance rule set in every engine (${v.date.slice(0, 10)})

Measured ${v.date} by \`node bench/peers/run_bench.js\` (the peer step of \`make bench\`) at commit ${v.commit}: \`nproc\` = ${v.nproc}, ${v.cpu}, ${v.os}, ${v.gcc}; Node.js ${v.node},
@marcbachmann/cel-js ${v.cel}, json-rules-engine ${v.jre}, @cedar-policy/cedar-wasm ${v.cedar}. Load average at the end: ${v.load}
(the cores are shared with other engineers' builds). All times are CPU time of the process (C++: \`CLOCK_PROCESS_CPUTIME_ID\`,
Node.js: \`process.cpuUsage()\`), so other processes' turns are not counted.

The workload is /work/shared/bench/PEER_WORKLOAD.md's: 200,000 seeded events (md5 of the peers' file
\`${EXPECTED_MD5}\`), the 8 rules R1-R8, 11 counts whose fp must be \`28d36e60\` (R5 alone: \`65ebbc85\`) in every
engine, or the run fails. The rule set in Writ is \`bench/peers/governance.writ\`; every engine times its evaluation
loop only (events decoded or interned, policies parsed and compiled, engines built before it) and counts its decisions
inside the loop. Writ runs each event's screen, admit and apply routines through the compiled Plan, as the runtime calls
them (\`bench/peers/writ_engine.cpp\`). The slow engines (json-rules-engine, cedar-wasm) make one checked pass over
all 200,000 events, then are timed on the first ${SLOW_SAMPLE.toLocaleString('en-US')}; the others are timed on every event.

### Evaluation loop, per event

${t.engines}

### Targets

${t.targets}

### End to end: \`writ replay\`

The same events as Writ JSON lines (the role as \`actor.role\`, \`at\` one second apart), through
\`writ replay --engine jit\`: decoding, the engine, the decisions as JSON lines. Every line must be accepted, and one
untimed run must print the ${t.denied.toLocaleString('en-US')} denials the rule set implies (R5 and R7). Median of ${REPLAY_RUNS} runs; times of the whole process (bash \`time\`),
compile included.

${t.replay}

### Scaling: replay throughput vs open incidents

The same generator with incident numbers drawn from 1..K (200,000 events each); the policy never closes an incident,
so every incident seen stays open. \`writ replay\`, no audit, median of ${REPLAY_RUNS} runs. Plot: [peers_incidents.svg](peers_incidents.svg).

${t.incidents}

### Scaling: per-event cost vs rule count

Generated policies (\`bench/peers/rule_scaling.cpp\`): the four event schemas and N rules spread over them, four
condition shapes with varied constants, each rule a \`set\`; 50,000 events, every routine of each event run, median of
${QUICK ? 1 : 3} passes; the JIT and the interpreter must count the same firings. Plot: [peers_rules.svg](peers_rules.svg).

${t.rules}

### Scaling: compile time vs policy size

The same generated policies, compiled fresh (median of ${QUICK ? 1 : 3}). Plot: [peers_compile.svg](peers_compile.svg).

${t.compile}

Rerun: \`make bench\` (all of the above; about ${t.minutes} minutes here), or \`node bench/peers/run_bench.js\` after a build.
<!-- peers:end -->`
}

function writeResults (text) {
  const file = join(ROOT, 'bench/RESULTS.md')
  const old = readFileSync(file, 'utf8')
  const begin = old.indexOf('<!-- peers:begin')
  const end = old.indexOf('<!-- peers:end -->')
  const updated = begin >= 0 && end > begin
    ? old.slice(0, begin) + text + old.slice(end + '<!-- peers:end -->'.length)
    : old.trimEnd() + '\n\n' + text + '\n'
  writeFileSync(file, updated)
}

async function main () {
  const started = Date.now()
  mkdirSync(OUT, {recursive: true})
  const eventsFile = join(OUT, 'events.jsonl')
  const writFile = join(OUT, 'events.writ.jsonl')
  generate(eventsFile, writFile, 20000)
  const md5 = createHash('md5').update(readFileSync(eventsFile)).digest('hex')
  if (md5 !== EXPECTED_MD5) throw new Error(`the events file's md5 is ${md5}, not ${EXPECTED_MD5}`)

  const results = cppEngines()
  results.push(jsEngine(eventsFile, 'js', RUNS))
  results.push(jsEngine(eventsFile, 'cel-js', RUNS))
  results.push(jsEngine(eventsFile, 'json-rules-engine', SLOW_RUNS, SLOW_SAMPLE))
  results.push(jsEngine(eventsFile, 'cedar-stateful', SLOW_RUNS, SLOW_SAMPLE))
  results.push(jsEngine(eventsFile, 'cedar', SLOW_RUNS, SLOW_SAMPLE))
  for (const r of results) {
    const expected = r.scope === 'r5' ? '65ebbc85' : '28d36e60'
    if (r.fp !== expected) throw new Error(`${r.engine}: fp ${r.fp}, expected ${expected}`)
  }

  log(`writ replay: ${REPLAY_RUNS} runs without and with the audit trail`)
  const denied = expectedDenied(eventsFile)
  checkDenials(writFile, denied)
  const plain = replaySeries(writFile, null)
  const audited = replaySeries(writFile, join(OUT, 'trail.sqlite'))

  const incidents = []
  for (const k of INCIDENT_STEPS) {
    log(`writ replay over incidents 1..${k}`)
    const file = join(OUT, `events-${k}.writ.jsonl`)
    const {incidents: open} = generate(null, file, k)
    incidents.push({k, open, cpu: median(replaySeries(file, null).map(r => r.cpu))})
    rmSync(file)
  }

  log('scaling: rule count and compile time')
  const curves = jsonLines(run(join(BIN, 'peer_bench'), ['scaling', '--events', QUICK ? '5000' : '50000', '--runs', QUICK ? '1' : '3'],
    'peer_bench scaling').stdout)
  const rules = curves.filter(c => c.curve === 'rules')
  const compile = curves.filter(c => c.curve === 'compile')

  const t = {
    engines: engineTable(results), targets: targetTable(results), replay: replayTable(plain, audited, 200000),
    incidents: incidentTable(incidents), rules: rulesTable(rules), compile: compileTable(compile), denied,
    minutes: Math.ceil((Date.now() - started) / 60000)
  }
  const text = section(versions(), t)
  if (QUICK) {
    process.stdout.write(text + '\n')
    log('--quick: RESULTS.md and the plots are left as they are')
    return
  }
  writeSvgs(rules, incidents, compile)
  writeResults(text)
  process.stdout.write(text + '\n')
  log(`wrote bench/RESULTS.md and bench/peers_*.svg in ${Math.round((Date.now() - started) / 1000)} s`)
}

main().catch(e => { console.error(`bench/peers: ${e.message}`); process.exit(1) })
