/*
What the end-to-end tests share: the built command started in a real
pseudo-terminal with its configuration in a fresh folder, keys pressed one
at a time with a wait for what each should bring up, and the checks every
way out of the wizard must pass.

Every wait is for something on the screen, with a deadline far beyond what
an idle machine needs, so a loaded machine makes the tests slower, never red.
*/
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {
	keys,
	restoreProblems,
	startApp,
	type AppExit,
	type AppTerminal,
	type Match,
} from './pty.js';

export {keys} from './pty.js';

/** How long anything may take to show up on screen. */
export const screenTimeoutMs = 30_000;

/** For a whole test file: a handful of wizard runs on a loaded machine. */
export const fileTimeoutMs = 120_000;

export type WizardRun = {
	readonly terminal: AppTerminal;
	/** The folder --config points into; nothing else writes there. */
	readonly folder: string;
	readonly configPath: string;
	/** Waits for the screen to match, with the generous default deadline. */
	see(match: Match, timeoutMs?: number): Promise<string>;
	/** Presses one key, then waits for what it should bring up. */
	press(key: string, then: Match): Promise<string>;
	/** Types text one character per write, then waits until it shows. */
	type(text: string, then?: Match): Promise<string>;
	/** The screen row that contains `text`, or undefined. */
	row(text: string): string | undefined;
	/** The row of a detection check, by its label: mark, label, result. */
	check(label: string): string | undefined;
	/** Waits for the app to end; checks the terminal was given back. */
	exit(): Promise<AppExit>;
	dispose(): void;
};

export type WizardStart = {
	/** A built-in scenario name for --simulate. */
	readonly scenario: string;
	/** Flags added after --simulate and --config. */
	readonly flags?: readonly string[];
	/**
	Written to an answer file in a folder of its own (never the config
	folder) and passed with --answers.
	*/
	readonly answers?: Answers;
	/**
	A program that runs the built command with these arguments, in place of
	running it directly (see test/fixtures/terminal/login-shell.js).
	*/
	readonly program?: string;
};

const cleanups = new Set<() => void>();

/** Ends every run still open; call from afterEach. */
export function disposeAll(): void {
	for (const cleanup of cleanups) {
		cleanup();
	}

	cleanups.clear();
}

export function startWizard(start: WizardStart): WizardRun {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'k2-e2e-'));
	const configPath = path.join(folder, 'config.json');
	const extra: string[] = [];
	let answersFolder: string | undefined;
	if (start.answers) {
		answersFolder = mkdtempSync(path.join(os.tmpdir(), 'k2-e2e-answers-'));
		const answersPath = path.join(answersFolder, 'given.json');
		writeFileSync(answersPath, JSON.stringify(start.answers));
		extra.push('--answers', answersPath);
	}

	const terminal = startApp(
		[
			'--simulate',
			start.scenario,
			'--config',
			configPath,
			...extra,
			...(start.flags ?? []),
		],
		{program: start.program},
	);

	const see = async (match: Match, timeoutMs = screenTimeoutMs) =>
		terminal.waitFor(match, timeoutMs);

	const dispose = () => {
		terminal.dispose();
		rmSync(folder, {recursive: true, force: true});
		if (answersFolder) {
			rmSync(answersFolder, {recursive: true, force: true});
		}

		cleanups.delete(dispose);
	};

	cleanups.add(dispose);

	return {
		terminal,
		folder,
		configPath,
		see,
		async press(key, then) {
			await terminal.press(key);
			return see(then);
		},
		async type(text, then) {
			// Each character waits for the screen to answer it (the echo), not
			// for the app to go quiet as terminal.type does: as fast as the app
			// can keep up, and never two keys in one write.
			for (const character of text) {
				const before = terminal.screen();
				terminal.write(character);
				// eslint-disable-next-line no-await-in-loop
				await terminal.waitForChange(before, screenTimeoutMs);
			}

			return see(then ?? text);
		},
		row(text) {
			return terminal.lines().find(line => line.includes(text));
		},
		check(label) {
			// The frame's edge, a mark (or spinner) and a space, the label.
			return terminal
				.lines()
				.find(line => line.slice(4).startsWith(`${label} `));
		},
		async exit() {
			const exit = await terminal.exited(screenTimeoutMs);
			expectRestored(terminal, exit);
			return exit;
		},
		dispose,
	};
}

/**
The terminal as the administrator had it before: the normal screen back,
the cursor shown, line editing and echo on again.
*/
export function expectRestored(terminal: AppTerminal, exit: AppExit): void {
	expect(restoreProblems(terminal.output())).toEqual([]);
	expect(terminal.buffer()).toBe('normal');
	expect(exit.mode).toEqual({canonical: true, echo: true});
}

/** What is in the config folder, sorted: config, backup, temporary files. */
export function filesIn(folder: string): string[] {
	return readdirSync(folder).sort();
}

/**
Page 1 as an administrator fills it: tick "Use Exchange", Tab past
Autodiscover to the email address, type it.
*/
export async function fillExchangePage(
	run: WizardRun,
	email: string,
): Promise<void> {
	await run.see('› [ ] Use Exchange for mail integration');
	await run.press(keys.space, '› [x] Use Exchange for mail integration');
	await run.press(keys.tab, '› [x] Use Autodiscover');
	await run.press(keys.tab, '› Email address');
	await run.type(email, `› Email address: ${email}`);
}

/**
The screen's words as one line: frame borders dropped and runs of spaces
squeezed, so a sentence the frame wrapped reads whole.
*/
export function prose(screen: string): string {
	return screen
		.split('\n')
		.map(line => line.replaceAll(/^[│|]|[│|]$/g, '').trim())
		.filter(line => line !== '')
		.join(' ')
		.replaceAll(/\s+/g, ' ');
}

/** A screen that shows every one of the texts. */
export function allOf(...texts: string[]): (screen: string) => boolean {
	return screen => texts.every(text => screen.includes(text));
}

/*
From the Detecting page on, with the pages pre-filled, Enter by Enter to the
page named. Enter on Detecting goes on only once every check has settled.
*/
export const detectingSettled = async (run: WizardRun) =>
	run.press(keys.enter, allOf('Step 2 of 6', 'Enter next'));

export const toConfiguration = async (run: WizardRun) => {
	await detectingSettled(run);
	return run.press(keys.enter, 'Step 3 of 6');
};

export const toAccounts = async (run: WizardRun) => {
	await toConfiguration(run);
	return run.press(keys.enter, 'Step 4 of 6');
};

export const toSummary = async (run: WizardRun) => {
	await toAccounts(run);
	return run.press(keys.enter, 'Step 5 of 6');
};
