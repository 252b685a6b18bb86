/*
An environment whose probes go into the --log transcript.

The DNS lookups are recorded here, for every environment. PowerShell probes
are recorded by the PowerShell service where there is one, and here, from
the scenario's answers, for the builtin simulation, which has no shell.
Autodiscover attempts are recorded by detection, as only it knows each
candidate's place in the order; it finds the transcript on the environment.
*/
import type {Transcript} from './transcript.js';
import type {
	CallOptions,
	Environment,
	ExchangeFacts,
	HostFacts,
	Outcome,
	ProbeError,
} from './types.js';

export type RecordOptions = {
	/** Records probeHost and probeExchange too: no shell records them. */
	readonly probes?: boolean;
};

/** The categories with which the service reports a whole run as failed. */
const runFailures = new Set([
	'timeout',
	'cancelled',
	'shell-missing',
	'shell-crashed',
]);

const since = (startedAt: number) => Math.round(performance.now() - startedAt);

export function withTranscript(
	environment: Environment,
	transcript: Transcript | undefined,
	options: RecordOptions = {},
): Environment {
	return transcript ? recorded(environment, transcript, options) : environment;
}

function recorded(
	environment: Environment,
	transcript: Transcript,
	options: RecordOptions,
): Environment {
	async function lookup<T>(
		type: 'MX' | 'SRV',
		name: string,
		resolve: () => Promise<Outcome<T[]>>,
		show: (record: T) => string,
	): Promise<Outcome<T[]>> {
		const startedAt = performance.now();
		const outcome = await resolve();
		const ms = since(startedAt);
		transcript.write({
			event: 'dns',
			type,
			name,
			ms,
			...(outcome.ok
				? {outcome: 'ok', records: outcome.value.map(record => show(record))}
				: {outcome: outcome.error.category, message: outcome.error.message}),
		});
		return outcome;
	}

	async function probe<T extends HostFacts | ExchangeFacts>(
		script: 'host' | 'exchange',
		run: () => Promise<T>,
	): Promise<T> {
		const startedAt = performance.now();
		const facts = await run();
		transcript.write({
			event: 'probe',
			script,
			ms: since(startedAt),
			shell: 'simulated',
			...asRun(facts),
		});
		return facts;
	}

	const probeHost = options.probes
		? async (call?: CallOptions) =>
				probe('host', async () => environment.probeHost(call))
		: environment.probeHost;
	const probeExchange = options.probes
		? async (server: string, call?: CallOptions) =>
				probe('exchange', async () => environment.probeExchange(server, call))
		: environment.probeExchange;

	return {
		description: environment.description,
		transcript,
		probeHost,
		probeExchange,
		resolveMx: async (domain, call) =>
			lookup(
				'MX',
				domain,
				async () => environment.resolveMx(domain, call),
				record => `${record.priority} ${record.exchange}`,
			),
		resolveSrv: async (name, call) =>
			lookup(
				'SRV',
				name,
				async () => environment.resolveSrv(name, call),
				record =>
					`${record.priority} ${record.weight} ${record.port} ${record.name}`,
			),
		fetch: environment.fetch,
		dispose: environment.dispose,
	};
}

/**
Facts put as the PowerShell service records the run that gathered them: a
run stopped as a whole (every check failed alike, as a timeout, a cancel
or a missing shell) by that category; otherwise `ok`, with the error of
each check that failed.
*/
function asRun(facts: HostFacts | ExchangeFacts): {
	outcome: string;
	errorIds?: Record<string, string>;
} {
	const outcomes = Object.entries(facts).filter(
		(entry): entry is [string, Outcome<unknown>] =>
			typeof entry[1] === 'object' && entry[1] !== null && 'ok' in entry[1],
	);
	const errors = outcomes.flatMap(([check, outcome]) =>
		outcome.ok ? [] : [[check, outcome.error] as [string, ProbeError]],
	);
	const first = errors[0]?.[1];
	if (
		first &&
		errors.length === outcomes.length &&
		runFailures.has(first.category) &&
		errors.every(([, error]) => error.category === first.category)
	) {
		return {outcome: first.category};
	}

	return errors.length === 0
		? {outcome: 'ok'}
		: {
				outcome: 'ok',
				errorIds: Object.fromEntries(
					errors.map(([check, error]) => [
						check,
						error.errorId ?? error.message,
					]),
				),
			};
}
