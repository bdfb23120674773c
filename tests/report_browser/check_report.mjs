// The HTML report as a person gets it: `ringside run ... --html` writes it, headless
// Chromium (Debian's, driven by playwright-core) opens it from disk, and this script fails
// when the page logs an error, throws, fails a load, or asks for anything but itself (the
// report is self-contained: no request may leave the file), when its layout overflows, and
// when the screenshot's pixels do not show each scenario's ring-pattern strip in the
// report's colours (orange for setup, ...) in the order the trace had them.
//
// usage: node check_report.mjs --ringside BIN --source DIR --node-dir DIR --out DIR [--chromium PATH]
//   --node-dir: where playwright-core is installed (install_playwright.sh); --out: where the
//   report, its screenshot (report.png) and the profile live. RINGSIDE_CHROMIUM overrides the
//   browser. Every wait is bounded; the whole check gives up after WATCHDOG_MS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { decodePng, pixelAt } from './png_decode.mjs';

// Generous for a loaded 2-core machine (the rest of ctest -j2 runs beside it), but bounded.
const WATCHDOG_MS = 240_000;
const LAUNCH_MS = 90_000;
const LOAD_MS = 60_000;
const RUN_MS = 120_000;

// The scenarios of the report: sign-in (booting, setup, authorizing, off), mic mute (red),
// a Wi-Fi problem (purple), and the one that fails on purpose so the failure section is there.
const SCENARIOS = [
  'scenarios/sign_in/first_time_setup_and_sign_in.yaml',
  'scenarios/voice/mic_mute_sends_no_audio.yaml',
  'scenarios/setup/unknown_network_tells_app_not_found.yaml',
  'tests/data/failing/linked_within_1s.yaml',
];
const FAILING = 'tests/data/failing/linked_within_1s.yaml';

// The report's palette (reports/html_report.cpp): what each pattern looks like in a strip.
const PALETTE = {
  off: '#2b2b2b', booting: '#1f4fd8', setup: '#ff8c00', authorizing: '#ffb347', listening: '#1e90ff',
  thinking: '#00bcd4', speaking: '#26c6da', mic_off: '#e00000', error: '#b00020', wifi_error: '#8e24aa',
  volume: '#f5f5f5', signed_out: '#d84315',
};

const watchdog = setTimeout(() => {
  console.error(`error: the browser check did not finish within ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS);

function args() {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const k of ['ringside', 'source', 'node-dir', 'out'])
    if (!a[k]) throw new Error(`missing --${k}; usage: node check_report.mjs --ringside BIN --source DIR --node-dir DIR --out DIR`);
  return a;
}

// An explicit browser (--chromium, RINGSIDE_CHROMIUM) is used or fails; no quiet fallback.
function findChromium(given) {
  const chosen = given || process.env.RINGSIDE_CHROMIUM;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`no Chromium at ${chosen} (from ${given ? '--chromium' : 'RINGSIDE_CHROMIUM'})`);
    return chosen;
  }
  for (const c of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (fs.existsSync(c)) return c;
  throw new Error('no Chromium found (tried /usr/bin/chromium, /usr/bin/chromium-browser; RINGSIDE_CHROMIUM names another): ' +
                  'scripts/setup installs Debian\'s chromium');
}

function loadPlaywright(nodeDir) {
  try {
    return createRequire(path.join(path.resolve(nodeDir), 'package.json'))('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is not installed under ${nodeDir} (${e.code || e.message}); ` +
                    'the CTest fixture report_browser.install installs it from the npm registry');
  }
}

function hex(rgb) { return '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join(''); }
function rgbOf(hexColour) { return [1, 3, 5].map((i) => parseInt(hexColour.slice(i, i + 2), 16)); }
function close(a, b, tolerance = 3) { return a.every((v, i) => Math.abs(v - b[i]) <= tolerance); }
function cssRgb(css) {  // "rgb(255, 140, 0)" -> [255, 140, 0]
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
function patternOfPixel(rgb) {
  for (const [name, colour] of Object.entries(PALETTE)) if (close(rgb, rgbOf(colour))) return name;
  return null;
}

async function main() {
  const a = args();
  const chromiumPath = findChromium(a.chromium);
  const { chromium } = loadPlaywright(a['node-dir']);
  fs.mkdirSync(a.out, { recursive: true });
  const reportFile = path.resolve(a.out, 'report.html');
  const screenshotFile = path.resolve(a.out, 'report.png');
  fs.rmSync(reportFile, { force: true });
  fs.rmSync(screenshotFile, { force: true });

  const run = spawnSync(a.ringside, ['run', ...SCENARIOS, '--html', reportFile], {
    cwd: a.source, encoding: 'utf8', timeout: RUN_MS,
  });
  if (run.error) throw new Error(`ringside run: ${run.error.message}`);
  // Exit 1: the run itself worked and exactly the deliberate failure failed.
  if (run.status !== 1) throw new Error(`ringside run exited ${run.status} (expected 1):\n${run.stdout}${run.stderr}`);
  const reportBytes = fs.statSync(reportFile).size;

  const problems = [];
  const requests = [];
  const profile = fs.mkdtempSync(path.join(a.out, 'profile-'));
  const reportUrl = pathToFileURL(reportFile).href;
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      chromiumSandbox: false,
      timeout: LAUNCH_MS,
      // Without the background-networking flags Chromium reaches for Google's services and
      // this machine's closed network refuses them; none of that belongs in a report check.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      offline: true,  // belt and braces: even a request that slipped through could not leave
    });
    context.setDefaultTimeout(LOAD_MS);
    // Anything but the report itself is a failure, and is aborted before it goes anywhere.
    await context.route((url) => url.href !== reportUrl, (route) => {
      problems.push(`request for ${route.request().url()} (the report must be self-contained)`);
      return route.abort();
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => problems.push(`failed load: ${r.url()} (${r.failure()?.errorText})`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'assert') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // The browser's own log (blocked loads, CSP and security reports) does not all reach the
    // console event; the DevTools Log domain hears it.
    const cdp = await context.newCDPSession(page);
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (entry.level === 'error') problems.push(`browser log error (${entry.source}): ${entry.text} ${entry.url || ''}`);
    });
    await cdp.send('Log.enable');

    const response = await page.goto(reportUrl, { waitUntil: 'load', timeout: LOAD_MS });
    if (!response || !response.ok()) problems.push(`the report did not load: ${response ? response.status() : 'no response'}`);
    await page.evaluate(() => document.fonts.ready);

    const layout = await page.evaluate(() => {
      const box = (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
      };
      return {
        title: document.title,
        summary: document.querySelector('.summary')?.textContent ?? '',
        viewportWidth: document.documentElement.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
        sections: [...document.querySelectorAll('section')].map((s) => ({
          name: s.querySelector('h2')?.textContent ?? '',
          meta: s.querySelector('.meta')?.textContent ?? '',
          failure: s.querySelector('pre.failure') ? {
            text: s.querySelector('pre.failure').textContent,
            visible: s.querySelector('pre.failure').checkVisibility(),
            box: box(s.querySelector('pre.failure')),
          } : null,
          strip: s.querySelector('.strip') ? {
            box: box(s.querySelector('.strip')),
            segments: [...s.querySelectorAll('.strip > div')].map((d) => ({
              title: d.title, background: getComputedStyle(d).backgroundColor, box: box(d),
            })),
          } : null,
          // What a person reads under the strip: the lanes, the legend, the step log's
          // virtual timestamps, and whether the journal is open.
          lanes: [...s.querySelectorAll('.lane-name')].map((d) => d.textContent),
          legend: [...s.querySelectorAll('.legend span')].map((d) => d.textContent),
          stepTimes: [...s.querySelectorAll('h3 + table tr')].slice(1).map((tr) => tr.cells[0]?.textContent ?? ''),
          stepsVisible: s.querySelector('h3 + table')?.checkVisibility() ?? false,
          journalOpen: s.querySelector('details')?.open ?? false,
          id: s.id,
        })),
        // The overview: one linked row per scenario, failures first.
        overview: [...document.querySelectorAll('table.overview tr')].slice(1).map((tr) => ({
          result: tr.cells[0]?.textContent ?? '', href: tr.querySelector('a')?.getAttribute('href') ?? '',
        })),
      };
    });
    await page.screenshot({ path: screenshotFile, fullPage: true, timeout: LOAD_MS });

    // What the DOM says.
    if (layout.title !== 'Ringside report') problems.push(`title is '${layout.title}'`);
    if (!layout.summary.includes(`${SCENARIOS.length} scenarios`) || !layout.summary.includes('1 failed'))
      problems.push(`summary reads '${layout.summary}'`);
    if (layout.scrollWidth > layout.viewportWidth)
      problems.push(`the page is ${layout.scrollWidth} px wide in a ${layout.viewportWidth} px window (horizontal overflow)`);
    if (layout.sections.length !== SCENARIOS.length) problems.push(`${layout.sections.length} scenario sections`);
    const failing = layout.sections.filter((s) => s.failure);
    if (failing.length !== 1 || !failing[0].meta.includes(FAILING)) {
      problems.push(`failure sections: ${failing.map((s) => s.meta).join('; ') || 'none'}`);
    } else if (!failing[0].failure.visible || failing[0].failure.box.height < 20 ||
               !/repro: .*run tests\/data\/failing\/linked_within_1s\.yaml --seed 42/.test(failing[0].failure.text)) {
      problems.push(`the failure section is not shown with its repro line: ${JSON.stringify(failing[0].failure)}`);
    }

    if (layout.overview.length !== SCENARIOS.length || layout.overview[0]?.result !== 'FAIL')
      problems.push(`the overview lists ${JSON.stringify(layout.overview)} (one row per scenario, the failure first)`);
    const ids = new Set(layout.sections.map((s) => `#${s.id}`));
    for (const row of layout.overview) if (!ids.has(row.href)) problems.push(`overview link '${row.href}' leads nowhere`);
    const stamp = /^\d\d:\d\d:\d\d\.\d\d\d$/;
    for (const s of layout.sections) {
      if (!s.lanes.includes('ring') || !s.lanes.includes('device')) problems.push(`'${s.name}' has lanes ${s.lanes.join(', ')}`);
      if (!s.stepsVisible || s.stepTimes.length < 3 || !s.stepTimes.every((t) => stamp.test(t)))
        problems.push(`'${s.name}': step log not shown with virtual timestamps (${s.stepTimes.slice(0, 3).join(', ')})`);
      const patterns = new Set(s.strip?.segments.map((g) => g.title.split(' ')[0]) ?? []);
      if (s.legend.length !== patterns.size || !s.legend.every((l) => patterns.has(l)))
        problems.push(`'${s.name}': legend ${s.legend.join(', ')} for a strip of ${[...patterns].join(', ')}`);
      if (s.journalOpen !== Boolean(s.failure)) problems.push(`'${s.name}': journal ${s.journalOpen ? 'open' : 'closed'}`);
    }

    // What the screenshot shows.
    const image = decodePng(fs.readFileSync(screenshotFile));
    const seenPatterns = new Set();
    for (const section of layout.sections) {
      const where = `strip of '${section.name}'`;
      if (!section.strip) { problems.push(`no ${where}`); continue; }
      const { box, segments } = section.strip;
      if (box.height < 10 || box.width < layout.viewportWidth / 2) problems.push(`${where} is ${box.width}x${box.height} px`);
      const total = segments.reduce((sum, s) => sum + s.box.width, 0);
      if (Math.abs(total - (box.width - 2)) > 2) problems.push(`${where}: segments span ${total} px of ${box.width}`);
      if (box.x + box.width > image.width || box.y + box.height > image.height) {
        problems.push(`${where} lies outside the ${image.width}x${image.height} screenshot`);
        continue;
      }
      const row = Math.round(box.y + box.height / 2);
      for (const seg of segments) {
        const pattern = seg.title.split(' ')[0];
        const want = PALETTE[pattern];
        if (!want) { problems.push(`${where}: unknown pattern '${seg.title}'`); continue; }
        // The palette is the report's contract with its readers: orange is setup, and so on.
        const css = cssRgb(seg.background);
        if (!css || !close(css, rgbOf(want), 0)) problems.push(`${where}: '${pattern}' is drawn ${seg.background}, not ${want}`);
        // Sub-pixel slivers blend with their neighbours; a segment a person can see must show
        // its colour across its width, in the pixels of the PNG.
        if (seg.box.width < 6) continue;
        for (const f of [0.25, 0.5, 0.75]) {
          const x = Math.round(seg.box.x + seg.box.width * f);
          const got = pixelAt(image, x, row);
          if (!close(got, rgbOf(want))) problems.push(`${where}: pixel (${x}, ${row}) of '${seg.title}' is ${hex(got)}, not ${want}`);
        }
        seenPatterns.add(pattern);
      }
      // Read back left to right, the strip's pixels give the patterns in the trace's order.
      const observed = [];
      for (let x = Math.ceil(box.x) + 2; x < Math.floor(box.x + box.width) - 2; ++x) {
        const p = patternOfPixel(pixelAt(image, x, row));
        if (p && observed[observed.length - 1] !== p) observed.push(p);
      }
      const expected = [];
      for (const seg of segments) {
        const p = seg.title.split(' ')[0];
        if (seg.box.width >= 6 && expected[expected.length - 1] !== p) expected.push(p);
      }
      let i = 0;  // expected must appear in order within observed (slivers may add between)
      for (const p of observed) if (p === expected[i]) ++i;
      if (i !== expected.length) problems.push(`${where}: pixels read ${observed.join(' > ')}, the trace says ${expected.join(' > ')}`);
    }
    // The suite shows the patterns these scenarios are chosen for, orange setup first of all.
    for (const p of ['setup', 'authorizing', 'booting', 'mic_off', 'wifi_error'])
      if (!seenPatterns.has(p)) problems.push(`no '${p}' (${PALETTE[p]}) segment shows in any strip`);
    const failingStrip = failing[0]?.strip;
    if (failingStrip && !failingStrip.segments.some((s) => s.title.startsWith('setup ') && s.box.width >= 6))
      problems.push('the failing scenario\'s strip shows no setup segment');

    // The page asked for nothing but itself.
    const others = requests.filter((u) => u !== reportUrl);
    if (others.length) problems.push(`requests besides the report: ${others.join(', ')}`);
    if (!requests.includes(reportUrl)) problems.push('the report itself was never requested (did the page load?)');

    console.log(`report: ${reportFile} (${reportBytes} bytes, ${SCENARIOS.length} scenarios)`);
    console.log(`screenshot: ${screenshotFile} (${image.width}x${image.height})`);
    console.log(`requests: ${requests.length} (${requests.join(', ')})`);
    console.log(`patterns seen in the strips' pixels: ${[...seenPatterns].join(', ')}`);
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`FAIL: ${problems.length} problem(s) with the report in Chromium:`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  console.log('PASS: the report opens in Chromium without errors or requests, and its strips show the ring timeline');
  return 0;
}

main().then((code) => { clearTimeout(watchdog); process.exit(code); }, (e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
