/*
One long-lived PowerShell, shared by every probe of a run.

node-powershell 5 drives the shell, but its own timeout leaves the command
running, its dispose makes an in-flight call look like an empty success,
queued calls never settle after a dispose, and an exiting shell rejects a
promise nobody awaits. So this service keeps its own queue, its own timers
and cancellation, kills and respawns the shell after a timeout, a cancel or
a crash, and turns every such failure into data.
*/
import type {ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import process from 'node:process';
import {PowerShell} from 'node-powershell';
import {settled} from '../../settled.js';
import {classifyError} from '../classify.js';
import type {ErrorCategory} from '../types.js';
import {noTranscript, type Transcript} from '../transcript.js';
import {stoppedError} from '../wait.js';
import {locatePowerShell, powerShellCandidates} from './locate.js';
import {
	commandLine,
	parseEnvelope,
	probeScript,
	readProbeFile,
	type ProbeResult,
	type RemoteError,
	type ScriptName,
} from './scripts.js';

export type ShellInfo = {
	readonly pid: number;
	/** $PSVersionTable.PSVersion. */
	readonly version: string;
	/** Desktop (Windows PowerShell) or Core (pwsh). */
	readonly edition: string;
	readonly executable: string;
};

/** Why a whole script run failed, before any check could answer. */
export type RunFailure = RemoteError & {readonly category: ErrorCategory};

export type RunResult =
	| {
			readonly ok: true;
			readonly results: Readonly<Record<string, ProbeResult>>;
			readonly ms: number;
	  }
	| {readonly ok: false; readonly failure: RunFailure; readonly ms: number};

/** A script outside probes/, for tests: its text follows the runtime. */
export type CustomScript = {readonly name: string; readonly text: string};

export type RunOptions = {
	readonly signal?: AbortSignal;
	readonly timeoutMs?: number;
	/** Keeps the script's error stream out of the transcript. */
	readonly sensitive?: boolean;
};

export type PowerShellServiceOptions = {
	/** The PowerShell to run; otherwise NODE_POWERSHELL, then the usual names. */
	readonly executable?: string;
	readonly env?: NodeJS.ProcessEnv;
	/**
	The source of the module that defines the seam commands. Defaults to the
	real ones in probes/_seams.ps1; tests and --engine powershell pass
	stand-ins built from a scenario.
	*/
	readonly seams?: string;
	/** How long a new shell may take to answer. Default 15 s. */
	readonly startupTimeoutMs?: number;
	/** For runs that name no timeout. Default 120 s. */
	readonly defaultTimeoutMs?: number;
	readonly transcript?: Transcript;
};

export type PowerShellService = {
	/** Runs one probe script, starting or restarting the shell as needed. */
	run(
		script: ScriptName | CustomScript,
		arguments_: Record<string, unknown>,
		options?: RunOptions,
	): Promise<RunResult>;
	/** Starts the shell now, so the first probe does not wait for it. */
	start(options?: RunOptions): Promise<ShellInfo | RunFailure>;
	/**
	Replaces the seam module, in the running shell and in every shell started
	after. Lets tests walk through many scenarios without a new shell each.
	*/
	useSeams(source: string): Promise<RunResult>;
	/** The running shell, if there is one. */
	current(): ShellInfo | undefined;
	/** Ends the shell. The service can still be used: it starts a new one. */
	dispose(): Promise<void>;
};

type Live = {
	readonly ps: PowerShell;
	readonly child: ChildProcess;
	readonly executable: string;
	info?: ShellInfo;
	exited: boolean;
	/** Ended on purpose (a timeout, a cancel, dispose), not by a crash. */
	stopped: boolean;
	exitCode: number | null;
	exitSignal: string | null;
	readonly exitedPromise: Promise<void>;
};

type Stop = 'timeout' | 'cancelled';

type Answer =
	| {kind: 'answer'; stdout: string; stderr: string}
	| {kind: 'failed'; failure: RunFailure}
	| {kind: 'timeout'}
	| {kind: 'cancelled'};

const killGraceMs = 2000;
/** How long node-powershell may lag behind a complete envelope. */
const stuckGraceMs = 3000;

/** Every shell still running, killed if Node exits without disposing. */
const running = new Set<Live>();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) {
		return;
	}

	exitHookInstalled = true;
	process.once('exit', () => {
		for (const shell of running) {
			killInner(shell);
			shell.child.kill('SIGKILL');
		}
	});
}

/**
A dotnet global tool's pwsh is a launcher that runs the real shell as its
own child; killing the launcher alone would leave that shell behind. The
shell names its pid when it starts; one killed before that is found as the
launcher's child (on Linux, where /proc lists children). Returns the pids
killed.
*/
function killInner(shell: Live): number[] {
	const launcher = shell.child.pid;
	const known = shell.info?.pid;
	const inner =
		known === undefined
			? childrenOf(launcher)
			: [known].filter(pid => pid !== launcher);
	for (const pid of inner) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}

	return inner;
}

function childrenOf(pid: number | undefined): number[] {
	if (pid === undefined || process.platform !== 'linux') {
		return [];
	}

	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.split(' ')
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/** Resolves once none of the pids is running, or after `limitMs`. */
async function gone(pids: number[], limitMs: number): Promise<void> {
	const deadline = Date.now() + limitMs;
	while (pids.some(pid => isRunning(pid)) && Date.now() < deadline) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** What the shell printed for one line, or that the call itself failed. */
async function answerOf(ps: PowerShell, line: string) {
	let result: Awaited<ReturnType<PowerShell['invoke']>>;
	try {
		result = await ps.invoke(line);
	} catch {
		return {kind: 'crashed' as const};
	}

	return {
		kind: 'answer' as const,
		stdout: result.stdout?.toString('utf8') ?? '',
		stderr: result.stderr?.toString('utf8').trim() ?? '',
	};
}

async function stopped(stop: Promise<Stop>): Promise<Answer> {
	return {kind: await stop};
}

/**
The error id of each check that failed, for the transcript; undefined when
none did. A check without an id gives its message, unless that could hold
a secret.
*/
function failedChecks(
	results: Readonly<Record<string, ProbeResult>>,
	sensitive = false,
): Record<string, string> | undefined {
	const errorIds: Record<string, string> = {};
	for (const [check, result] of Object.entries(results)) {
		if (!result.ok) {
			errorIds[check] =
				result.error.errorId ?? (sensitive ? 'error' : result.error.message);
		}
	}

	return Object.keys(errorIds).length > 0 ? errorIds : undefined;
}

/** Resolves with `value` once `promise` has resolved. */
async function after<T>(promise: Promise<unknown>, value: T): Promise<T> {
	await promise;
	return value;
}

export function createPowerShellService(
	options: PowerShellServiceOptions = {},
): PowerShellService {
	const transcript = options.transcript ?? noTranscript;
	const startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
	const defaultTimeoutMs = options.defaultTimeoutMs ?? 120_000;
	let seams = options.seams ?? readProbeFile('_seams.ps1');
	let live: Live | undefined;
	let starting: Promise<Live | RunFailure> | undefined;
	let booting: Live | undefined;
	/** Counts dispose() calls, so a start that outlives one is thrown away. */
	let disposals = 0;
	let queue: Promise<void> = Promise.resolve();

	function spawnShell(executable: string): Live {
		const ps = new PowerShell({
			executable,
			executableOptions: {'-NoProfile': true, '-NonInteractive': true},
			spawnOptions: {
				windowsHide: true,
				env: {
					...(options.env ?? process.env),
					POWERSHELL_TELEMETRY_OPTOUT: '1',
					POWERSHELL_UPDATECHECK: 'Off',
					// Otherwise .NET on Linux and macOS writes keypad-mode escapes
					// around every command, stray bytes between the markers
					// node-powershell frames each call with.
					TERM: 'dumb',
				},
			},
			throwOnInvocationError: false,
			invocationTimeout: 0,
			debug: false,
		});
		// Fields node-powershell keeps private: the child process, and the
		// promise that rejects when the shell exits with an error code.
		const internals = ps as unknown as {
			process: ChildProcess;
			exitPromise: Promise<void>;
		};
		void settled(internals.exitPromise);
		const {child} = {child: internals.process};
		// Writing to a shell that has gone raises EPIPE on its stdin; without
		// a listener that would end the app.
		child.stdin?.on('error', () => undefined);
		child.stdout?.on('error', () => undefined);
		child.stderr?.on('error', () => undefined);
		let markExited: () => void = () => undefined;
		const shell: Live = {
			ps,
			child,
			executable,
			exited: false,
			stopped: false,
			exitCode: null,
			exitSignal: null,
			exitedPromise: new Promise(resolve => {
				markExited = resolve;
			}),
		};
		child.once('error', () => {
			shell.exited = true;
			running.delete(shell);
			markExited();
		});
		child.once('exit', (code, signal) => {
			shell.exited = true;
			shell.exitCode = code;
			shell.exitSignal = signal;
			running.delete(shell);
			markExited();
			transcript.write({
				event: 'shell-exit',
				pid: child.pid,
				exitCode: code,
				outcome: signal ?? undefined,
			});
		});
		running.add(shell);
		installExitHook();
		return shell;
	}

	async function kill(shell: Live) {
		if (live === shell) {
			live = undefined;
		}

		if (shell.exited) {
			return;
		}

		shell.stopped = true;
		const inner = killInner(shell);
		void settled(shell.ps.dispose());
		const timer = setTimeout(() => {
			if (!shell.exited) {
				shell.child.kill('SIGKILL');
			}
		}, killGraceMs);
		await shell.exitedPromise;
		clearTimeout(timer);
		// The launcher has gone; the shell it ran goes a moment later.
		await gone(inner, killGraceMs);
	}

	/**
	A promise that settles when the signal aborts or, if a limit is given,
	when it passes. Never rejects.
	*/
	function stopper(signal: AbortSignal | undefined, timeoutMs?: number) {
		let timer: NodeJS.Timeout | undefined;
		let onAbort: (() => void) | undefined;
		const promise = new Promise<Stop>(resolve => {
			if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
				timer = setTimeout(() => {
					resolve('timeout');
				}, timeoutMs);
			}

			if (signal) {
				onAbort = () => {
					resolve('cancelled');
				};

				signal.addEventListener('abort', onAbort, {once: true});
			}
		});
		return {
			promise,
			clear() {
				clearTimeout(timer);
				if (signal && onAbort) {
					signal.removeEventListener('abort', onAbort);
				}
			},
		};
	}

	// The same words as the simulated environment, so both give one report.
	function stopFailure(stop: Stop, timeoutMs: number): RunFailure {
		const error = stoppedError(stop, {timeoutMs});
		return {category: error.category, message: error.message};
	}

	function crashFailure(shell: Live): RunFailure {
		const how =
			shell.exitSignal === null
				? `exit code ${shell.exitCode ?? 'unknown'}`
				: `signal ${shell.exitSignal}`;
		return {
			category: 'shell-crashed',
			message: `PowerShell ended unexpectedly (${how}).`,
		};
	}

	/**
	Sends one line and waits for the answer, a stop, or the shell's end.
	*/
	async function invoke(
		shell: Live,
		line: string,
		stop: Promise<Stop>,
	): Promise<Answer> {
		const watchdog = watchForEnvelope(shell);
		const first = await Promise.race([
			answerOf(shell.ps, line),
			watchdog.promise,
			stopped(stop),
			after(shell.exitedPromise, {kind: 'crashed' as const}),
		]);
		watchdog.clear();
		// The node-powershell module keeps every command and its output for
		// ever; the commands carry arguments (a secret, for protect-secret).
		shell.ps.history.length = 0;
		if (first.kind === 'stuck') {
			// The module missed its own end marker; its queue cannot be
			// trusted any more, so this shell is replaced after this answer.
			await kill(shell);
			return {kind: 'answer', stdout: first.stdout, stderr: ''};
		}

		if (first.kind === 'timeout' || first.kind === 'cancelled') {
			await kill(shell);
			return first;
		}

		// An answer that arrives as the shell exits is not to be trusted:
		// node-powershell resolves a killed call with empty output.
		if (first.kind === 'crashed' || shell.exited) {
			if (shell.stopped) {
				return {kind: 'cancelled'};
			}

			await kill(shell);
			return {kind: 'failed', failure: crashFailure(shell)};
		}

		return first;
	}

	/**
	Watches stdout for the envelope on its own. node-powershell finds the end
	of a call by searching for a marker in a window at the end of its buffer,
	and can miss it when stray bytes came first; then the call would never
	settle. Once the envelope line is complete and node-powershell still has
	not answered after a grace period, the captured text is the answer.
	*/
	function watchForEnvelope(shell: Live) {
		let captured = '';
		let timer: NodeJS.Timeout | undefined;
		let listener: ((chunk: string | Uint8Array) => void) | undefined;
		const promise = new Promise<{kind: 'stuck'; stdout: string}>(resolve => {
			listener = chunk => {
				captured += typeof chunk === 'string' ? chunk : String(chunk);
				if (!timer && /@@PROBE@@[A-Za-z\d+/=]*\r?\n/.test(captured)) {
					timer = setTimeout(() => {
						resolve({kind: 'stuck', stdout: captured});
					}, stuckGraceMs);
				}
			};

			shell.child.stdout?.on('data', listener);
		});
		return {
			promise,
			clear() {
				clearTimeout(timer);
				if (listener) {
					shell.child.stdout?.off('data', listener);
				}
			},
		};
	}

	/**
	Starts a shell and loads the seams. Starting has its own time limit, and
	it is shared: a caller that gives up waiting does not stop it for others.
	*/
	async function startShell(): Promise<Live | RunFailure> {
		const generation = disposals;
		const executable = locatePowerShell({
			executable: options.executable,
			env: options.env,
		});
		if (!executable) {
			transcript.write({
				event: 'shell-start',
				outcome: 'shell-missing',
				stderr: `looked for ${powerShellCandidates({
					executable: options.executable,
					env: options.env,
				}).join(', ')}`,
			});
			return {category: 'shell-missing', message: 'PowerShell not found'};
		}

		const path = executable;
		const shell = spawnShell(path);
		booting = shell;
		const startedAt = Date.now();
		const startup = stopper(undefined, startupTimeoutMs);
		const result = await invoke(
			shell,
			// The app's pid, so the shell ends with it even when killed.
			commandLine(probeScript('_startup'), {seams, parentPid: process.pid}),
			startup.promise,
		);
		startup.clear();
		booting = undefined;
		const ms = Date.now() - startedAt;
		if (generation !== disposals) {
			await kill(shell);
			return {category: 'cancelled', message: 'The operation was cancelled.'};
		}

		const failure = startupFailure(result, shell);
		if (failure) {
			await kill(shell);
			transcript.write({
				event: 'shell-start',
				executable,
				pid: shell.child.pid,
				ms,
				outcome: failure.category,
				stderr: result.kind === 'answer' ? result.stderr : undefined,
			});
			return failure;
		}

		transcript.write({
			event: 'shell-start',
			executable,
			pid: shell.info?.pid,
			shell: `${shell.info?.edition} ${shell.info?.version}`,
			ms,
			outcome: 'ok',
		});
		return shell;

		function startupFailure(
			outcome: Answer,
			started: Live,
		): RunFailure | undefined {
			if (outcome.kind === 'failed') {
				return outcome.failure;
			}

			if (outcome.kind !== 'answer') {
				return {
					category: 'timeout',
					message: `PowerShell did not start within ${startupTimeoutMs} ms.`,
				};
			}

			const envelope = parseEnvelope(outcome.stdout);
			if (!envelope) {
				return noAnswer(outcome.stderr);
			}

			if (!envelope.ok) {
				return classified(envelope.error);
			}

			const shellResult = envelope.results['shell'];
			if (!shellResult?.ok) {
				return noAnswer(outcome.stderr);
			}

			const data = shellResult.data as Record<string, unknown>;
			started.info = {
				pid: Number(data['pid']),
				version: String(data['version']),
				edition: String(data['edition']),
				executable: path,
			};
			return undefined;
		}
	}

	/**
	Waits for this run's turn on the shell. Resolves with the function that
	gives the turn back, or with the stop that came first.
	*/
	async function acquire(stop: Promise<Stop>): Promise<(() => void) | Stop> {
		let release: () => void = () => undefined;
		const previous = queue;
		queue = new Promise(resolve => {
			release = resolve;
		});
		const first = await Promise.race([after(previous, 'turn' as const), stop]);
		if (first !== 'turn') {
			// Hand the turn on once it comes, so later runs are not held up.
			void (async () => {
				await previous;
				release();
			})();

			return first;
		}

		return release;
	}

	async function ensureShell(
		stop: Promise<Stop>,
	): Promise<Live | RunFailure | Stop> {
		if (live && !live.exited) {
			return live;
		}

		starting ??= startLive();
		return Promise.race([starting, stop]);
	}

	/** Starts a shell that, once started, is the live one. */
	async function startLive(): Promise<Live | RunFailure> {
		const started = await startShell();
		starting = undefined;
		if ('ps' in started) {
			live = started;
		}

		return started;
	}

	async function run(
		script: ScriptName | CustomScript,
		arguments_: Record<string, unknown>,
		runOptions: RunOptions = {},
	): Promise<RunResult> {
		const startedAt = Date.now();
		const {signal} = runOptions;
		const timeoutMs = runOptions.timeoutMs ?? defaultTimeoutMs;
		const name = typeof script === 'string' ? script : script.name;
		const text =
			typeof script === 'string'
				? probeScript(script)
				: readProbeFile('_runtime.ps1') + '\n' + script.text;
		if (signal?.aborted) {
			return finish(stopFailure('cancelled', timeoutMs));
		}

		// Time spent waiting behind another run counts; starting a shell
		// does not (it has its own limit), so a cold start on a busy machine
		// does not eat the probe's budget.
		const waiting = stopper(signal, timeoutMs);
		const release = await acquire(waiting.promise);
		waiting.clear();
		if (typeof release !== 'function') {
			return finish(stopFailure(release, timeoutMs));
		}

		try {
			const waited = Date.now() - startedAt;
			const starting = stopper(signal);
			const shell = await ensureShell(starting.promise);
			starting.clear();
			if (shell === 'timeout' || shell === 'cancelled') {
				return finish(stopFailure(shell, timeoutMs));
			}

			if (!('ps' in shell)) {
				return finish(shell);
			}

			const running = stopper(signal, Math.max(0, timeoutMs - waited));
			const answer = await invoke(
				shell,
				commandLine(text, arguments_),
				running.promise,
			);
			running.clear();
			if (answer.kind === 'timeout' || answer.kind === 'cancelled') {
				return finish(stopFailure(answer.kind, timeoutMs), shell);
			}

			if (answer.kind === 'failed') {
				return finish(answer.failure, shell);
			}

			const envelope = parseEnvelope(answer.stdout);
			if (!envelope) {
				return finish(noAnswer(answer.stderr), shell, answer.stderr);
			}

			if (!envelope.ok) {
				return finish(classified(envelope.error), shell, answer.stderr);
			}

			const ms = Date.now() - startedAt;
			transcript.write({
				event: 'probe',
				script: name,
				ms,
				...shellFields(shell),
				outcome: 'ok',
				errorIds: failedChecks(envelope.results, runOptions.sensitive),
				stderr: runOptions.sensitive ? undefined : answer.stderr || undefined,
			});
			return {ok: true, results: envelope.results, ms};
		} finally {
			release();
		}

		function finish(failure: RunFailure, shell?: Live, stderr = ''): RunResult {
			const ms = Date.now() - startedAt;
			transcript.write({
				event: 'probe',
				script: name,
				ms,
				...shellFields(shell),
				outcome: failure.category,
				errorIds: failure.errorId ? {run: failure.errorId} : undefined,
				stderr: runOptions.sensitive ? undefined : stderr || undefined,
			});
			return {ok: false, failure, ms};
		}
	}

	return {
		run,
		async start(startOptions = {}) {
			const waiting = stopper(startOptions.signal, startOptions.timeoutMs);
			const outcome = await ensureShell(waiting.promise);
			waiting.clear();
			if (outcome === 'timeout' || outcome === 'cancelled') {
				return stopFailure(outcome, startOptions.timeoutMs ?? 0);
			}

			if (!('ps' in outcome)) {
				return outcome;
			}

			return (
				outcome.info ?? {
					category: 'unknown',
					message: 'PowerShell started but did not say which it is.',
				}
			);
		},
		async useSeams(source) {
			seams = source;
			if (!live || live.exited) {
				return {ok: true, results: {}, ms: 0};
			}

			return run('_startup', {seams});
		},
		current() {
			return live && !live.exited ? live.info : undefined;
		},
		async dispose() {
			disposals++;
			await Promise.all(
				[live, booting].map(async shell => (shell ? kill(shell) : undefined)),
			);
		},
	};
}

function shellFields(shell: Live | undefined) {
	if (!shell?.info) {
		return {pid: shell?.child.pid};
	}

	return {
		pid: shell.info.pid,
		shell: `${shell.info.edition} ${shell.info.version}`,
	};
}

function classified(error: RemoteError): RunFailure {
	return {...error, category: classifyError(error)};
}

function noAnswer(stderr: string): RunFailure {
	const firstLine = stderr.split(/\r?\n/).find(line => line.trim() !== '');
	const message = firstLine
		? `PowerShell gave no answer: ${firstLine.trim()}`
		: 'PowerShell gave no answer.';
	return {message, category: classifyError({message})};
}
