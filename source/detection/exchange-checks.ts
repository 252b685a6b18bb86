/*
The checks answered by one Exchange session: services, servers and their
versions, mailbox databases, and the rights already granted.
*/
import type {
	ExchangeFacts,
	ExchangeServerFacts,
	MailboxDatabaseFacts,
	RoleAssignmentFacts,
} from '../environment/types.js';
import {
	describeBuild,
	parseAdminDisplayVersion,
	versionFromBuild,
} from '../environment/versions.js';
import {addToViewOnlyFix} from './host-checks.js';
import type {DiscoveredServer} from './types.js';
import {fail, failedCall, pass, warn, type Verdict} from './verdict.js';

export const recipientManagement = 'Recipient Management';
export const impersonationRole = 'ApplicationImpersonation';

function lookup<T>(
	table: Readonly<Record<string, T>>,
	key: string,
): T | undefined {
	const wanted = key.toLowerCase();
	return Object.entries(table).find(
		([candidate]) => candidate.toLowerCase() === wanted,
	)?.[1];
}

/** "A, B, C +4 more": keeps one-line summaries one line. */
function shortList(items: readonly string[], max = 3): string {
	const shown = items.slice(0, max).join(', ');
	return items.length > max ? `${shown} +${items.length - max} more` : shown;
}

export function discoverServers(
	servers: readonly ExchangeServerFacts[],
	services: Readonly<Record<string, Readonly<Record<string, string>>>>,
	now: Date,
): DiscoveredServer[] {
	return servers.map(server => {
		const build = parseAdminDisplayVersion(server.adminDisplayVersion);
		const info = build ? versionFromBuild(build, now) : undefined;
		return {
			...server,
			roles: [...server.roles],
			version: info && build ? {name: info.name, detected: true, build} : null,
			support: info ? info.supportLabel : 'version unknown',
			services: {...lookup(services, server.fqdn)},
		};
	});
}

export type ExchangeEvaluation = {
	readonly verdicts: Verdict[];
	readonly servers: DiscoveredServer[];
	readonly databases: readonly MailboxDatabaseFacts[];
	readonly roleGroups: Readonly<Record<string, readonly string[]>>;
	readonly roleAssignments: readonly RoleAssignmentFacts[];
};

export function evaluateExchange(
	facts: ExchangeFacts,
	options: {
		readonly server: string;
		readonly account: string | null;
		readonly timeoutMs: number;
		readonly now: Date;
	},
): ExchangeEvaluation {
	const {server, timeoutMs} = options;
	if (!facts.connectedTo.ok) {
		const error = facts.connectedTo.error;
		const what = `Exchange session to ${server}`;
		return {
			verdicts: (
				['services', 'servers', 'databases', 'permissions'] as const
			).map(id => failedCall(id, what, error, timeoutMs)),
			servers: [],
			databases: [],
			roleGroups: {},
			roleAssignments: [],
		};
	}

	const connected = facts.connectedTo.value;
	const servers = facts.servers.ok
		? discoverServers(
				facts.servers.value,
				facts.services.ok ? facts.services.value : {},
				options.now,
			)
		: [];
	const databases = facts.databases.ok ? facts.databases.value : [];
	const roleGroups = facts.roleGroups.ok ? facts.roleGroups.value : {};
	const roleAssignments = facts.roleAssignments.ok
		? facts.roleAssignments.value
		: [];

	return {
		verdicts: [
			servicesVerdict(facts, connected, timeoutMs),
			serversVerdict(facts, servers, options),
			databasesVerdict(facts, servers, timeoutMs),
			permissionsVerdict(facts, options),
		],
		servers,
		databases,
		roleGroups,
		roleAssignments,
	};
}

function servicesVerdict(
	facts: ExchangeFacts,
	connected: string,
	timeoutMs: number,
): Verdict {
	if (!facts.services.ok) {
		return failedCall(
			'services',
			'Exchange services',
			facts.services.error,
			timeoutMs,
		);
	}

	const perServer = Object.entries(facts.services.value);
	const total = perServer.reduce(
		(sum, [, services]) => sum + Object.keys(services).length,
		0,
	);
	const own = lookup(facts.services.value, connected) ?? {};
	const notRunning = (services: Readonly<Record<string, string>>) =>
		Object.entries(services).filter(
			([, status]) => status.toLowerCase() !== 'running',
		);

	const stoppedHere = notRunning(own);
	if (stoppedHere.length > 0) {
		const names = stoppedHere.map(([name]) => name);
		return fail(
			'services',
			`${shortList(stoppedHere.map(([name, status]) => `${name} ${status}`))} on ${connected}`,
			`Invoke-Command -ComputerName ${connected} { Start-Service -Name ${names.join(',')} }`,
		);
	}

	const elsewhere = perServer
		.filter(([fqdn]) => fqdn.toLowerCase() !== connected.toLowerCase())
		.flatMap(([fqdn, services]) =>
			notRunning(services).map(([name, status]) => ({fqdn, name, status})),
		);
	if (elsewhere.length > 0) {
		const first = elsewhere[0]!;
		const names = elsewhere
			.filter(entry => entry.fqdn === first.fqdn)
			.map(entry => entry.name);
		return warn(
			'services',
			`${elsewhere.length} service(s) not running: ${shortList(
				elsewhere.map(
					entry => `${entry.name} ${entry.status} on ${entry.fqdn}`,
				),
				2,
			)}`,
			`Invoke-Command -ComputerName ${first.fqdn} { Start-Service -Name ${names.join(',')} }`,
		);
	}

	if (Object.keys(own).length === 0) {
		return warn(
			'services',
			`no Exchange services reported for ${connected}`,
			`Check on ${connected}: Get-Service MSExchange*`,
		);
	}

	return pass(
		'services',
		`${total} Exchange services running on ${perServer.length} server${perServer.length === 1 ? '' : 's'}`,
	);
}

function serversVerdict(
	facts: ExchangeFacts,
	servers: readonly DiscoveredServer[],
	options: {readonly account: string | null; readonly timeoutMs: number},
): Verdict {
	if (!facts.servers.ok) {
		return failedCall(
			'servers',
			'Get-ExchangeServer',
			facts.servers.error,
			options.timeoutMs,
		);
	}

	if (servers.length === 0) {
		return fail(
			'servers',
			'Get-ExchangeServer listed no servers',
			options.account
				? addToViewOnlyFix(options.account)
				: 'Check that the account can read the Exchange configuration',
		);
	}

	const unreadable = servers.filter(server => !server.version);
	if (unreadable.length > 0) {
		return warn(
			'servers',
			`version of ${shortList(
				unreadable.map(
					server => `${server.name} ("${server.adminDisplayVersion}")`,
				),
				2,
			)} could not be read`,
			'Choose the Exchange version on the configuration page (--exchange-version when unattended)',
		);
	}

	const labels = servers.map(server => {
		const build = server.version?.build;
		const info = build ? versionFromBuild(build) : undefined;
		return `${server.name} ${info ? describeBuild(info) : '?'} (${server.support})`;
	});
	return pass(
		'servers',
		`${servers.length} server${servers.length === 1 ? '' : 's'}: ${shortList(labels, 2)}`,
	);
}

function databasesVerdict(
	facts: ExchangeFacts,
	servers: readonly DiscoveredServer[],
	timeoutMs: number,
): Verdict {
	if (!facts.databases.ok) {
		return failedCall(
			'databases',
			'Get-MailboxDatabase',
			facts.databases.error,
			timeoutMs,
		);
	}

	const databases = facts.databases.value;
	if (databases.length === 0) {
		return warn(
			'databases',
			'no mailbox databases found',
			'Create one with New-MailboxDatabase, or leave administrative integration off',
		);
	}

	const nameOf = (fqdn: string) =>
		servers.find(server => server.fqdn.toLowerCase() === fqdn.toLowerCase())
			?.name ?? fqdn;
	const labels = databases.map(database =>
		database.storageGroup
			? `${database.storageGroup}\\${database.name} on ${nameOf(database.server)}`
			: `${database.name} on ${nameOf(database.server)}`,
	);
	const groups = databases.filter(database => database.storageGroup).length;
	return pass(
		'databases',
		`${databases.length} database${databases.length === 1 ? '' : 's'}${groups > 0 ? ` (${groups} in storage groups)` : ''}: ${shortList(labels, 2)}`,
	);
}

function permissionsVerdict(
	facts: ExchangeFacts,
	options: {readonly account: string | null; readonly timeoutMs: number},
): Verdict {
	for (const outcome of [facts.roleGroups, facts.roleAssignments]) {
		if (!outcome.ok) {
			return outcome.error.category === 'permission'
				? warn(
						'permissions',
						'role groups and assignments cannot be read by this account',
						options.account
							? addToViewOnlyFix(options.account)
							: 'Add the installation account to View-Only Organization Management',
					)
				: failedCall(
						'permissions',
						'Role assignments',
						outcome.error,
						options.timeoutMs,
					);
		}
	}

	const assignments = facts.roleAssignments.ok
		? facts.roleAssignments.value
		: [];
	const groups = facts.roleGroups.ok ? facts.roleGroups.value : {};
	const impersonation = assignments
		.filter(
			entry => entry.role.toLowerCase() === impersonationRole.toLowerCase(),
		)
		.map(entry => entry.assignee);
	const recipients = lookup(groups, recipientManagement) ?? [];
	return pass(
		'permissions',
		`${impersonationRole}: ${impersonation.length > 0 ? shortList(impersonation, 2) : 'nobody'}; ${recipientManagement}: ${recipients.length > 0 ? shortList(recipients, 2) : 'nobody'}`,
	);
}
