/*
With --ascii the wizard draws nothing outside printable ASCII: not a frame
corner, a mark, a pointer, a spinner frame, nor Ink's own ellipsis, on any
screen of a walk through every page.
*/
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {keys, startApp, type AppTerminal} from '../helpers/pty.js';

let folder: string;
const running: AppTerminal[] = [];
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-ascii-'));
});
afterEach(async () => {
	for (const terminal of running.splice(0)) {
		terminal.dispose();
	}

	await rm(folder, {recursive: true, force: true});
});

/** Characters above U+007E, with where they are, for a readable failure. */
function nonAscii(text: string): string[] {
	const found: string[] = [];
	for (const [index, character] of [...text].entries()) {
		const code = character.codePointAt(0)!;
		if (code > 0x7e) {
			const around = [...text].slice(Math.max(0, index - 20), index + 20);
			found.push(
				`U+${code.toString(16).toUpperCase()} in "${around.join('')}"`,
			);
		}
	}

	return found;
}

async function start(args: string[]) {
	const answers = path.join(folder, 'answers.json');
	await writeFile(
		answers,
		JSON.stringify({
			useExchange: true,
			email: 'k2svc@contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
			standard: true,
			administrative: true,
		}),
	);
	const terminal = startApp([
		'--config',
		path.join(folder, 'configuration.json'),
		'--answers',
		answers,
		...args,
	]);
	running.push(terminal);
	return terminal;
}

/** Enter on each page, from the first to Done, with help on the way. */
async function walk(terminal: AppTerminal) {
	const screens: string[] = [];
	const see = async (text: string) => {
		screens.push(await terminal.waitFor(text, 30_000));
	};

	await see('Step 1 of 6');
	await terminal.press(keys.f1);
	await see('Help:');
	await terminal.press(keys.escape);
	await see('Step 1 of 6');
	terminal.write(keys.enter);
	await see('Step 2 of 6');
	await see('Enter next');
	terminal.write(keys.enter);
	await see('Step 3 of 6');
	terminal.write(keys.enter);
	await see('Step 4 of 6');
	terminal.write(keys.enter);
	await see('Step 5 of 6');
	terminal.write(keys.enter);
	await see('Step 6 of 6');
	terminal.write(keys.enter);
	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(0);
	return screens;
}

test('with --ascii, no screen of a walk to Done holds a character above U+007E', async () => {
	const terminal = await start(['--simulate', 'contoso-2019', '--ascii']);
	const screens = await walk(terminal);
	for (const screen of screens) {
		expect(nonAscii(screen)).toEqual([]);
	}

	// Every byte written, spinner frames between the screens included.
	expect(nonAscii(terminal.output())).toEqual([]);
	expect(screens.join('\n')).toContain('+-----');
}, 180_000);

test('with --ascii, the page that says why configuration is not shown is ASCII too', async () => {
	const terminal = await start(['--simulate', 'winrm-stopped', '--ascii']);
	await terminal.waitFor('Step 1 of 6', 30_000);
	terminal.write(keys.enter);
	await terminal.waitFor(
		current =>
			current.includes('Step 2 of 6') && current.includes('Enter next'),
		30_000,
	);
	terminal.write(keys.enter);
	const screen = await terminal.waitFor('--reconfigure', 30_000);
	terminal.write(keys.ctrlC);
	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(130);
	expect(nonAscii(screen)).toEqual([]);
	expect(nonAscii(terminal.output())).toEqual([]);
}, 180_000);

test('a UTF-8 terminal without --ascii gets the Unicode frame', async () => {
	const terminal = await start(['--simulate', 'contoso-2019']);
	await walk(terminal);
	expect(nonAscii(terminal.output())).not.toEqual([]);
}, 180_000);

test('a terminal in a locale that is not UTF-8 gets ASCII without asking', async () => {
	const terminal = startApp(
		['--simulate', 'contoso-2019', '--config', path.join(folder, 'c.json')],
		{env: {LANG: 'en_US.ISO-8859-1', LC_ALL: undefined, LC_CTYPE: undefined}},
	);
	running.push(terminal);
	const screen = await terminal.waitFor('Step 1 of 6', 30_000);
	terminal.write(keys.ctrlC);
	await terminal.exited(30_000);
	expect(nonAscii(screen)).toEqual([]);
	expect(screen).toContain('+-----');
}, 60_000);
