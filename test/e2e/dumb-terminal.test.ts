/*
TERM=dumb: a terminal that cannot move the cursor gets the plain face,
questions one line at a time, over the same flow and with the same files
and exit codes as the wizard.
*/
import {existsSync, readFileSync} from 'node:fs';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import type {ConfigDocument} from '../../source/plan/types.js';
import {startApp, type AppTerminal} from '../helpers/pty.js';

let folder: string;
let running: AppTerminal | undefined;
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-dumb-'));
});
afterEach(async () => {
	running?.dispose();
	running = undefined;
	await rm(folder, {recursive: true, force: true});
});

/** The app on a dumb terminal, and a way to answer its questions in turn. */
function start() {
	running = startApp(
		[
			'--simulate',
			'contoso-2019',
			'--config',
			path.join(folder, 'configuration.json'),
		],
		{env: {TERM: 'dumb'}},
	);
	const terminal = running;
	let seen = 0;
	/** Waits for a prompt written after the last answer. */
	const prompt = async (question: RegExp) => {
		await terminal.waitFor(
			() => question.test(terminal.output().slice(seen)),
			30_000,
		);
		const asked = terminal.output().slice(seen);
		seen = terminal.output().length;
		return asked;
	};

	return {
		terminal,
		prompt,
		async answer(question: RegExp, line: string) {
			const asked = await prompt(question);
			terminal.write(`${line}\r`);
			return asked;
		},
	};
}

test('TERM=dumb walks an on-premises setup line by line to a written configuration', async () => {
	const {terminal, answer} = start();
	const first = await answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'1',
	);
	// Plain lines: no alternate screen, no cursor movement, no colour.
	expect(first).not.toContain('\u001B');
	await answer(/Use Autodiscover\?[\s\S]*: $/, '');
	await answer(/Email address[^:]*: $/, 'k2svc@contoso.com');
	const detection = await answer(/What next\?[\s\S]*: $/, '');
	expect(detection).toMatch(/pass {2}PowerShell \(/);
	await answer(/Deployment[\s\S]*: $/, '1');
	await answer(/Enable standard[\s\S]*: $/, '1');
	await answer(/Enable administrative[\s\S]*: $/, '2');
	await answer(/Exchange Server[\s\S]*or a name[^:]*: $/, '1');
	await answer(/Authentication[\s\S]*: $/, '');
	await answer(/Service account[^:]*: $/, String.raw`CONTOSO\svc-k2`);
	const summary = await answer(/What next\?[\s\S]*: $/, '1');
	expect(summary).toContain('Exchange Management');

	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(0);
	expect(terminal.output()).toContain('Configuration written to');
	expect(terminal.output()).not.toContain('\u001B[?1049h');
	const written = JSON.parse(
		readFileSync(path.join(folder, 'configuration.json'), 'utf8'),
	) as ConfigDocument;
	expect(written.exchange).toMatchObject({
		enabled: true,
		email: 'k2svc@contoso.com',
		server: 'exch01.contoso.com',
		standard: true,
		administrative: false,
	});
	expect(written.serviceInstances.map(instance => instance.name)).toEqual([
		'Exchange Management',
		'Exchange Meta Data',
	]);
}, 120_000);

test('Ctrl+C at a question ends with 130 and writes nothing', async () => {
	const {terminal, answer, prompt} = start();
	await answer(/Use Exchange for mail integration\?[\s\S]*: $/, '1');
	await prompt(/Use Autodiscover\?[\s\S]*: $/);
	terminal.write('\u0003');
	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(130);
	expect(exit.mode).toEqual({canonical: true, echo: true});
	expect(terminal.output()).toContain('nothing was written');
	expect(await readdir(folder)).toEqual([]);
}, 60_000);

test('the end of input (Ctrl+D) at a question ends with 130 and writes nothing', async () => {
	const {terminal, prompt} = start();
	await prompt(/Use Exchange for mail integration\?[\s\S]*: $/);
	terminal.write('\u0004');
	const exit = await terminal.exited(30_000);
	expect(exit.code).toBe(130);
	expect(existsSync(path.join(folder, 'configuration.json'))).toBe(false);
	expect(await readdir(folder)).toEqual([]);
}, 60_000);
