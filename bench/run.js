// The speed and memory targets, measured on the built app (`npm run bench`
// builds first). Each figure is printed beside its target with PASS or MISS;
// the run exits 1 when any target is missed or could not be measured.
//
// Times are compared with `node -e 0` measured in the same run, interleaved
// run by run, so load on the machine slows both sides alike: the figure is
// the median of the per-run ratios, after untimed warm-up runs, with the
// middle half of the runs (25th to 75th percentile) as the spread.
//
//   node bench/run.js [--quick]     --quick: fewer runs, for a first look
import {spawnSync} from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {build} from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const packageJson = JSON.parse(
	readFileSync(path.join(root, 'package.json'), 'utf8'),
);
// The command as installed: package.json's bin.
const cli = path.join(root, packageJson.bin['k2-exchange-setup']);
const work = mkdtempSync(path.join(os.tmpdir(), 'k2-bench-'));
// The app keeps its compiled code here (see source/code-cache.ts).
const cacheHome = path.join(work, 'cache');
const quick = process.argv.includes('--quick');
const warmUps = quick ? 1 : 3;
const runs = quick ? 7 : 21;
const frameRuns = quick ? 5 : 15;
const coldRuns = quick ? 3 : 7;
const detectionRuns = quick ? 2 : 5;
const largeRuns = quick ? 1 : 3;
const firstFrameText = 'Use Exchange for mail integration';

/** The test helpers and the core, compiled for plain node. */
async function compile() {
	const outdir = path.join(root, 'build', 'bench');
	const helpers = await compileModule(outdir, 'helpers', [
		"export * from './test/helpers/pty.ts';",
		"export * from './test/helpers/processes.ts';",
	]);
	const core = await compileModule(outdir, 'core', [
		"export {runDetection} from './source/detection/run.ts';",
		"export {createSimulatedEnvironment} from './source/environment/simulated/index.ts';",
		"export {loadScenario} from './source/environment/scenarios.ts';",
	]);
	const large = await compileModule(outdir, 'large', [
		"export {makeLargeScenario} from './source/environment/large-scenario.ts';",
	]);
	return {helpers, core, large};
}

/** A piece of the source for plain node, or {error} when it cannot be built. */
async function compileModule(outdir, name, lines) {
	try {
		await build({
			stdin: {
				contents: lines.join('\n'),
				resolveDir: root,
				sourcefile: `${name}.ts`,
			},
			outfile: path.join(outdir, `${name}.js`),
			bundle: true,
			packages: 'external',
			platform: 'node',
			format: 'esm',
			target: 'node20',
			logLevel: 'silent',
		});
		return await import(path.join(outdir, `${name}.js`));
	} catch (error) {
		return {error: String(error.message).split('\n').slice(0, 2).join(' ')};
	}
}

// Statistics ----------------------------------------------------------------

function quantile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (sorted.length - 1) * q;
	const below = Math.floor(at);
	const above = Math.ceil(at);
	return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** Median and middle half of a set of runs. */
function summary(values) {
	return {
		median: quantile(values, 0.5),
		low: quantile(values, 0.25),
		high: quantile(values, 0.75),
		count: values.length,
	};
}

const ms = value => `${value.toFixed(0)} ms`;
const times = value => `${value.toFixed(2)}x`;
/** The middle half of the runs, as "low-high unit, n=count". */
const spread = (stats, digits, unit) =>
	`${stats.low.toFixed(digits)}-${stats.high.toFixed(digits)}${unit}, n=${stats.count}`;

// Reporting -----------------------------------------------------------------

const results = [];

/**
One line per target: mark, name, figure, target, then the spread and the
absolute times in brackets.
*/
function record({name, figure, target, ok, note = ''}) {
	results.push({name, ok});
	const mark = ok ? 'PASS' : 'MISS';
	const line = `${mark}  ${name.padEnd(36)} ${figure.padEnd(9)} target ${target.padEnd(22)}`;
	console.log(note ? `${line} (${note})` : line.trimEnd());
}

async function attempt(name, target, measure) {
	try {
		await measure();
	} catch (error) {
		record({
			name,
			figure: 'none',
			target,
			ok: false,
			note: `not measured: ${String(error.message).split('\n')[0]}`,
		});
	}
}

const loadLine = () => {
	const [one, five, fifteen] = os.loadavg();
	return `load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} (1, 5, 15 min) on ${os.availableParallelism()} cores`;
};

// Measurements --------------------------------------------------------------

const timedSpawn = args => {
	const start = performance.now();
	const result = spawnSync(process.execPath, args, {encoding: 'utf8'});
	return {ms: performance.now() - start, result};
};

/**
`--version` against `node -e 0`, run by run in turns. Both are plain
spawns: the bin answers and exits, as `node -e 0` does.
*/
function measureVersion() {
	const bare = ['-e', '0'];
	const version = [cli, '--version'];
	for (let run = 0; run < warmUps; run++) {
		timedSpawn(bare);
		timedSpawn(version);
	}

	const baseline = [];
	const own = [];
	const ratios = [];
	let output = '';
	for (let run = 0; run < runs; run++) {
		const before = timedSpawn(bare).ms;
		const {ms: took, result} = timedSpawn(version);
		baseline.push(before);
		own.push(took);
		ratios.push(took / before);
		output = result.stdout.trim();
	}

	return {
		baseline: summary(baseline),
		version: summary(own),
		ratio: summary(ratios),
		correct: output === packageJson.version,
		output,
	};
}

/**
Which bundled packages a run initialises. Everything is in one bundle, so
what matters is which modules run: esbuild names each module's wrapper
function after its path, and V8's precise coverage (NODE_V8_COVERAGE)
counts every call of every function, so a module that ran has a wrapper
called at least once.
*/
function packagesRunBy(argv) {
	const directory = mkdtempSync(path.join(work, 'coverage-'));
	const result = spawnSync(process.execPath, argv, {
		encoding: 'utf8',
		env: {...process.env, NODE_V8_COVERAGE: directory},
	});
	return {packages: packagesCalledIn(directory), status: result.status};
}

function packagesCalledIn(directory) {
	const packages = new Set();
	for (const name of readdirSync(directory)) {
		const {result} = JSON.parse(
			readFileSync(path.join(directory, name), 'utf8'),
		);
		for (const {functions} of result) {
			for (const {functionName, ranges} of functions) {
				const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(
					functionName,
				);
				if (match && ranges[0].count > 0) {
					packages.add(match[1]);
				}
			}
		}
	}

	return packages;
}

const uiPackages = ['ink', 'react', 'react-reconciler', 'yoga-layout'];

async function measureUiInitialisation(helpers) {
	const found = [];
	for (const args of [['--version'], ['--help']]) {
		const {packages, status} = packagesRunBy([cli, ...args]);
		const loaded = uiPackages.filter(name => packages.has(name));
		found.push({args: args.join(' '), loaded, status});
	}

	// The same reading of the wizard must find Ink, or the check above could
	// not see it either.
	const directory = mkdtempSync(path.join(work, 'coverage-'));
	const terminal = helpers.startApp(app.args, {
		wrap: false,
		program: cli,
		env: {NODE_V8_COVERAGE: directory},
	});
	try {
		await terminal.waitFor(firstFrameText, 30_000);
		await terminal.press(helpers.keys.ctrlC);
		await terminal.exited(15_000);
	} finally {
		terminal.dispose();
	}

	const wizard = packagesCalledIn(directory);
	const missing = uiPackages.filter(name => !wizard.has(name));
	return {found, control: missing};
}

/** Bare node in a pseudo-terminal: `node -e 0`, as startApp's program. */
const bareNode = {program: '-e', args: ['0']};
const app = {program: cli, args: ['--simulate', 'contoso-2019']};

/**
Milliseconds from spawning a program in a pseudo-terminal until the emulated
screen shows `text`, or, without text, until the process has exited.
*/
async function timeInTerminal(helpers, {program, args}, text, lingerMs = 0) {
	const start = performance.now();
	const terminal = helpers.startApp(args, {
		wrap: false,
		program,
		env: {XDG_CACHE_HOME: cacheHome},
	});
	try {
		if (text === undefined) {
			await terminal.exited(15_000);
			return performance.now() - start;
		}

		// The arrival time of the output that first put the text on screen.
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			const at = await terminal.nextScreenChange(15_000);
			if (terminal.screen().includes(text)) {
				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => {
					setTimeout(resolve, lingerMs);
				});
				return at - start;
			}
		}
	} finally {
		terminal.dispose();
	}
}

/**
The first interactive frame (spawn to the Exchange page on screen) against
`node -e 0` (spawn to exit), both in a pseudo-terminal, in turns: first with
no code cache (a version's first start), then with the cache that start
left, as every later start has it.
*/
async function measureFirstFrame(helpers) {
	/* eslint-disable no-await-in-loop */
	const cold = [];
	const coldRatios = [];
	for (let run = 0; run < warmUps + coldRuns; run++) {
		rmSync(cacheHome, {recursive: true, force: true});
		const before = await timeInTerminal(helpers, bareNode);
		const took = await timeInTerminal(helpers, app, firstFrameText);
		if (run >= warmUps) {
			cold.push(took);
			coldRatios.push(took / before);
		}
	}

	// Long enough on screen for the app to keep its compiled code.
	rmSync(cacheHome, {recursive: true, force: true});
	await timeInTerminal(helpers, app, firstFrameText, 1500);
	const cached = existsSync(cacheHome) && readdirSync(cacheHome).length > 0;
	for (let run = 0; run < warmUps; run++) {
		await timeInTerminal(helpers, bareNode);
		await timeInTerminal(helpers, app, firstFrameText);
	}

	const baseline = [];
	const frame = [];
	const ratios = [];
	for (let run = 0; run < frameRuns; run++) {
		const before = await timeInTerminal(helpers, bareNode);
		const took = await timeInTerminal(helpers, app, firstFrameText);
		baseline.push(before);
		frame.push(took);
		ratios.push(took / before);
	}
	/* eslint-enable no-await-in-loop */

	return {
		cached,
		cold: summary(cold),
		coldRatio: summary(coldRatios),
		baseline: summary(baseline),
		frame: summary(frame),
		ratio: summary(ratios),
	};
}

/**
Detection with every stage held by a simulated delay. host and mx are
independent stages; autodiscover follows host (it starts with the SCP URLs
the host reads), so its delay keeps that chain (powershell then
autodiscover) shorter than mx. In sequence the delays would add up; run
as the stages allow, the whole should take about as long as mx alone.
*/
async function measureDetection(core) {
	const scenario = await core.loadScenario('contoso-2019');
	const endpoint = Object.entries(scenario.autodiscover.endpoints).find(
		([, answer]) => answer.status === 200 && !answer.fail,
	)?.[0];
	const delays = [
		{check: 'mx', kind: 'delay', ms: 1000},
		{check: 'powershell', kind: 'delay', ms: 750},
		{check: 'autodiscover', kind: 'delay', ms: 200, endpoint},
	];
	const once = async (faults = delays) => {
		const environment = core.createSimulatedEnvironment({
			...scenario,
			faults,
		});
		const start = performance.now();
		const report = await core.runDetection(environment, {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const took = performance.now() - start;
		await environment.dispose?.();
		return {took, report};
	};

	// Without delays first: it warms up, and its outcome is the one the
	// delayed runs must reach (a run that gave up early would look fast).
	const expected = outcome((await once([])).report);
	const took = [];
	let report;
	for (let run = 0; run < detectionRuns; run++) {
		// eslint-disable-next-line no-await-in-loop
		const result = await once();
		took.push(result.took);
		report = result.report;
	}

	return {
		took: summary(took),
		slowest: Math.max(...delays.map(delay => delay.ms)),
		sum: delays.reduce((total, delay) => total + delay.ms, 0),
		changed: outcome(report) === expected ? undefined : outcome(report),
	};
}

const outcome = report =>
	report.checks.map(check => `${check.id} ${check.status}`).join(', ');

/**
The 1,000-server scenario driven to the open server dropdown: Down presses,
each sent once the app has been quiet for a while (as between a person's
key presses), timed from the write to the output that changed the screen.
The peak resident set (VmHWM) is read at the end.
*/
async function measureLargeScenarioOnce(helpers, file) {
	const {keys} = helpers;
	const terminal = helpers.startApp(['--simulate', file], {wrap: false});
	try {
		await terminal.waitFor(firstFrameText, 30_000);
		await terminal.press(keys.space);
		await terminal.waitFor(/\[x] Use Exchange/);
		// Autodiscover needs an address: the email field is two fields down.
		await terminal.press(keys.tab);
		await terminal.press(keys.tab);
		terminal.write('k2svc@contoso.com');
		await terminal.waitFor(/Email address: k2svc@contoso\.com/);
		await terminal.press(keys.enter);
		// Settled: the page states the proposal (check summaries may well say
		// "running", so that word tells nothing).
		await terminal.waitFor(/Proposal:|Prerequisites missing:/, 60_000);
		await terminal.press(keys.enter);
		await terminal.waitFor('Exchange Server Configuration', 30_000);
		// Tab to the server field, then open it.
		for (let tab = 0; tab < 8; tab++) {
			if (/[›>] Exchange Server:/.test(terminal.screen())) {
				break;
			}

			// eslint-disable-next-line no-await-in-loop
			await terminal.press(keys.tab);
		}

		await terminal.press(keys.space);
		await terminal.waitFor(/more/);
		const first = terminal.screen();
		const latencies = [];
		for (let press = 0; press < (quick ? 15 : 40); press++) {
			/* eslint-disable no-await-in-loop */
			await terminal.settle(50);
			const change = terminal.nextScreenChange(5000);
			const sent = performance.now();
			terminal.write(keys.down);
			const at = await change;
			/* eslint-enable no-await-in-loop */
			latencies.push(at - sent);
		}

		const scrolled =
			terminal.screen() !== first && /[↑^] \d+ more/.test(terminal.screen());
		const peak = helpers.peakResidentBytes(terminal.pid());
		return {latencies, scrolled, peak};
	} finally {
		terminal.dispose();
	}
}

async function measureLargeScenario(helpers, large) {
	const file = path.join(work, 'large.json');
	writeFileSync(file, JSON.stringify(large.makeLargeScenario(1000, 10_000)));
	const latencies = [];
	const peaks = [];
	let scrolled = true;
	for (let run = 0; run < largeRuns; run++) {
		// eslint-disable-next-line no-await-in-loop
		const result = await measureLargeScenarioOnce(helpers, file);
		latencies.push(...result.latencies);
		peaks.push((result.peak ?? Number.NaN) / 1024 / 1024);
		scrolled &&= result.scrolled;
	}

	return {latency: summary(latencies), peak: summary(peaks), scrolled};
}

// The run -------------------------------------------------------------------

console.log(
	`k2-exchange-setup ${packageJson.version} bench, node ${process.version}`,
);
console.log(`Before: ${loadLine()}`);
console.log(
	quick
		? 'Quick run: fewer runs than the full bench; figures are rougher.'
		: '',
);
const {helpers, core, large} = await compile();

await attempt('--version start-up', '<= 1.3x node -e 0', async () => {
	const figures = measureVersion();
	console.log(
		`      node -e 0 takes ${ms(figures.baseline.median)} (${spread(figures.baseline, 0, ' ms')}) when spawned`,
	);
	record({
		name: '--version start-up',
		figure: times(figures.ratio.median),
		target: '<= 1.3x node -e 0',
		ok: figures.ratio.median <= 1.3 && figures.correct,
		note: figures.correct
			? `${ms(figures.version.median)}; ${spread(figures.ratio, 2, 'x')}`
			: `printed ${JSON.stringify(figures.output)}`,
	});
});

if (helpers.error) {
	record({
		name: '--help runs no UI code',
		figure: 'none',
		target: 'no ink or react',
		ok: false,
		note: helpers.error,
	});
} else {
	await attempt('--help runs no UI code', 'no ink or react', async () => {
		const {found, control} = await measureUiInitialisation(helpers);
		for (const {args, loaded, status} of found) {
			const notes = [];
			if (status !== 0) {
				notes.push(`exit code ${status}`);
			}

			if (control.length > 0) {
				notes.push(`the wizard's profile lacks ${control.join(', ')}`);
			}

			record({
				name: `${args} runs no UI code`,
				figure: loaded.length === 0 ? 'none' : loaded.join(', '),
				target: 'no ink or react',
				ok: loaded.length === 0 && status === 0 && control.length === 0,
				note: notes.join('; '),
			});
		}
	});
}

if (helpers.error) {
	record({
		name: 'first interactive frame',
		figure: 'none',
		target: '<= 2x node -e 0',
		ok: false,
		note: helpers.error,
	});
} else {
	await attempt('first interactive frame', '<= 2x node -e 0', async () => {
		const figures = await measureFirstFrame(helpers);
		console.log(
			`      node -e 0 takes ${ms(figures.baseline.median)} (${spread(figures.baseline, 0, ' ms')}) in a pseudo-terminal`,
		);
		const cold = [
			ms(figures.cold.median),
			spread(figures.coldRatio, 2, 'x'),
		].join('; ');
		console.log(
			`      a version's first start, compiling without the code cache: ${times(figures.coldRatio.median)} (${cold})`,
		);
		record({
			name: 'first interactive frame',
			figure: times(figures.ratio.median),
			target: '<= 2x node -e 0',
			ok: figures.ratio.median <= 2 && figures.cached,
			note: figures.cached
				? `${ms(figures.frame.median)}; ${spread(figures.ratio, 2, 'x')}`
				: 'the first start left no code cache',
		});
	});
}

if (core.error) {
	record({
		name: 'detection with delays',
		figure: 'none',
		target: '<= 1.2x slowest check',
		ok: false,
		note: core.error,
	});
} else {
	await attempt('detection with delays', '<= 1.2x slowest check', async () => {
		const {took, slowest, sum, changed} = await measureDetection(core);
		const ratio = took.median / slowest;
		record({
			name: 'detection with delays',
			figure: times(ratio),
			target: '<= 1.2x slowest check',
			ok: ratio <= 1.2 && changed === undefined,
			note:
				changed === undefined
					? `${ms(took.median)}; slowest ${ms(slowest)}, all ${ms(sum)}; ${spread(took, 0, ' ms')}`
					: `the delays changed the outcome: ${changed}`,
		});
	});
}

if (large.error || helpers.error) {
	record({
		name: '1,000 servers',
		figure: 'none',
		target: 'scrolls, <= 16 ms, < 120 MiB',
		ok: false,
		note: large.error ?? helpers.error,
	});
} else {
	await attempt('1,000 servers', 'scrolls, <= 16 ms, < 120 MiB', async () => {
		const {latency, peak, scrolled} = await measureLargeScenario(
			helpers,
			large,
		);
		record({
			name: '1,000 servers: dropdown scrolls',
			figure: scrolled ? 'yes' : 'no',
			target: 'yes',
			ok: scrolled,
		});
		record({
			name: '1,000 servers: key press to screen',
			figure: ms(latency.median),
			target: '<= 16 ms median',
			ok: latency.median <= 16,
			note: `${spread(latency, 1, ' ms')} presses`,
		});
		const mib = value => `${value.toFixed(0)} MiB`;
		record({
			name: '1,000 servers: peak memory (VmHWM)',
			figure: mib(peak.median),
			target: '< 120 MiB',
			ok: peak.median < 120,
			note: `${spread(peak, 0, ' MiB')} runs`,
		});
	});
}

rmSync(work, {recursive: true, force: true});
console.log(`After: ${loadLine()}`);
const missed = results.filter(result => !result.ok);
console.log(
	missed.length === 0
		? 'Every target met.'
		: `${missed.length} target(s) missed: ${missed.map(result => result.name).join('; ')}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
