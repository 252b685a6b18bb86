import type {Buffer} from 'node:buffer';
import {spawn} from 'node:child_process';
import process from 'node:process';
import {expect, test} from 'vitest';
import {cliPath} from '../helpers/run-cli.js';

test('a reader that closes the pipe early ends the run quietly, with its own exit code', async () => {
	const child = spawn(
		process.execPath,
		[cliPath, 'detect', '--json', '--simulate', 'contoso-2019'],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	// The reader is gone before the command writes its first line.
	child.stdout.destroy();
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	expect(stderr).not.toMatch(/EPIPE|at .*\(.*:\d+:\d+\)/);
	// The default scenario has no failing check: detect ends with 0.
	expect(code).toBe(0);
});
