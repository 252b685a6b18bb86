/*
The built command in a real pseudo-terminal: the wizard takes over the
screen, and on every way out gives the terminal back as it was.
*/
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {permissionsOf} from '../helpers/permissions.js';

const cli = path.join(import.meta.dirname, '..', '..', 'dist', 'cli.cjs');
const enterAlternate = '\u001B[?1049h';
const leaveAlternate = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(path.join(tmpdir(), 'k2-wizard-pty-'));
});
afterEach(async () => {
	await rm(folder, {recursive: true, force: true});
});

function start(args: string[]) {
	if (!existsSync(cli)) {
		throw new Error(`${cli} is missing: run npm run build first.`);
	}

	const terminal = pty.spawn(process.execPath, [cli, ...args], {
		cols: 80,
		rows: 24,
		// CI set on purpose: on a terminal the wizard draws regardless.
		env: {...process.env, TERM: 'xterm-256color', CI: 'true'},
	});
	// The raw stream holds cursor moves and partial redraws; an emulated
	// screen shows what the administrator sees.
	const screen = new xterm.Terminal({
		cols: 80,
		rows: 24,
		allowProposedApi: true,
	});
	let output = '';
	terminal.onData(data => {
		output += data;
		screen.write(data);
	});
	const visible = () => {
		const buffer = screen.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < screen.rows; row++) {
			lines.push(
				buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
			);
		}

		return lines.join('\n');
	};

	const exited = new Promise<number>(resolve => {
		terminal.onExit(({exitCode}) => {
			resolve(exitCode);
		});
	});
	return {
		terminal,
		exited,
		output: () => output,
		async until(text: string, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				// Writes to the emulator land asynchronously; flush them first.
				// eslint-disable-next-line no-await-in-loop
				await new Promise<void>(resolve => {
					screen.write('', resolve);
				});
				if (visible().includes(text)) {
					return;
				}

				if (Date.now() > deadline) {
					throw new Error(
						`"${text}" never appeared; the screen was:\n${visible()}`,
					);
				}

				// eslint-disable-next-line no-await-in-loop
				await new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			}
		},
	};
}

test('ctrl+c quits at once, writes nothing and restores the terminal', async () => {
	const config = path.join(folder, 'configuration.json');
	const run = start(['--simulate', 'contoso-2019', '--config', config]);
	await run.until('Use Exchange for mail integration');
	run.terminal.write('\u0003');
	expect(await run.exited).toBe(130);

	const output = run.output();
	const entered = output.indexOf(enterAlternate);
	const left = output.lastIndexOf(leaveAlternate);
	expect(entered).toBeGreaterThanOrEqual(0);
	expect(left).toBeGreaterThan(entered);
	expect(output.lastIndexOf(showCursor)).toBeGreaterThan(
		output.indexOf('Use Exchange'),
	);
	expect(await readdir(folder)).toEqual([]);
});

test('enter on every page walks through with the answer file and writes the configuration', async () => {
	const config = path.join(folder, 'configuration.json');
	const answers = path.join(folder, 'given.json');
	await writeFile(
		answers,
		JSON.stringify({
			useExchange: true,
			email: 'k2svc@contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
			administrative: true,
			standard: true,
		}),
	);
	const run = start([
		'--simulate',
		'contoso-2019',
		'--config',
		config,
		'--answers',
		answers,
	]);
	for (const page of [
		'Step 1 of 6',
		'Enter next  Esc back',
		'Step 3 of 6',
		'Step 4 of 6',
		'Step 5 of 6',
		'Step 6 of 6',
	]) {
		// eslint-disable-next-line no-await-in-loop
		await run.until(page);
		run.terminal.write('\r');
	}

	expect(await run.exited).toBe(0);
	const written = JSON.parse(await readFile(config, 'utf8')) as {
		exchange: unknown;
		serviceInstances: Array<{name: string}>;
	};
	expect(written.exchange).toMatchObject({
		enabled: true,
		server: 'exch01.contoso.com',
		standard: true,
		administrative: true,
	});
	expect(written.serviceInstances.map(instance => instance.name)).toEqual([
		'Exchange Management',
		'Exchange Meta Data',
		'Exchange Administration',
	]);
	// The run's answers are kept beside it, for the owner only, to replay.
	const saved = path.join(folder, 'answers.json');
	expect(await permissionsOf(saved)).toBe(0o600);
	expect(JSON.parse(await readFile(saved, 'utf8'))).toMatchObject({
		useExchange: true,
		server: 'exch01.contoso.com',
		administrative: true,
		mailboxDatabase: 'DB01',
	});
	expect(run.output().lastIndexOf(leaveAlternate)).toBeGreaterThan(0);
});
