import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {settled} from '../../source/settled.js';
import {childrenOf} from './processes.js';

export {keys} from './keys.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The built command as package.json's bin names it: what users run. */
export const builtCli = path.join(repoRoot, 'dist', 'cli.cjs');

/**
PATH with the user-local dotnet tools, where pwsh is installed here.
*/
export const pathWithPwsh = [
	path.join(os.homedir(), '.dotnet', 'tools'),
	process.env['PATH'] ?? '',
].join(path.delimiter);

export type Match = string | RegExp | ((screen: string) => boolean);

export type TerminalMode = {
	/** Line editing on: the app gave raw mode back. */
	readonly canonical: boolean;
	readonly echo: boolean;
};

export type AppExit = {
	readonly code: number;
	/** The terminal's mode right after the app ended, read with stty. */
	readonly mode: TerminalMode | undefined;
};

export type StartOptions = {
	readonly cols?: number;
	readonly rows?: number;
	/** Added to a clean environment (CI and colour variables removed). */
	readonly env?: Record<string, string | undefined>;
	readonly cwd?: string;
	/** Run this program instead of the built app (for the helper's own tests). */
	readonly program?: string;
	/**
	Start node directly, without the shell that reads the terminal's mode
	afterwards (for timing, where the shell would add its own start-up).
	@default true
	*/
	readonly wrap?: boolean;
};

export type AppTerminal = {
	/** The pid of the app itself (node running dist/cli.js). */
	readonly pid: () => number | undefined;
	/** The emulated screen, rows joined by newlines, trailing blanks removed. */
	readonly screen: () => string;
	readonly lines: () => string[];
	/** Every byte the app wrote, as received. */
	readonly output: () => string;
	/** Which buffer the emulated terminal shows now. */
	readonly buffer: () => 'normal' | 'alternate';
	/**
	Press keys one at a time, as separate writes, waiting after each until
	the app has been quiet for a moment (so keys never arrive glued together).
	*/
	readonly press: (...keys: string[]) => Promise<void>;
	/** Write text as typed, one character per write. */
	readonly type: (text: string) => Promise<void>;
	/** Write bytes as they are, in one write. */
	readonly write: (data: string) => void;
	/** Resolves with the screen once it matches; rejects with it at the deadline. */
	readonly waitFor: (match: Match, timeoutMs?: number) => Promise<string>;
	/** Resolves once the screen differs from `from` (default: the screen now). */
	readonly waitForChange: (
		from?: string,
		timeoutMs?: number,
	) => Promise<string>;
	/** Resolves once no output arrived for `quietMs`. */
	readonly settle: (quietMs?: number, timeoutMs?: number) => Promise<void>;
	readonly resize: (cols: number, rows: number) => void;
	/** Resolves when the app has exited. */
	readonly exited: (timeoutMs?: number) => Promise<AppExit>;
	readonly hasExited: () => boolean;
	/**
	Resolves with the time (performance.now()) at which output that changed
	the screen arrived, after `since`.
	*/
	readonly nextScreenChange: (timeoutMs?: number) => Promise<number>;
	readonly kill: (signal?: string) => void;
	readonly dispose: () => void;
};

const defaultTimeout = 10_000;

/**
How long a key may take to show on screen before the next one is sent. Keys
sent while the app is still busy with the previous one arrive glued into one
read, which Ink 6 does not split (see the readme's known limitations); on a
loaded machine a redraw can take a good part of a second.
*/
const keyAnswerMs = 1500;

/**
Start the built app (or `options.program`) in a real pseudo-terminal and
emulate the screen it draws. A small shell wraps the app so the terminal's
mode can be read with stty after the app has ended.
*/
export function startApp(
	args: readonly string[],
	options: StartOptions = {},
): AppTerminal {
	const cols = options.cols ?? 80;
	const rows = options.rows ?? 24;
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	const stateDirectory = mkdtempSync(path.join(os.tmpdir(), 'k2-pty-'));
	const modeFile = path.join(stateDirectory, 'stty');

	const program = options.program ?? builtCli;
	// `trap :` (a handler, not an ignore) so a SIGINT to the foreground group
	// does not end the wrapper before it can read the mode; handlers are reset
	// for the app on exec, so the app sees SIGINT as usual.
	const script =
		'trap : INT; "$@"; s=$?; stty -a >"$K2_STTY_FILE" 2>/dev/null; exit $s';
	const wrap = options.wrap ?? true;
	const wrapper = pty.spawn(
		wrap ? '/bin/sh' : process.execPath,
		wrap
			? ['-c', script, 'sh', process.execPath, program, ...args]
			: [program, ...args],
		{
			// The node-pty library sets TERM to this name, over the environment's own.
			name: options.env?.['TERM'] ?? 'xterm-256color',
			cols,
			rows,
			cwd: options.cwd ?? repoRoot,
			env: cleanEnvironment({
				...options.env,
				K2_STTY_FILE: modeFile,
			}),
		},
	);

	let raw = '';
	let pendingWrites = 0;
	let lastOutputAt = performance.now();
	const changeWatchers = new Set<(at: number) => void>();
	let exitCode: number | undefined;
	const exitWatchers = new Set<() => void>();

	wrapper.onData(data => {
		const arrivedAt = performance.now();
		lastOutputAt = arrivedAt;
		raw += data;
		pendingWrites++;
		const before = watchersWanted() ? readScreen() : '';
		terminal.write(data, () => {
			pendingWrites--;
			if (changeWatchers.size > 0 && readScreen() !== before) {
				for (const watcher of changeWatchers) {
					watcher(arrivedAt);
				}

				changeWatchers.clear();
			}
		});
	});

	wrapper.onExit(({exitCode: code}) => {
		exitCode = code;
		for (const watcher of exitWatchers) {
			watcher();
		}
	});

	function watchersWanted() {
		return changeWatchers.size > 0;
	}

	function readLines(): string[] {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push(
				buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '',
			);
		}

		return lines;
	}

	function readScreen(): string {
		return readLines()
			.map(line => line.trimEnd())
			.join('\n')
			.trimEnd();
	}

	async function poll<T>(
		check: () => T | undefined,
		timeoutMs: number,
		describe: () => string,
	): Promise<T> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			// Only judge the screen once the emulator has parsed what arrived.
			if (pendingWrites === 0) {
				const result = check();
				if (result !== undefined) {
					return result;
				}
			}

			if (performance.now() > deadline) {
				throw new Error(describe());
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}
	}

	function matches(match: Match, screen: string): boolean {
		if (typeof match === 'string') {
			return screen.includes(match);
		}

		if (match instanceof RegExp) {
			return match.test(screen);
		}

		return match(screen);
	}

	const waitFor = async (match: Match, timeoutMs = defaultTimeout) =>
		poll(
			() => {
				const screen = readScreen();
				return matches(match, screen) ? screen : undefined;
			},
			timeoutMs,
			() =>
				`Timed out after ${timeoutMs} ms waiting for ${String(match)}` +
				`${exitCode === undefined ? '' : ` (the app exited with ${exitCode})`}` +
				`; the screen was:\n${readScreen()}`,
		);

	const settle = async (quietMs = 30, timeoutMs = 2000) => {
		const since = performance.now();
		await settled(
			poll(
				() =>
					performance.now() - Math.max(lastOutputAt, since) >= quietMs
						? true
						: undefined,
				timeoutMs,
				() => `The app never went quiet for ${quietMs} ms`,
			),
		);
	};

	/**
	After a key: wait for the app's answer to it (the screen changes) and for
	the app to go quiet. A key that changes nothing costs the whole wait, so
	tests send those with write().
	*/
	const afterKey = async (before: string) => {
		const deadline = performance.now() + keyAnswerMs;
		await settled(
			poll(
				() =>
					readScreen() !== before || performance.now() > deadline
						? true
						: undefined,
				1000,
				() => 'unreachable',
			),
		);
		await settle(25);
	};

	const write = (data: string) => {
		if (exitCode === undefined) {
			wrapper.write(data);
		}
	};

	function readMode(): TerminalMode | undefined {
		let text: string;
		try {
			text = readFileSync(modeFile, 'utf8');
		} catch {
			return undefined;
		}

		return {
			canonical: /(^|\s)icanon(\s|;|$)/.test(text),
			echo: /(^|\s)echo(\s|;|$)/.test(text),
		};
	}

	return {
		pid() {
			return wrap ? childrenOf(wrapper.pid)[0] : wrapper.pid;
		},
		screen: readScreen,
		lines: readLines,
		output: () => raw,
		buffer: () => terminal.buffer.active.type,
		async press(...keys) {
			for (const pressed of keys) {
				const before = readScreen();
				write(pressed);
				// eslint-disable-next-line no-await-in-loop
				await afterKey(before);
			}
		},
		async type(text) {
			for (const character of text) {
				const before = readScreen();
				write(character);
				// eslint-disable-next-line no-await-in-loop
				await afterKey(before);
			}
		},
		write,
		waitFor,
		async waitForChange(from, timeoutMs = defaultTimeout) {
			const before = from ?? readScreen();
			return waitFor(screen => screen !== before, timeoutMs);
		},
		settle,
		resize(newCols, newRows) {
			wrapper.resize(newCols, newRows);
			terminal.resize(newCols, newRows);
		},
		async exited(timeoutMs = defaultTimeout) {
			if (exitCode === undefined) {
				await new Promise<void>((resolve, reject) => {
					const timer = setTimeout(() => {
						exitWatchers.delete(done);
						reject(
							new Error(
								`The app did not exit within ${timeoutMs} ms; the screen was:\n${readScreen()}`,
							),
						);
					}, timeoutMs);
					const done = () => {
						clearTimeout(timer);
						resolve();
					};

					exitWatchers.add(done);
				});
			}

			// Let the last bytes reach the emulator.
			await poll(
				() => (pendingWrites === 0 ? true : undefined),
				1000,
				() => 'The emulator did not finish parsing the output',
			);
			return {code: exitCode!, mode: readMode()};
		},
		hasExited: () => exitCode !== undefined,
		async nextScreenChange(timeoutMs = defaultTimeout) {
			return new Promise<number>((resolve, reject) => {
				const timer = setTimeout(() => {
					changeWatchers.delete(watcher);
					reject(new Error(`The screen did not change within ${timeoutMs} ms`));
				}, timeoutMs);
				const watcher = (at: number) => {
					clearTimeout(timer);
					resolve(at);
				};

				changeWatchers.add(watcher);
			});
		},
		kill(signal) {
			const app = wrap ? childrenOf(wrapper.pid)[0] : wrapper.pid;
			if (app !== undefined) {
				try {
					process.kill(app, signal ?? 'SIGTERM');
				} catch {}
			}
		},
		dispose() {
			if (exitCode === undefined) {
				try {
					wrapper.kill('SIGKILL');
				} catch {}
			}

			terminal.dispose();
			rmSync(stateDirectory, {recursive: true, force: true});
		},
	};
}

/**
The environment the app starts with: the test runner's, minus what would
change how the app draws (CI flags, colour overrides), plus `extra`.
*/
export function cleanEnvironment(
	extra: Record<string, string | undefined> = {},
): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (value === undefined) {
			continue;
		}

		if (
			name === 'CI' ||
			name === 'CONTINUOUS_INTEGRATION' ||
			name === 'NO_COLOR' ||
			name === 'FORCE_COLOR' ||
			name.startsWith('VITEST') ||
			name === 'NODE_ENV' ||
			name === 'TERM'
		) {
			continue;
		}

		environment[name] = value;
	}

	environment['PATH'] = pathWithPwsh;
	environment['TERM'] = 'xterm-256color';
	environment['LANG'] ??= 'C.UTF-8';
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) {
			// eslint-disable-next-line @typescript-eslint/no-dynamic-delete
			delete environment[name];
		} else {
			environment[name] = value;
		}
	}

	return environment;
}

/**
What the app left behind in the output stream: the alternate screen left,
the cursor shown again.
*/
export function restoreProblems(output: string): string[] {
	const problems: string[] = [];
	const enteredAlternate = output.lastIndexOf('\u001B[?1049h');
	const leftAlternate = output.lastIndexOf('\u001B[?1049l');
	if (enteredAlternate > leftAlternate) {
		problems.push('the alternate screen was not left (ESC[?1049l)');
	}

	const hidCursor = output.lastIndexOf('\u001B[?25l');
	const showedCursor = output.lastIndexOf('\u001B[?25h');
	if (hidCursor > showedCursor) {
		problems.push('the cursor was left hidden (no ESC[?25h after ESC[?25l)');
	}

	return problems;
}
