/*
Runs the checks against an environment as four stages:

  host          powershell, winrm, language-mode, account   (one round trip)
  mx            mx
  autodiscover  autodiscover        after host (it starts with the SCP URLs)
  exchange      services, servers,  after host, and after autodiscover when
                databases,          no server was given (the server may come
                permissions         from its answer)

Stages that do not wait for each other run at the same time. Each stage has
its own time limit; a stage that runs out, or is cancelled, ends with its
checks failed and "retry (R) or raise --timeout" as the fix, and retry()
runs it again along with the stages that were waiting on it.

The live state is a plain object per check id, replaced (never mutated) on
every change, so React's useSyncExternalStore can read it directly.
*/
import type {
	Environment,
	HostFacts,
	MxRecord,
	RoleAssignmentFacts,
	MailboxDatabaseFacts,
} from '../environment/types.js';
import {versionFromBuild} from '../environment/versions.js';
import {
	discover,
	evaluateAutodiscover,
	stoppedProgress,
	type AutodiscoverProgress,
} from './autodiscover.js';
import {evaluateExchange} from './exchange-checks.js';
import {evaluateHost, powershellMajor} from './host-checks.js';
import {evaluateMx} from './mx-check.js';
import {
	collectFindings,
	prerequisites,
	propose,
	type Evidence,
} from './proposal.js';
import {
	checkIds,
	type CheckId,
	type CheckResult,
	type DetectionEvent,
	type DetectionReport,
	type DiscoveredServer,
} from './types.js';
import {fail, formatSeconds, skip, stopped, type Verdict} from './verdict.js';

export type DetectionRequest = {
	/** Used for Autodiscover and the MX lookup. */
	readonly email?: string;
	/** Whether to run Autodiscover at all. */
	readonly autodiscover: boolean;
	/** The server to open the Exchange session to, when known. */
	readonly server?: string;
};

export type CheckState =
	| {readonly phase: 'pending'}
	| {readonly phase: 'running'; readonly since: number}
	| {readonly phase: 'done'; readonly result: CheckResult};

export type DetectionState = Readonly<Record<CheckId, CheckState>>;

export type DetectionRun = {
	/** The current state; a new object only when something changed. */
	state(): DetectionState;
	subscribe(listener: () => void): () => void;
	/** Cancels running and waiting stages; their checks fail as cancelled. */
	cancel(): void;
	/** Reruns stages that timed out, were cancelled or failed to ask. */
	retry(): void;
	/** The report, once every stage has settled. */
	report(): DetectionReport | undefined;
	/** Resolves when every stage has settled (again after a retry). */
	done(): Promise<DetectionReport>;
};

export type DetectionOptions = {
	/** Time limit per stage. Default 30 s. */
	readonly timeoutMs?: number;
	readonly onEvent?: (event: DetectionEvent) => void;
	/** The day support status is judged on. Default: today. */
	readonly now?: Date;
};

export const defaultStageTimeoutMs = 30_000;

type StageName = 'host' | 'mx' | 'autodiscover' | 'exchange';

const stageChecks: Readonly<Record<StageName, readonly CheckId[]>> = {
	host: ['powershell', 'winrm', 'language-mode', 'account'],
	mx: ['mx'],
	autodiscover: ['autodiscover'],
	exchange: ['services', 'servers', 'databases', 'permissions'],
};

const stageNames = Object.keys(stageChecks) as StageName[];

type StageContext = {
	readonly signal: AbortSignal;
	readonly timeoutMs: number;
	/** The performance.now() time by which the stage must end. */
	readonly deadline: number;
	/** Options for one environment call: the stage signal, the time left. */
	callOptions(): {signal: AbortSignal; timeoutMs: number};
};

type ExchangeData = {
	connectedTo?: string;
	servers: DiscoveredServer[];
	databases: readonly MailboxDatabaseFacts[];
	roleGroups: Readonly<Record<string, readonly string[]>>;
	roleAssignments: readonly RoleAssignmentFacts[];
};

type StageRecord = {
	running: boolean;
	promise: Promise<void>;
	retryable: boolean;
};

class StopError extends Error {
	readonly reason: 'timeout' | 'cancelled';

	constructor(reason: 'timeout' | 'cancelled') {
		super(reason);
		this.reason = reason;
	}
}

function reasonOf(signal: AbortSignal): 'timeout' | 'cancelled' {
	return signal.reason === 'timeout' ? 'timeout' : 'cancelled';
}

/** Settles with the work, or rejects with StopError as soon as the signal aborts. */
async function untilStopped<T>(
	work: Promise<T>,
	signal: AbortSignal,
): Promise<T> {
	if (signal.aborted) {
		throw new StopError(reasonOf(signal));
	}

	let onAbort: (() => void) | undefined;
	const stop = new Promise<never>((_resolve, reject) => {
		onAbort = () => {
			reject(new StopError(reasonOf(signal)));
		};

		signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([work, stop]);
	} finally {
		signal.removeEventListener('abort', onAbort!);
	}
}

function initialState(): DetectionState {
	return Object.fromEntries(
		checkIds.map(id => [id, {phase: 'pending'}]),
	) as unknown as DetectionState;
}

function emailDomain(email: string | undefined): string | undefined {
	if (!email?.includes('@')) {
		return undefined;
	}

	return email.slice(email.lastIndexOf('@') + 1);
}

export function startDetection(
	environment: Environment,
	request: DetectionRequest,
	options: DetectionOptions = {},
): DetectionRun {
	const timeoutMs = options.timeoutMs ?? defaultStageTimeoutMs;
	const {now} = options;
	const listeners = new Set<() => void>();
	let state = initialState();
	let cachedReport: DetectionReport | undefined;

	// What each stage found, for the stages after it and for the report.
	let host: HostFacts | undefined;
	let mx: MxRecord[] | undefined;
	let autodiscover: AutodiscoverProgress | undefined;
	let exchange: ExchangeData | undefined;

	// Cancel aborts every controller in here: running stages and stages
	// waiting for the ones they depend on.
	const live = new Set<AbortController>();

	const stages = Object.fromEntries(
		stageNames.map(name => [
			name,
			{running: false, promise: Promise.resolve(), retryable: false},
		]),
	) as Record<StageName, StageRecord>;

	const notify = () => {
		cachedReport = undefined;
		for (const listener of listeners) {
			listener();
		}
	};

	const setChecks = (
		ids: readonly CheckId[],
		next: (id: CheckId) => CheckState,
	) => {
		state = {...state, ...Object.fromEntries(ids.map(id => [id, next(id)]))};
		notify();
	};

	const finish = (
		name: StageName,
		verdicts: readonly Verdict[],
		ms: number,
	) => {
		const byId = new Map(verdicts.map(verdict => [verdict.id, verdict]));
		const results = stageChecks[name].map(id => {
			const verdict =
				byId.get(id) ??
				fail(id, 'no result (internal error)', 'report this bug');
			const {retryable, ...result} = verdict;
			return {...result, ms};
		});
		stages[name].retryable = verdicts.some(verdict => verdict.retryable);
		// Settled before listeners hear of it, so report() answers in them.
		stages[name].running = false;
		setChecks(stageChecks[name], id => ({
			phase: 'done',
			result: results.find(result => result.id === id)!,
		}));
		for (const result of results) {
			options.onEvent?.({type: 'finished', result});
		}
	};

	/**
	Runs one stage: waits for what it depends on, then does its work under its
	own time limit, then records its verdicts.
	*/
	const runStage = async (
		name: StageName,
		dependencies: () => Promise<unknown>,
		work: (context: StageContext) => Promise<Verdict[]>,
		onStopped?: (reason: 'timeout' | 'cancelled') => void,
	): Promise<void> => {
		const controller = new AbortController();
		live.add(controller);
		const ids = stageChecks[name];
		try {
			try {
				await untilStopped(dependencies(), controller.signal);
			} catch (error) {
				if (error instanceof StopError) {
					onStopped?.(error.reason);
					finish(
						name,
						ids.map(id => stopped(id, error.reason, timeoutMs)),
						0,
					);
					return;
				}

				throw error;
			}

			const startedAt = performance.now();
			const since = Date.now();
			setChecks(ids, () => ({phase: 'running', since}));
			for (const id of ids) {
				options.onEvent?.({type: 'started', id, at: since});
			}

			const timer = setTimeout(() => {
				controller.abort('timeout');
			}, timeoutMs);
			const deadline = startedAt + timeoutMs;
			const context: StageContext = {
				signal: controller.signal,
				timeoutMs,
				deadline,
				callOptions: () => ({
					signal: controller.signal,
					timeoutMs: Math.max(1, Math.round(deadline - performance.now())),
				}),
			};

			let verdicts: Verdict[];
			try {
				verdicts = await untilStopped(work(context), controller.signal);
				// A stage that answered only because it was stopped did not answer.
				if (controller.signal.aborted) {
					throw new StopError(reasonOf(controller.signal));
				}
			} catch (error) {
				if (!(error instanceof StopError)) {
					throw error;
				}

				onStopped?.(error.reason);
				verdicts = ids.map(id => stopped(id, error.reason, timeoutMs));
			} finally {
				clearTimeout(timer);
			}

			finish(name, verdicts, Math.round(performance.now() - startedAt));
		} catch (error) {
			// A bug in a check must not leave the screen spinning forever.
			const message = error instanceof Error ? error.message : String(error);
			finish(
				name,
				ids.map(id =>
					fail(
						id,
						`internal error: ${message}`,
						'report this bug with the --log transcript',
					),
				),
				0,
			);
		} finally {
			live.delete(controller);
			stages[name].running = false;
		}
	};

	const domain = emailDomain(request.email);

	const hostStage = async (context: StageContext): Promise<Verdict[]> => {
		const facts = await environment.probeHost(context.callOptions());
		// A stopped stage's late answer must not overwrite a newer one.
		if (!context.signal.aborted) {
			host = facts;
		}

		return evaluateHost(facts, timeoutMs);
	};

	const mxStage = async (context: StageContext): Promise<Verdict[]> => {
		if (!domain) {
			return [skip('mx', 'not checked: no email address given')];
		}

		const outcome = await environment.resolveMx(domain, context.callOptions());
		if (!context.signal.aborted) {
			mx = outcome.ok ? [...outcome.value] : [];
		}

		return [evaluateMx(domain, outcome, timeoutMs)];
	};

	const autodiscoverStage = async (
		context: StageContext,
	): Promise<Verdict[]> => {
		const progress: AutodiscoverProgress = {attempts: []};
		autodiscover = progress;
		if (!request.autodiscover) {
			return [skip('autodiscover', 'not used: Autodiscover is turned off')];
		}

		if (!request.email || !domain) {
			return [skip('autodiscover', 'not checked: no email address given')];
		}

		await discover({
			environment,
			email: request.email,
			scp: host?.scp,
			signal: context.signal,
			deadline: context.deadline,
			progress,
		});
		return [evaluateAutodiscover(progress, domain)];
	};

	/** The server the session goes to, and why there is none. */
	const exchangeTarget = (): {server?: string; reason?: string} => {
		if (request.server) {
			return {server: request.server};
		}

		const found = autodiscover?.found;
		if (found?.server) {
			return {server: found.server};
		}

		if (
			found?.version &&
			versionFromBuild(found.version)?.name === 'ExchangeOnline'
		) {
			return {reason: 'Exchange Online (no servers)'};
		}

		const scp = host?.scp.ok ? host.scp.value[0] : undefined;
		if (scp) {
			try {
				return {server: new URL(scp).hostname};
			} catch {}
		}

		return {
			reason: request.autodiscover
				? 'Autodiscover named no server'
				: 'no server given',
		};
	};

	const exchangeStage = async (context: StageContext): Promise<Verdict[]> => {
		const ids = stageChecks.exchange;
		const skipAll = (summary: string) => ids.map(id => skip(id, summary));
		if (!host) {
			return skipAll('not checked: the PowerShell checks did not finish');
		}

		const major = host.powershell.ok
			? powershellMajor(host.powershell.value.version)
			: undefined;
		const winrmRunning =
			host.winrm.ok && host.winrm.value.toLowerCase() === 'running';
		if (major === undefined || major < 3 || !winrmRunning) {
			return skipAll('not checked: needs PowerShell 3.0+ and WinRM');
		}

		const target = exchangeTarget();
		if (!target.server) {
			return skipAll(`not checked: ${target.reason ?? 'no server'}`);
		}

		const facts = await environment.probeExchange(
			target.server,
			context.callOptions(),
		);
		const evaluation = evaluateExchange(facts, {
			server: target.server,
			account: host.account.ok ? host.account.value.name : null,
			timeoutMs,
			now: now ?? new Date(),
		});
		if (!context.signal.aborted) {
			exchange = {
				connectedTo: facts.connectedTo.ok ? facts.connectedTo.value : undefined,
				servers: evaluation.servers,
				databases: evaluation.databases,
				roleGroups: evaluation.roleGroups,
				roleAssignments: evaluation.roleAssignments,
			};
		}

		return evaluation.verdicts;
	};

	const schedule = (names: ReadonlySet<StageName>) => {
		// What a rerun stage found before no longer stands.
		if (names.has('host')) {
			host = undefined;
		}

		if (names.has('mx')) {
			mx = undefined;
		}

		if (names.has('autodiscover')) {
			autodiscover = undefined;
		}

		if (names.has('exchange')) {
			exchange = undefined;
		}

		for (const name of names) {
			stages[name].running = true;
			setChecks(stageChecks[name], () => ({phase: 'pending'}));
		}

		// Dependencies are read when a stage starts waiting, so a stage that is
		// not rerun is awaited through its settled promise.
		const start = (
			name: StageName,
			dependsOn: () => Array<Promise<void>>,
			work: (context: StageContext) => Promise<Verdict[]>,
			onStopped?: (reason: 'timeout' | 'cancelled') => void,
		) => {
			if (!names.has(name)) {
				return;
			}

			stages[name].promise = runStage(
				name,
				async () => Promise.all(dependsOn()),
				work,
				onStopped,
			);
		};

		start('host', () => [], hostStage);
		start('mx', () => [], mxStage);
		start(
			'autodiscover',
			() => [stages.host.promise],
			autodiscoverStage,
			reason => {
				// Freeze what was tried: the stopped work may still be unwinding.
				autodiscover &&= stoppedProgress(
					autodiscover,
					reason === 'cancelled'
						? 'cancelled'
						: `timed out after ${formatSeconds(timeoutMs)}`,
				);
			},
		);
		start(
			'exchange',
			() =>
				request.server
					? [stages.host.promise]
					: [stages.host.promise, stages.autodiscover.promise],
			exchangeStage,
		);
	};

	const settled = () => stageNames.every(name => !stages[name].running);

	const buildReport = (): DetectionReport => {
		const evidence: Evidence = {
			request,
			host,
			mx,
			autodiscover,
			connectedTo: exchange?.connectedTo,
			servers: exchange?.servers ?? [],
			databases: exchange?.databases ?? [],
			roleGroups: exchange?.roleGroups ?? {},
			roleAssignments: exchange?.roleAssignments ?? [],
		};
		const proposal = propose(evidence);
		return {
			checks: checkIds.map(id => {
				const check = state[id];
				return check.phase === 'done'
					? check.result
					: (fail(id, 'did not run', 'retry (R)') as CheckResult);
			}),
			proposal,
			findings: collectFindings(evidence),
			prerequisites: prerequisites(evidence, proposal),
		};
	};

	schedule(new Set(stageNames));

	const run: DetectionRun = {
		state: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		cancel() {
			for (const controller of live) {
				controller.abort('cancelled');
			}
		},
		retry() {
			const again = new Set<StageName>();
			for (const name of stageNames) {
				if (!stages[name].running && stages[name].retryable) {
					again.add(name);
				}
			}

			const notAllPassed = (name: StageName) =>
				stageChecks[name].some(id => {
					const check = state[id];
					return check.phase === 'done' && check.result.status !== 'pass';
				});
			// Stages that waited on a rerun stage may have skipped because of it.
			if (
				again.has('host') &&
				!stages.autodiscover.running &&
				notAllPassed('autodiscover')
			) {
				again.add('autodiscover');
			}

			if (
				(again.has('host') || again.has('autodiscover')) &&
				!stages.exchange.running &&
				notAllPassed('exchange')
			) {
				again.add('exchange');
			}

			if (again.size > 0) {
				schedule(again);
			}
		},
		report() {
			if (!settled()) {
				return undefined;
			}

			cachedReport ??= buildReport();
			return cachedReport;
		},
		async done() {
			// A retry during the wait starts new promises; wait for those too.
			while (!settled()) {
				// eslint-disable-next-line no-await-in-loop -- re-check after each round
				await Promise.all(stageNames.map(async name => stages[name].promise));
			}

			return run.report()!;
		},
	};
	return run;
}

/**
Detection for the unattended face: runs every check, reports events as they
happen, and resolves with the report. Aborting the signal cancels.
*/
export async function runDetection(
	environment: Environment,
	request: DetectionRequest,
	options: {
		readonly timeoutMs?: number;
		readonly signal?: AbortSignal;
		readonly onEvent?: (event: DetectionEvent) => void;
		readonly now?: Date;
	} = {},
): Promise<DetectionReport> {
	const run = startDetection(environment, request, options);
	const {signal} = options;
	const onAbort = () => {
		run.cancel();
	};

	if (signal?.aborted) {
		run.cancel();
	}

	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		return await run.done();
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}
