/*
The Detecting page with checks that are slow or never answer, in the built
command in a real 80x24 terminal: the screen keeps moving, Esc cancels what
runs, R runs it again, and --timeout ends a check with how long it waited.
*/
import {afterEach, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {
	allOf,
	disposeAll,
	fileTimeoutMs,
	filesIn,
	keys,
	prose,
	startWizard,
	type WizardRun,
} from '../helpers/e2e.js';

afterEach(disposeAll);

const answers: Answers = {
	useExchange: true,
	email: 'k2svc@contoso.com',
	serviceAccount: String.raw`CONTOSO\svc-k2`,
};

/** The row of a check as it reads in `screen`. */
function rowIn(screen: string, label: string): string {
	return screen.split('\n').find(line => line.includes(` ${label} `)) ?? '';
}

const running = (label: string) => (screen: string) =>
	/ checking +│$/.test(rowIn(screen, label));

/**
Waits until `label`'s row has been drawn in at least two different ways
while its check runs (the spinner turned), and returns those drawings.
*/
async function spinnerTurns(run: WizardRun, label: string): Promise<string[]> {
	const seen = new Set<string>();
	await run.see(screen => {
		const row = rowIn(screen, label);
		if (running(label)(screen)) {
			seen.add(row);
		}

		return seen.size >= 2;
	});
	return [...seen];
}

async function startDetecting(scenario: string, flags: string[] = []) {
	const run = startWizard({scenario, answers, flags});
	await run.see('Step 1 of 6');
	await run.press(keys.enter, 'Detecting your Exchange environment');
	return run;
}

test(
	'a check that never answers keeps spinning; Esc cancels it and R runs it again',
	{timeout: fileTimeoutMs},
	async () => {
		const run = await startDetecting('hanging-servers');
		// Everything but the Exchange session settles; the session hangs.
		await run.see(
			allOf('✔ Autodiscover', '✔ DNS MX record', '✔ View-Only Org Mgmt'),
		);
		const frames = await spinnerTurns(run, 'Exchange servers');
		expect(frames[0]).not.toBe(frames[1]);
		expect(run.terminal.screen()).toContain('Esc cancel checks');

		// The screen answers keys while the check hangs: help opens and closes.
		await run.press(keys.f1, 'Help: Detecting your Exchange environment');
		await run.press(keys.escape, 'Esc cancel checks');
		await spinnerTurns(run, 'Exchange servers');

		// Esc cancels: the hanging check fails as cancelled, with the fix.
		const cancelled = await run.press(keys.escape, 'R retry failed');
		expect(rowIn(cancelled, 'Exchange servers')).toMatch(
			/✖ Exchange servers +\d+ ms +cancelled/,
		);
		expect(prose(cancelled)).toContain('Fix: retry (R) or raise --timeout');
		expect(cancelled).toContain('Step 2 of 6');

		// R runs it again: it spins once more, and Esc cancels it again.
		await run.press('r', 'Esc cancel checks');
		await spinnerTurns(run, 'Exchange servers');
		await run.press(keys.escape, 'R retry failed');

		// Settled, Esc is Back again, with what was typed still there.
		await run.press(keys.escape, 'Step 1 of 6');
		await run.see('Email address: k2svc@contoso.com');
		run.terminal.write(keys.ctrlC);
		const exit = await run.exit();
		expect(exit.code).toBe(130);
		expect(filesIn(run.folder)).toEqual([]);
	},
);

test(
	'--timeout 2 ends a hanging check and says after how long; R runs it again',
	{timeout: fileTimeoutMs},
	async () => {
		const run = await startDetecting('hanging-servers', ['--timeout', '2']);
		// Two seconds is short on a loaded machine: what ran in between is
		// read from everything the app drew, not from screens caught in time.
		const drawnSince = (mark: number) => run.terminal.output().slice(mark);
		await run.see(() => drawnSince(0).includes('checking'));
		const timedOut = await run.see('R retry failed');
		expect(rowIn(timedOut, 'Exchange servers')).toMatch(
			/✖ Exchange servers +2\.\d s +timed out after 2 s/,
		);
		expect(prose(timedOut)).toContain('Fix: retry (R) or raise --timeout');

		const mark = run.terminal.output().length;
		run.terminal.write('r');
		await run.see(() => drawnSince(mark).includes('checking'));
		const again = await run.see('R retry failed');
		expect(rowIn(again, 'Exchange servers')).toContain('timed out after 2 s');
	},
);

test(
	'slow checks spin while they wait, then pass with how long they took',
	{timeout: fileTimeoutMs},
	async () => {
		const run = await startDetecting('slow-checks');
		// PowerShell answers after 2 s; its spinner turns in the meantime.
		// Read from everything drawn before the answer, so a loaded machine
		// that polls the screen seldom still sees every frame.
		const settled = await run.see('Enter next');
		const output = run.terminal.output();
		const answeredAt = output.indexOf('PowerShell 5.1');
		expect(answeredAt).toBeGreaterThan(0);
		const beforeAnswer = output.slice(0, answeredAt);
		const frames = new Set(beforeAnswer.match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g));
		expect(frames.size).toBeGreaterThanOrEqual(2);
		expect(rowIn(settled, 'PowerShell')).toMatch(
			/✔ PowerShell +\d+\.\d s +PowerShell 5\.1/,
		);
		expect(rowIn(settled, 'DNS MX record')).toMatch(/✔ DNS MX record +2\.\d s/);
		await run.press(keys.enter, 'Exchange Server Configuration');
	},
);

test(
	'the outcome is never cut off at the foot of a full page',
	{timeout: fileTimeoutMs},
	async () => {
		const run = await startDetecting('nothing-found');
		const settled = await run.see('Enter next');
		expect(prose(settled)).toContain(
			"Nothing discovered: no Exchange was reachable: no servers, no Autodiscover answer, no sign of Exchange Online; the next page takes the server's name.",
		);
		expect(settled.split('\n')).toHaveLength(23);
	},
);
