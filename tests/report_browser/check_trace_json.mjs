// The trace-event JSON of `ringside run --trace DIR`, for every scenario of the suite, as a
// browser reads it: V8's JSON.parse (Chromium's parser; the C++ test in
// tests/runner/report_files_test.cpp checks one file with the project's own validator), then
// read the way Perfetto's JSON importer reads it: a traceEvents array; "X" slices with integer
// ts/dur in microseconds that never overlap on their thread (Perfetto nests slices per thread
// and drops ones that cross); "i" instants with a scope; every thread named by an "M" record.
// The ring track and the instants are checked against the raw JSON-lines trace of the same
// run, so a slice that is missing, extra or out of order fails.
//
// usage: node check_trace_json.mjs --ringside BIN --source DIR --out DIR
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const RUN_MS = 120_000;
// The records that become tracks (reports/signal_timeline.cpp); every other record is an instant.
const isState = (r) => r.category === 'power' || (r.category === 'device' && r.event === 'state') ||
  (r.category === 'auth' && r.event === 'state') || (r.category === 'ring' && r.event === 'pattern') ||
  (r.category === 'button' && (r.event === 'down' || r.event === 'up'));

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['ringside', 'source', 'out'])
    if (!a[k]) throw new Error(`missing --${k}; usage: node check_trace_json.mjs --ringside BIN --source DIR --out DIR`);
  return a;
}

// The ring pattern a viewer should see, read independently from the raw records: the last
// value of an instant wins, power off darkens the ring, and a repeat is no change.
function expectedRing(records) {
  const changes = [];
  const set = (at, value) => {
    if (changes.length && changes[changes.length - 1].at === at) changes.pop();
    if (changes.length && changes[changes.length - 1].value === value) return;
    changes.push({ at, value });
  };
  for (const r of records) {
    if (r.category === 'ring' && r.event === 'pattern') set(r.t_ms, r.detail);
    if (r.category === 'power' && r.event === 'off') set(r.t_ms, 'off');
  }
  return changes;
}

function checkFile(file, problems) {
  const where = path.basename(file);
  const bad = (msg) => problems.push(`${where}: ${msg}`);
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    bad(`JSON.parse: ${e.message}`);
    return null;
  }
  if (!doc || !Array.isArray(doc.traceEvents)) { bad('no traceEvents array'); return null; }
  if (doc.displayTimeUnit !== undefined && !['ms', 'ns'].includes(doc.displayTimeUnit))
    bad(`displayTimeUnit '${doc.displayTimeUnit}'`);
  const threads = new Map();  // tid -> name
  const slices = new Map();   // tid -> X events
  const instants = [];
  let processName = null;
  const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
  for (const [i, e] of doc.traceEvents.entries()) {
    const at = `event ${i} (${JSON.stringify(e).slice(0, 120)})`;
    if (typeof e.name !== 'string' || e.name === '') { bad(`${at}: no name`); continue; }
    if (e.pid !== 1) bad(`${at}: pid ${e.pid}`);
    if (e.ph === 'M') {
      if (e.name === 'process_name') processName = e.args?.name;
      else if (e.name === 'thread_name' && isCount(e.tid) && typeof e.args?.name === 'string') threads.set(e.tid, e.args.name);
      else bad(`${at}: unknown metadata`);
    } else if (e.ph === 'X') {
      if (!isCount(e.ts) || !isCount(e.dur) || !isCount(e.tid)) { bad(`${at}: ts/dur/tid not non-negative integers`); continue; }
      if (typeof e.cat !== 'string') bad(`${at}: no cat`);
      if (!slices.has(e.tid)) slices.set(e.tid, []);
      slices.get(e.tid).push(e);
    } else if (e.ph === 'i') {
      if (!isCount(e.ts) || !isCount(e.tid)) { bad(`${at}: ts/tid not non-negative integers`); continue; }
      if (!['t', 'p', 'g'].includes(e.s)) bad(`${at}: instant scope '${e.s}'`);
      instants.push(e);
    } else {
      bad(`${at}: phase '${e.ph}'`);
    }
  }
  if (typeof processName !== 'string' || processName === '') bad('no process_name');
  const ends = new Set();
  for (const [tid, list] of slices) {
    if (!threads.has(tid)) bad(`slices on tid ${tid}, which no thread_name names`);
    list.sort((x, y) => x.ts - y.ts);
    for (let k = 1; k < list.length; ++k) {
      const prev = list[k - 1], cur = list[k];
      if (prev.ts + prev.dur > cur.ts) bad(`${threads.get(tid)}: '${prev.name}' (${prev.ts}+${prev.dur}) overlaps '${cur.name}' at ${cur.ts}`);
      if (prev.ts + prev.dur < cur.ts) bad(`${threads.get(tid)}: gap before '${cur.name}' at ${cur.ts}`);
      if (prev.name === cur.name) bad(`${threads.get(tid)}: '${cur.name}' at ${cur.ts} repeats the slice before it`);
    }
    const last = list[list.length - 1];
    ends.add(last.ts + last.dur);
  }
  if (ends.size > 1) bad(`the tracks end at different times: ${[...ends].join(', ')} us`);
  for (const e of instants) if (!threads.has(e.tid)) bad(`instant '${e.name}' on unnamed tid ${e.tid}`);
  return { threads, slices, instants, end: ends.size ? [...ends][0] : 0 };
}

function main() {
  const a = args();
  const out = path.resolve(a.out);
  fs.rmSync(out, { recursive: true, force: true });
  const run = spawnSync(a.ringside, ['run', 'scenarios', '--trace', out], { cwd: a.source, encoding: 'utf8', timeout: RUN_MS });
  if (run.error) throw new Error(`ringside run: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`ringside run scenarios --trace exited ${run.status}:\n${run.stdout}${run.stderr}`);
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.trace.json')).sort();
  const scenarioCount = (function count(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, d) =>
      n + (d.isDirectory() ? count(path.join(dir, d.name)) : d.name.endsWith('.yaml') ? 1 : 0), 0);
  })(path.join(a.source, 'scenarios'));
  const problems = [];
  if (files.length !== scenarioCount) problems.push(`${files.length} trace-event files for ${scenarioCount} scenarios`);
  let slicesTotal = 0, instantsTotal = 0, ringSlices = 0;
  const ringNames = new Set();
  for (const f of files) {
    const trace = checkFile(path.join(out, f), problems);
    if (!trace) continue;
    const base = f.replace(/\.trace\.json$/, '');
    const records = fs.readFileSync(path.join(out, `${base}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    // Instants: one per record that is not a state change, at its time.
    const wantInstants = records.filter((r) => !isState(r));
    if (wantInstants.length !== trace.instants.length)
      problems.push(`${f}: ${trace.instants.length} instants for ${wantInstants.length} event records in ${base}.jsonl`);
    else wantInstants.forEach((r, k) => {
      const e = trace.instants[k];
      if (e.ts !== r.t_ms * 1000 || e.cat !== r.category || !e.name.startsWith(`${r.category} ${r.event}`))
        problems.push(`${f}: instant ${k} '${e.name}' at ${e.ts} us is not '${r.category} ${r.event}' at ${r.t_ms} ms`);
    });
    // The ring track: the patterns of the raw trace, in order, each from its instant.
    const ringTid = [...trace.threads].find(([, name]) => name === 'ring')?.[0];
    const ring = trace.slices.get(ringTid) || [];
    const want = expectedRing(records);
    const got = ring.map((s) => `${s.name}@${s.ts / 1000}`).join(' ');
    const expected = want.map((c) => `${c.value}@${c.at}`).join(' ');
    if (got !== expected) problems.push(`${f}: ring slices ${got || '(none)'}; the raw trace says ${expected || '(none)'}`);
    slicesTotal += [...trace.slices.values()].reduce((n, l) => n + l.length, 0);
    instantsTotal += trace.instants.length;
    ringSlices += ring.length;
    for (const s of ring) ringNames.add(s.name);
  }
  // The suite drives the ring through its everyday patterns; they all reach the file.
  for (const p of ['booting', 'setup', 'authorizing', 'off', 'listening', 'mic_off', 'wifi_error'])
    if (!ringNames.has(p)) problems.push(`no ring slice '${p}' anywhere in the suite`);
  console.log(`${files.length} trace-event files in ${out}: ${slicesTotal} slices (${ringSlices} on the ring), ${instantsTotal} instants`);
  console.log(`ring patterns: ${[...ringNames].join(', ')}`);
  if (problems.length) {
    console.error(`FAIL: ${problems.length} problem(s) with the trace-event JSON:`);
    for (const p of problems.slice(0, 40)) console.error(`  - ${p}`);
    return 1;
  }
  console.log('PASS: every trace-event JSON parses in V8 and holds the slices and instants of its raw trace');
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
}
