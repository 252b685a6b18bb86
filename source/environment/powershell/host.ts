/*
The probeHost and probeExchange calls of the Environment, answered by the probe
scripts in one real PowerShell: the local checks in one round trip, the
Exchange checks in one remote session opened inside that same shell.
*/
import {classifyError} from '../classify.js';
import type {
	AccountFacts,
	CallOptions,
	Environment,
	ExchangeFacts,
	ExchangeServerFacts,
	HostFacts,
	InstallMode,
	MailboxDatabaseFacts,
	Outcome,
	PowerShellFacts,
	ProbeError,
	RoleAssignmentFacts,
} from '../types.js';
import {isRecord, type ProbeResult, type RemoteError} from './scripts.js';
import {
	createPowerShellService,
	type PowerShellService,
	type PowerShellServiceOptions,
	type RunResult,
} from './service.js';
import {defaultRoleGroups, defaultRoles} from './stand-ins.js';

export type PowerShellHostOptions = PowerShellServiceOptions & {
	/**
	A service to run every probe in, e.g. one test shell for many scenarios.
	Otherwise the host starts one of its own, ended by dispose().
	*/
	readonly service?: PowerShellService;
	/** What kind of K2 install this is; the machine cannot tell. */
	readonly installMode?: InstallMode;
	/** Role groups whose members are asked for. */
	readonly roleGroups?: readonly string[];
	/** Management roles whose assignments are asked for. */
	readonly roles?: readonly string[];
	/** Limit for the local checks when the caller gives none. Default 20 s. */
	readonly hostTimeoutMs?: number;
	/** Limit for the Exchange session when the caller gives none. Default 120 s. */
	readonly exchangeTimeoutMs?: number;
};

export type PowerShellHost = Pick<
	Environment,
	'probeHost' | 'probeExchange' | 'dispose'
> & {
	/**
	The run's one shell. The Exchange session needs the server that the local
	round trip's SCP (or Autodiscover after it) names, so the two seldom want
	the shell at once; sharing it keeps one PowerShell per run.
	*/
	readonly service: PowerShellService;
};

/** What a server name must look like before it goes near a URI. */
export const hostNamePattern = /^[A-Za-z\d.-]{1,253}$/;

export function createPowerShellHost(
	options: PowerShellHostOptions = {},
): PowerShellHost {
	const owned = options.service === undefined;
	const service = options.service ?? createPowerShellService(options);
	const installMode = options.installMode ?? 'new';

	async function probeHost(call: CallOptions = {}): Promise<HostFacts> {
		const run = await service.run(
			'host',
			{},
			{
				signal: call.signal,
				timeoutMs: call.timeoutMs ?? options.hostTimeoutMs ?? 20_000,
			},
		);
		const pick = picker(run);
		return {
			powershell: pick('powershell', toPowerShellFacts),
			winrm: pick('winrm', data => text(data.status)),
			account: pick('account', toAccountFacts),
			scp: pick('scp', data => list(data.urls).map(url => text(url))),
			installMode,
		};
	}

	async function probeExchange(
		server: string,
		call: CallOptions = {},
	): Promise<ExchangeFacts> {
		if (!hostNamePattern.test(server)) {
			return failedSession({
				category: 'dns',
				message: `The Exchange server "${server}" is not a host name: use its FQDN (letters, digits, dots and hyphens).`,
			});
		}

		const run = await service.run(
			'exchange',
			{
				server,
				roleGroups: options.roleGroups ?? defaultRoleGroups,
				roles: options.roles ?? defaultRoles,
			},
			{
				signal: call.signal,
				timeoutMs: call.timeoutMs ?? options.exchangeTimeoutMs ?? 120_000,
			},
		);
		const pick = picker(run);
		const connectedTo = pick('connectedTo', data => text(data.fqdn));
		if (!connectedTo.ok) {
			return failedSession(connectedTo.error);
		}

		return {
			connectedTo,
			servers: pick('servers', data =>
				list(data.items).map(item => toServer(item)),
			),
			services: pick('services', data =>
				Object.fromEntries(
					list(data.items).map(item => [
						text(item.server),
						Object.fromEntries(
							list(item.services).map(service_ => [
								text(service_.name),
								text(service_.status),
							]),
						),
					]),
				),
			),
			databases: pick('databases', data =>
				list(data.items).map(item => toDatabase(item)),
			),
			roleGroups: pick('roleGroups', data =>
				Object.fromEntries(
					list(data.items).map(item => [
						text(item.name),
						list(item.members).map(member => text(member)),
					]),
				),
			),
			roleAssignments: pick('roleAssignments', data =>
				list(data.items).map((item): RoleAssignmentFacts => ({
					role: text(item.role),
					assignee: text(item.assignee),
				})),
			),
		};
	}

	return {
		service,
		probeHost,
		probeExchange,
		async dispose() {
			if (owned) {
				await service.dispose();
			}
		},
	};
}

/**
Turns a run into per-check outcomes: the check's own result, or, when the
whole run failed, that failure for every check.
*/
function picker(run: RunResult) {
	return <T>(
		name: string,
		map: (data: Record<string, unknown>) => T,
	): Outcome<T> => {
		if (!run.ok) {
			return {ok: false, error: toProbeError(run.failure)};
		}

		const result: ProbeResult | undefined = run.results[name];
		if (!result) {
			return {
				ok: false,
				error: {category: 'unknown', message: `No answer for ${name}.`},
			};
		}

		if (!result.ok) {
			return {ok: false, error: toProbeError(result.error)};
		}

		return {ok: true, value: map(isRecord(result.data) ? result.data : {})};
	};
}

/**
A PowerShell error as the Environment reports it. An id that only repeats
the message (what a bare `throw "text"` gives) carries nothing and is left
out.
*/
export function toProbeError(
	error: RemoteError & {readonly category?: string},
): ProbeError {
	const category = isKnownCategory(error.category)
		? error.category
		: classifyError(error);
	return error.errorId && error.errorId !== error.message
		? {category, message: error.message, errorId: error.errorId}
		: {category, message: error.message};
}

/** Categories the service itself sets; PowerShell's own are not ours. */
function isKnownCategory(
	category: string | undefined,
): category is ProbeError['category'] {
	return (
		category === 'timeout' ||
		category === 'cancelled' ||
		category === 'shell-missing' ||
		category === 'shell-crashed'
	);
}

function failedSession(error: ProbeError): ExchangeFacts {
	const failed = {ok: false, error} as const;
	return {
		connectedTo: failed,
		servers: failed,
		services: failed,
		databases: failed,
		roleGroups: failed,
		roleAssignments: failed,
	};
}

function toPowerShellFacts(data: Record<string, unknown>): PowerShellFacts {
	return {
		computerName: text(data.computerName),
		version: text(data.version),
		edition: text(data.edition),
		languageMode: text(data.languageMode),
		executionPolicy: text(data.executionPolicy),
	};
}

function toAccountFacts(data: Record<string, unknown>): AccountFacts {
	return {
		name: text(data.name),
		groups: list(data.groups).map(group => text(group)),
	};
}

function toServer(item: Record<string, unknown>): ExchangeServerFacts {
	// Deserialized from Exchange: ServerRole is a flags enum printed as
	// "Mailbox, ClientAccess"; Site is an AD path ending in the site's name.
	const site = text(item.site);
	return {
		name: text(item.name),
		fqdn: text(item.fqdn),
		adminDisplayVersion: text(item.adminDisplayVersion),
		roles: text(item.roles)
			.split(',')
			.map(role => role.trim())
			.filter(role => role !== ''),
		site: site.slice(site.lastIndexOf('/') + 1),
	};
}

function toDatabase(item: Record<string, unknown>): MailboxDatabaseFacts {
	const group = item.storageGroup;
	return {
		name: text(item.name),
		server: text(item.server),
		storageGroup: typeof group === 'string' ? group : null,
	};
}

function text(value: unknown): string {
	if (value === null || value === undefined) {
		return '';
	}

	// eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON
	return typeof value === 'string' ? value : String(value);
}

/** A JSON list, read as records (or strings) whatever PowerShell sent. */
function list(value: unknown): Array<Record<string, unknown>> & unknown[] {
	if (value === null || value === undefined) {
		return [];
	}

	return (Array.isArray(value) ? value : [value]) as Array<
		Record<string, unknown>
	>;
}
