import {spawn} from 'node:child_process';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';

/** The bin `npm test` builds first; tests spawn it as a user runs it. */
export const cliPath = path.join(import.meta.dirname, '../../dist/cli.cjs');

export type CliResult = {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
};

export type CliOptions = {
	/** Written to stdin, then stdin is closed. */
	readonly input?: string;
	readonly env?: Record<string, string | undefined>;
	/** The folder used as XDG_CONFIG_HOME, so default paths land there. */
	readonly home?: string;
	readonly cwd?: string;
	/** Called with the child once it has started. */
	readonly onSpawn?: (child: ReturnType<typeof spawn>) => void;
};

export async function freshHome(): Promise<string> {
	return mkdtemp(path.join(tmpdir(), 'k2-cli-'));
}

/** The configuration file the default paths give under `home`. */
export function configIn(home: string): string {
	return path.join(home, 'k2-exchange-setup', 'configuration.json');
}

export async function runCli(
	args: readonly string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, [cliPath, ...args], {
		cwd: options.cwd,
		env: {
			PATH: process.env['PATH'],
			HOME: options.home ?? tmpdir(),
			XDG_CONFIG_HOME: options.home ?? path.join(tmpdir(), 'k2-cli-unused'),
			NO_COLOR: '1',
			...options.env,
		},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	options.onSpawn?.(child);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.on('error', () => undefined);
	child.stdin.end(options.input ?? '');
	return new Promise(resolve => {
		child.on('close', (code, signal) => {
			resolve({code, signal, stdout, stderr});
		});
	});
}
