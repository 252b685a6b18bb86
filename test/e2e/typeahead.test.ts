/*
Keys typed ahead over a slow link, or sent by tmux or expect, reach the app
in one read. Each must still act as if it had been pressed on its own.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {keys, startApp, type AppTerminal} from '../helpers/pty.js';

let folder: string;
let running: AppTerminal | undefined;
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-typeahead-'));
});
afterEach(async () => {
	running?.dispose();
	running = undefined;
	await rm(folder, {recursive: true, force: true});
});

test('Space, Tabs, an email address and Enter sent in one write all take effect', async () => {
	running = startApp([
		'--simulate',
		'contoso-2019',
		'--config',
		path.join(folder, 'configuration.json'),
	]);
	const terminal = running;
	await terminal.waitFor('Step 1 of 6', 20_000);
	await terminal.settle(100);

	terminal.write(' \t\tk2svc@contoso.com\r');

	// Enter went on to detection, with the address typed into its field.
	await terminal.waitFor('Step 2 of 6', 20_000);
	await terminal.waitFor('Enter next', 30_000);
	await terminal.press(keys.escape);
	const screen = await terminal.waitFor('Step 1 of 6', 20_000);
	expect(screen).toContain('[x] Use Exchange for mail integration');
	expect(screen).toContain('Email address: k2svc@contoso.com');

	terminal.write(keys.ctrlC);
	const exit = await terminal.exited(20_000);
	expect(exit.code).toBe(130);
}, 90_000);
