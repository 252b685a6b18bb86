/*
The PowerShell processes of the built command under --engine powershell,
counted from /proc: one shell serves the whole run, and none outlives the
app however the run ends (Ctrl+C on any page, a stage that times out, the
shell killed from outside, the app itself killed).

Every test first sees the shell it later expects gone, so a run that never
started one cannot pass. Without pwsh these tests are skipped with a loud
warning, and fail in CI.
*/
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {
	allOf,
	detectingSettled,
	disposeAll,
	fileTimeoutMs,
	keys,
	startWizard,
	toAccounts,
	toConfiguration,
	toSummary,
	type WizardRun,
} from '../helpers/e2e.js';
import {
	childrenOf,
	powershellShells,
	stillRunning,
	watchPowerShell,
	type PowerShellCensus,
	type PowerShellProcess,
} from '../helpers/processes.js';
import {noPwsh} from '../helpers/pwsh.js';

/** Pre-filled so Enter walks from page to page. */
const answers: Answers = {
	useExchange: true,
	email: 'k2svc@contoso.com',
	standard: true,
	administrative: true,
	serviceAccount: String.raw`CONTOSO\svc-k2`,
};

/** PowerShell takes seconds to start, more on a loaded machine. */
const pwshTimeoutMs = 60_000;

/**
How long a shell may take to go once it has been ended: a killed process
is gone in milliseconds; the shell of a killed app looks for its app a few
times a second.
*/
const goneWithinMs = 10_000;

type CountedRun = {
	readonly run: WizardRun;
	readonly census: PowerShellCensus;
	/** Where the run's --log transcript goes. */
	readonly log: string;
};

const started = new Set<CountedRun>();

afterEach(() => {
	disposeAll();
	for (const {census, log} of started) {
		census.stop();
		// A failed test must not leave its shells to the next one.
		for (const leftover of stillRunning(census.seen())) {
			process.kill(leftover.pid, 'SIGKILL');
		}

		// An app that is still going down may write one more line.
		rmSync(path.dirname(log), {recursive: true, force: true, maxRetries: 5});
	}

	started.clear();
});

function startCounted(
	scenario: string,
	flags: readonly string[] = [],
	program?: string,
): CountedRun {
	const log = path.join(
		mkdtempSync(path.join(os.tmpdir(), 'k2-e2e-log-')),
		'detection.jsonl',
	);
	const run = startWizard({
		scenario,
		answers,
		flags: ['--engine', 'powershell', '--log', log, ...flags],
		program,
	});
	const counted = {
		run,
		census: watchPowerShell(() => run.terminal.pid()),
		log,
	};
	started.add(counted);
	return counted;
}

function shellsOf(run: WizardRun): PowerShellProcess[] {
	const app = run.terminal.pid();
	return app === undefined ? [] : powershellShells(app);
}

/** Polls until `check` gives a value that `done` accepts; returns it. */
async function until<T>(
	check: () => T,
	done: (value: T) => boolean,
	timeoutMs: number,
): Promise<T> {
	const deadline = performance.now() + timeoutMs;
	let value = check();
	while (!done(value) && performance.now() < deadline) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		value = check();
	}

	return value;
}

/**
The one shell of the run, once the `started`th shell of the run is up and
has answered.
*/
async function theShell(
	{run, log}: CountedRun,
	started = 1,
): Promise<PowerShellProcess> {
	await until(
		() => readFileSync(log, 'utf8').split('"event":"shell-start"').length - 1,
		count => count >= started,
		pwshTimeoutMs,
	);
	const shells = await until(
		() => shellsOf(run),
		found => found.length > 0,
		pwshTimeoutMs,
	);
	expect(shells).toHaveLength(1);
	return shells[0]!;
}

async function gone(
	processes: readonly PowerShellProcess[],
): Promise<PowerShellProcess[]> {
	return until(
		() => stillRunning(processes),
		left => left.length === 0,
		goneWithinMs,
	);
}

const exchangeHangs = (screen: string) =>
	/Exchange servers +checking/.test(screen);

test.skipIf(noPwsh)(
	'one PowerShell process serves the whole detection',
	{timeout: fileTimeoutMs},
	async () => {
		const counted = startCounted('contoso-2019');
		const {run, census} = counted;
		await run.see('Step 1 of 6');
		const shell = await theShell(counted);
		await run.press(keys.enter, 'Step 2 of 6');
		await run.see(allOf('Step 2 of 6', 'Enter next'), pwshTimeoutMs);
		// The local round trip and the Exchange session both ran.
		for (const label of ['PowerShell', 'Exchange servers', 'Permissions']) {
			expect(run.check(label), label).toMatch(/^│ ✔ /);
		}

		expect(census.most()).toBe(1);
		const shells = census.seen().filter(entry => entry.role === 'shell');
		expect(shells).toEqual([shell]);

		run.terminal.write(keys.ctrlC);
		expect((await run.exit()).code).toBe(130);
		expect(stillRunning(census.seen())).toEqual([]);
	},
);

type Page = {
	readonly page: string;
	readonly scenario: string;
	/** From the first page to the page. */
	readonly reach: (run: WizardRun) => Promise<unknown>;
	/** Ctrl+C on Done, after Apply, ends the run as applied. */
	readonly code: number;
};

const pages: Page[] = [
	{
		page: 'Exchange',
		scenario: 'contoso-2019',
		reach: async () => undefined,
		code: 130,
	},
	{
		page: 'Detecting, while a check hangs',
		scenario: 'hanging-servers',
		async reach(run) {
			await run.press(keys.enter, 'Step 2 of 6');
			await run.see(exchangeHangs, pwshTimeoutMs);
		},
		code: 130,
	},
	{
		page: 'Detecting, after the checks',
		scenario: 'contoso-2019',
		reach: detectingSettled,
		code: 130,
	},
	{
		page: 'Exchange Server Configuration',
		scenario: 'contoso-2019',
		reach: toConfiguration,
		code: 130,
	},
	{
		page: 'Accounts',
		scenario: 'contoso-2019',
		reach: toAccounts,
		code: 130,
	},
	{
		page: 'Summary',
		scenario: 'contoso-2019',
		reach: toSummary,
		code: 130,
	},
	{
		page: 'Done',
		scenario: 'contoso-2019',
		async reach(run) {
			await toSummary(run);
			await run.press(keys.enter, 'Step 6 of 6');
		},
		code: 0,
	},
];

test.skipIf(noPwsh).each(pages)(
	'after Ctrl+C on $page no PowerShell process outlives the app',
	async ({scenario, reach, code}) => {
		const counted = startCounted(scenario);
		const {run, census} = counted;
		await run.see('Step 1 of 6');
		await theShell(counted);
		await reach(run);
		expect(shellsOf(run)).toHaveLength(1);

		run.terminal.write(keys.ctrlC);
		expect((await run.exit()).code).toBe(code);
		const seen = census.seen();
		expect(seen.some(entry => entry.role === 'shell')).toBe(true);
		expect(stillRunning(seen)).toEqual([]);
	},
	fileTimeoutMs,
);

test.skipIf(noPwsh)(
	'a stage that times out ends its shell, and a retry starts one new shell',
	{timeout: fileTimeoutMs},
	async () => {
		const counted = startCounted('hanging-servers', ['--timeout', '5']);
		const {run, census} = counted;
		await run.see('Step 1 of 6');
		await theShell(counted);
		await run.press(keys.enter, 'Step 2 of 6');
		await run.see(exchangeHangs, pwshTimeoutMs);
		const [hung] = shellsOf(run);
		expect(hung).toBeDefined();

		await run.see('R retry failed', pwshTimeoutMs);
		expect(run.check('Exchange servers')).toMatch(/timed out after 5 s/);
		expect(await gone([hung!])).toEqual([]);
		expect(shellsOf(run).length).toBeLessThanOrEqual(1);

		run.terminal.write('r');
		await run.see(exchangeHangs, pwshTimeoutMs);
		expect(await theShell(counted, 2)).not.toEqual(hung);
		expect(census.most()).toBe(1);

		run.terminal.write(keys.ctrlC);
		expect((await run.exit()).code).toBe(130);
		expect(stillRunning(census.seen())).toEqual([]);
	},
);

test.skipIf(noPwsh)(
	'a shell killed from outside is reported, a retry starts a new one, and none is left at exit',
	{timeout: fileTimeoutMs},
	async () => {
		const counted = startCounted('hanging-servers');
		const {run, census} = counted;
		await run.see('Step 1 of 6');
		await theShell(counted);
		await run.press(keys.enter, 'Step 2 of 6');
		await run.see(exchangeHangs, pwshTimeoutMs);
		const [killed] = shellsOf(run);
		expect(killed).toBeDefined();

		process.kill(killed!.pid, 'SIGKILL');
		await run.see('R retry failed', pwshTimeoutMs);
		expect(run.check('Exchange servers')).toMatch(/✖ .*PowerShell stopped/);
		expect(await gone([killed!])).toEqual([]);

		run.terminal.write('r');
		await run.see(exchangeHangs, pwshTimeoutMs);
		expect(await theShell(counted, 2)).not.toEqual(killed);

		run.terminal.write(keys.ctrlC);
		expect((await run.exit()).code).toBe(130);
		expect(stillRunning(census.seen())).toEqual([]);
	},
);

/*
The terminal's session would end with the app, and the SIGHUP the kernel
then sends would end the shells whatever the app did. An administrator's
terminal stays open after a `kill -9` from elsewhere, so a stand-in login
shell keeps the session here.
*/
const loginShell = path.join(
	import.meta.dirname,
	'../fixtures/terminal/login-shell.js',
);

test.skipIf(noPwsh).each([
	{when: 'while its shell is idle', hang: false},
	{when: 'while its shell runs a check that hangs', hang: true},
])(
	'the shell of an app killed with SIGKILL $when ends on its own',
	async ({hang}) => {
		const counted = startCounted(
			hang ? 'hanging-servers' : 'contoso-2019',
			[],
			loginShell,
		);
		const {run, census} = counted;
		await run.see('Step 1 of 6');
		await theShell(counted);
		if (hang) {
			await run.press(keys.enter, 'Step 2 of 6');
			await run.see(exchangeHangs, pwshTimeoutMs);
		}

		const seen = census.seen();
		expect(seen.filter(entry => entry.role === 'shell')).toHaveLength(1);
		const [app] = childrenOf(run.terminal.pid()!);
		process.kill(app!, 'SIGKILL');
		await run.see('command ended: SIGKILL');
		expect(await gone(seen)).toEqual([]);
	},
	fileTimeoutMs,
);
