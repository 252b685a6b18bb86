import path from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {keys, restoreProblems, startApp, type AppTerminal} from './pty.js';

const fixture = path.join(import.meta.dirname, '../fixtures/terminal/keys.js');
let running: AppTerminal | undefined;

afterEach(() => {
	running?.dispose();
	running = undefined;
});

function start(args: string[] = []) {
	running = startApp(args, {program: fixture});
	return running;
}

test('reads the screen of a program in an 80x24 pseudo-terminal', async () => {
	const terminal = start();
	await terminal.waitFor('ready 80x24');
	expect(terminal.buffer()).toBe('alternate');
	expect(terminal.lines()).toHaveLength(24);
});

test('sends each key as its own write', async () => {
	const terminal = start();
	await terminal.waitFor('ready');
	await terminal.press(keys.escape, keys.down, keys.shiftTab, keys.enter);
	const screen = await terminal.waitFor(String.raw`key "\r"`);
	expect(screen.split('\n').slice(1, 5)).toEqual([
		String.raw`key "\u001b"`,
		String.raw`key "\u001b[B"`,
		String.raw`key "\u001b[Z"`,
		String.raw`key "\r"`,
	]);
});

test('reports the exit code and a restored terminal', async () => {
	const terminal = start();
	await terminal.waitFor('ready');
	terminal.write(keys.ctrlC);
	const exit = await terminal.exited();
	expect(exit.code).toBe(130);
	expect(exit.mode).toEqual({canonical: true, echo: true});
	expect(restoreProblems(terminal.output())).toEqual([]);
	expect(terminal.buffer()).toBe('normal');
});

test('notices a program that leaves the terminal unrestored', async () => {
	const terminal = start(['--sloppy']);
	await terminal.waitFor('ready');
	terminal.write('q');
	const exit = await terminal.exited();
	expect(exit.code).toBe(137);
	expect(exit.mode).toEqual({canonical: false, echo: false});
	expect(restoreProblems(terminal.output())).toEqual([
		'the alternate screen was not left (ESC[?1049l)',
		'the cursor was left hidden (no ESC[?25h after ESC[?25l)',
	]);
});

test('passes a resize to the program', async () => {
	const terminal = start();
	await terminal.waitFor('ready');
	terminal.resize(100, 30);
	await terminal.waitFor('resized 100x30');
});

test('times out with the screen in the message', async () => {
	const terminal = start();
	await terminal.waitFor('ready');
	await expect(terminal.waitFor('never shown', 200)).rejects.toThrow(
		/waiting for never shown.*\n.*ready 80x24/s,
	);
});
