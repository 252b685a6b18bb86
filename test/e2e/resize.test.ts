/*
The window is resized while the wizard runs: the page is laid out again for
the new size, and a window smaller than 80x24 gets a notice instead of a
broken frame, until it is large enough again.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {keys, startApp, type AppTerminal} from '../helpers/pty.js';

let folder: string;
let running: AppTerminal | undefined;
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-resize-'));
});
afterEach(async () => {
	running?.dispose();
	running = undefined;
	await rm(folder, {recursive: true, force: true});
});

function start() {
	running = startApp([
		'--simulate',
		'contoso-2019',
		'--config',
		path.join(folder, 'configuration.json'),
		'--use-exchange',
	]);
	return running;
}

/** The frame's top border: its first row, as wide as the frame. */
function topBorder(screen: string): string {
	return screen.split('\n').find(line => line.trim() !== '') ?? '';
}

test('a window smaller than 80x24 gets a notice, and the page comes back with what was entered', async () => {
	const terminal = start();
	await terminal.waitFor('Step 1 of 6', 20_000);
	await terminal.press(keys.tab, keys.tab);
	await terminal.type('k2svc@contoso.com');
	await terminal.waitFor('Email address: k2svc@contoso.com');

	terminal.resize(60, 20);
	const notice = await terminal.waitFor('It is 60x20', 20_000);
	expect(notice).toContain('at least 80x24');
	expect(notice).not.toContain('Step 1 of 6');
	// Every line of the notice fits the small window.
	for (const line of notice.split('\n')) {
		expect(line.length).toBeLessThan(60);
	}

	// Keys while the page cannot be seen change nothing on it.
	terminal.write('x');
	await terminal.settle(200);

	terminal.resize(80, 24);
	const page = await terminal.waitFor('Step 1 of 6', 20_000);
	expect(page).toContain('Email address: k2svc@contoso.com');
	expect(page).not.toContain('k2svc@contoso.comx');
	expect(page).not.toContain('too small');
	expect(topBorder(page)).toHaveLength(79);

	// And the answers go on from there: Enter is Next.
	await terminal.press(keys.enter);
	await terminal.waitFor('Step 2 of 6', 20_000);
	terminal.write(keys.ctrlC);
	const exit = await terminal.exited(20_000);
	expect(exit.code).toBe(130);
}, 120_000);

test('a larger window lays the page out again to fill it', async () => {
	const terminal = start();
	await terminal.waitFor('Step 1 of 6', 20_000);
	terminal.resize(100, 30);
	const screen = await terminal.waitFor(
		current => topBorder(current).length === 99,
		20_000,
	);
	const lines = screen.split('\n');
	// The footer with the keys moved down to the new last row but one.
	expect(lines).toHaveLength(29);
	expect(lines[27]).toContain('Ctrl+C quit');
	// One unbroken border from corner to corner.
	expect(lines[0]).not.toMatch(/\s/);

	terminal.write(keys.ctrlC);
	const exit = await terminal.exited(20_000);
	expect(exit.code).toBe(130);
}, 120_000);
