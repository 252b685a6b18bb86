/*
NO_COLOR (any value but empty) takes the colour out of the wizard: the raw
output holds no colour sequences, while without it the same screens have
some.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {keys, startApp, type AppTerminal} from '../helpers/pty.js';

let folder: string;
const running: AppTerminal[] = [];
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-colour-'));
});
afterEach(async () => {
	for (const terminal of running.splice(0)) {
		terminal.dispose();
	}

	await rm(folder, {recursive: true, force: true});
});

/**
SGR sequences that set a colour: the 8 and 16 colours (30-37, 90-97 and
their backgrounds; 39 and 49 only reset), 256 colours (38;5, 48;5) and
true colour (38;2, 48;2), wherever they stand among the parameters.
*/
const colour =
	// eslint-disable-next-line no-control-regex -- the escape is what is sought
	/\u001B\[(?:[\d;]*;)?(?:[34]8;[25]|[34][0-7]|9[0-7]|10[0-7])(?:;[\d;]*)?m/;

/** The first two pages, where the focused field and the marks are coloured. */
async function walk(env: Record<string, string | undefined>) {
	const terminal = startApp(
		[
			'--simulate',
			'contoso-2019',
			'--config',
			path.join(folder, 'configuration.json'),
			'--use-exchange',
			'--email',
			'k2svc@contoso.com',
		],
		{env},
	);
	running.push(terminal);
	await terminal.waitFor('Step 1 of 6', 30_000);
	terminal.write(keys.enter);
	await terminal.waitFor(
		screen => screen.includes('Step 2 of 6') && screen.includes('Enter next'),
		30_000,
	);
	terminal.write(keys.ctrlC);
	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(130);
	return terminal.output();
}

test('with NO_COLOR=1 the output has no colour sequences', async () => {
	const output = await walk({NO_COLOR: '1'});
	expect(output).toContain('Step 2 of 6');
	expect(output).not.toMatch(colour);
}, 120_000);

test('without NO_COLOR, or with it empty, the same pages are coloured', async () => {
	expect(await walk({})).toMatch(colour);
	expect(await walk({NO_COLOR: ''})).toMatch(colour);
}, 120_000);

test('the colour pattern knows the forms a terminal is sent', () => {
	for (const sequence of [
		'\u001B[36m',
		'\u001B[1;31m',
		'\u001B[91m',
		'\u001B[38;5;208m',
		'\u001B[48;2;0;0;255m',
	]) {
		expect(sequence).toMatch(colour);
	}

	for (const sequence of [
		'\u001B[1m',
		'\u001B[2m',
		'\u001B[39m',
		'\u001B[7m',
	]) {
		expect(sequence).not.toMatch(colour);
	}
});
