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
import {products} from '../environment/version-table.js';
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

export function discoverServers(
	servers: readonly ExchangeServerFacts[],
	services: Readonly<Record<string, Readonly<Record<string, string>>>>,
	now: Date,
): DiscoveredServer[] {
	// Indexed once: organisations with a thousand servers exist in benchmarks.
	const byFqdn = new Map(
		Object.entries(services).map(([fqdn, entry]) => [
			fqdn.toLowerCase(),
			entry,
		]),
	);
	return servers.map(server => {
		const build = parseAdminDisplayVersion(server.adminDisplayVersion);
		const info = build ? versionFromBuild(build, now) : undefined;
		return {
			...server,
			roles: [...server.roles],
			version: info && build ? {name: info.name, detected: true, build} : null,
			support: info ? info.supportLabel : 'version unknown',
			services: {...byFqdn.get(server.fqdn.toLowerCase())},
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
		const {error} = facts.connectedTo;
		return {
			verdicts: (
				['services', 'servers', 'databases', 'permissions'] as const
			).map(id => failedCall(id, server, error, timeoutMs)),
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

/** "exch01" from "exch01.contoso.com": enough to tell servers apart. */
function shortName(fqdn: string): string {
	return fqdn.split('.')[0] ?? fqdn;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function servicesVerdict(
	facts: ExchangeFacts,
	connected: string,
	timeoutMs: number,
): Verdict {
	if (!facts.services.ok) {
		return failedCall('services', 'Services', facts.services.error, timeoutMs);
	}

	const perServer = Object.entries(facts.services.value);
	const notRunning = perServer.flatMap(([fqdn, services]) =>
		Object.entries(services)
			.filter(([, status]) => status.toLowerCase() !== 'running')
			.map(([name, status]) => ({fqdn, name, status})),
	);
	const here = notRunning.filter(entry => same(entry.fqdn, connected));
	// A stopped service on the server detection talks to is a failure; on
	// another server of the organisation, a warning.
	const worst = here.length > 0 ? here : notRunning;
	if (worst.length > 0) {
		const {fqdn} = worst[0]!;
		const names = worst
			.filter(entry => entry.fqdn === fqdn)
			.map(entry => entry.name);
		const first = worst[0]!;
		const more = worst.length > 1 ? ` +${worst.length - 1} more` : '';
		const summary = `${first.name} ${first.status} on ${shortName(fqdn)}${more}`;
		const fix = `Invoke-Command -ComputerName ${fqdn} { Start-Service -Name ${names.join(',')} }`;
		return here.length > 0
			? fail('services', summary, fix)
			: warn('services', summary, fix);
	}

	if (!lookup(facts.services.value, connected)) {
		return warn(
			'services',
			`no services reported for ${shortName(connected)}`,
			`Check on ${connected}: Get-Service MSExchange*`,
		);
	}

	const total = perServer.reduce(
		(sum, [, services]) => sum + Object.keys(services).length,
		0,
	);
	return pass(
		'services',
		`${plural(total, 'service')} running on ${plural(perServer.length, 'server')}`,
	);
}

function same(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

function supportWord(server: DiscoveredServer): string {
	if (server.support.startsWith('end of support')) {
		return 'end of support';
	}

	return server.support.startsWith('supported') ? 'supported' : server.support;
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
		const [first] = unreadable;
		const more = unreadable.length > 1 ? ` +${unreadable.length - 1} more` : '';
		return warn(
			'servers',
			`version of ${first!.name} unreadable ("${first!.adminDisplayVersion}")${more}`,
			'Choose the Exchange version on the configuration page (--exchange-version when unattended)',
		);
	}

	const labels = servers.map(server => {
		const info = versionFromBuild(server.version!.build ?? '');
		return info ? describeBuild(info) : server.version!.name;
	});
	if (servers.length === 1) {
		return pass(
			'servers',
			`${servers[0]!.name} ${labels[0]!} (${supportWord(servers[0]!)})`,
		);
	}

	// "4 servers: Exchange 2019, 2016, 2010, 2007": the products, newest first.
	const names = new Set(servers.map(server => server.version!.name));
	const newestFirst = products
		.filter(product => names.has(product.name))
		.map(product => product.label.replace('Exchange Server ', ''));
	return pass(
		'servers',
		`${plural(servers.length, 'server')}: Exchange ${newestFirst.join(', ')}`,
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

	const groups = databases.filter(database => database.storageGroup).length;
	const inGroups = groups > 0 ? `, ${groups} in storage groups` : '';
	if (databases.length <= 2) {
		const nameOf = (fqdn: string) =>
			servers.find(server => same(server.fqdn, fqdn))?.name ?? shortName(fqdn);
		const labels = databases.map(
			database =>
				`${database.storageGroup ? `${database.storageGroup}\\` : ''}${database.name} on ${nameOf(database.server)}`,
		);
		return pass('databases', labels.join(', '));
	}

	const hosts = new Set(
		databases.map(database => database.server.toLowerCase()),
	);
	return pass(
		'databases',
		`${plural(databases.length, 'database')} on ${plural(hosts.size, 'server')}${inGroups}`,
	);
}

/** "svc-k2, svc-x +2": user names only, to keep the line short. */
function people(accounts: readonly string[]): string {
	if (accounts.length === 0) {
		return 'nobody';
	}

	const names = accounts.map(account =>
		account.slice(account.indexOf('\\') + 1),
	);
	const more = names.length > 2 ? ` +${names.length - 2}` : '';
	return `${names.slice(0, 2).join(', ')}${more}`;
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
						'role assignments hidden from this account',
						options.account
							? addToViewOnlyFix(options.account)
							: 'Add the installation account to View-Only Organization Management',
					)
				: failedCall(
						'permissions',
						'Role groups',
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
		.filter(entry => same(entry.role, impersonationRole))
		.map(entry => entry.assignee);
	const recipients = lookup(groups, recipientManagement) ?? [];
	return pass(
		'permissions',
		`Impersonation: ${people(impersonation)}; Recipient Mgmt: ${people(recipients)}`,
	);
}
