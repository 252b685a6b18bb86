/*
Builds the PowerShell module of stand-ins from a scenario: the Windows,
Active Directory and Exchange commands the probe scripts call, answering as
the scenario's machine would. The module's code is the fixed text of
probes/_stand-ins.ps1; the scenario travels as base64 JSON data in front of
it, so nothing in a scenario file can become PowerShell code.

Which fault reaches which command follows the simulated environment's
mapping rules (source/environment/simulated/index.ts).
*/
import {Buffer} from 'node:buffer';
import type {Scenario, ScenarioFault} from '../scenario.js';
import {packArguments, readProbeFile} from './scripts.js';

/** The command that raises each check's error fault. */
const faultCommands: ReadonlyArray<
	readonly [checks: string[], command: string]
> = [
	[['powershell', 'language-mode'], 'Get-ProbeHostInfo'],
	[['winrm'], 'Get-Service'],
	[['account'], 'Get-ProbeCurrentIdentity'],
	[['servers'], 'Get-ExchangeServer'],
	[['services'], 'Get-CimInstance'],
	[['databases'], 'Get-MailboxDatabase'],
	[['permissions'], 'Get-RoleGroupMember'],
	[['permissions'], 'Get-ManagementRoleAssignment'],
];

const hostChecks = ['powershell', 'language-mode', 'winrm', 'account'];
const exchangeChecks = ['servers', 'services', 'databases', 'permissions'];

/**
How long hang and delay faults hold a round trip: -1 for a hang, the
longest delay, or null when nothing holds it.
*/
function holdFor(
	faults: readonly ScenarioFault[],
	checks: readonly string[],
): number | null {
	let longest: number | null = null;
	for (const fault of faults) {
		if (!checks.includes(fault.check)) {
			continue;
		}

		if (fault.kind === 'hang') {
			return -1;
		}

		if (fault.kind === 'delay') {
			longest = Math.max(longest ?? 0, fault.ms ?? 0);
		}
	}

	return longest;
}

/**
The data the stand-in module answers from. Maps keyed by user text (role
groups, services) become lists, so no scenario value is ever a property
name on the PowerShell side.
*/
export function standInData(scenario: Scenario) {
	const {host, exchange, faults} = scenario;
	const commandFaults = [];
	for (const [checks, command] of faultCommands) {
		const fault = faults.find(
			entry => entry.kind === 'error' && checks.includes(entry.check),
		);
		if (fault) {
			commandFaults.push({
				command,
				errorId: fault.errorId ?? null,
				message: fault.message ?? `Simulated failure of ${fault.check}.`,
			});
		}
	}

	return {
		host: {
			computerName: host.computerName,
			powershell: host.powershell,
			winrm: host.winrm,
			account: host.account,
			groups: host.groups,
			scp: scenario.autodiscover.scp,
			configurationNamingContext: configurationContext(
				exchange.servers[0]?.fqdn,
			),
		},
		servers: exchange.servers.map(server => ({
			name: server.name,
			fqdn: server.fqdn,
			adminDisplayVersion: server.adminDisplayVersion,
			roles: server.roles,
			site: server.site,
			sitePath: `${forestOf(server.fqdn)}/Configuration/Sites/${server.site}`,
			services: Object.entries(server.services).map(([name, status]) => ({
				name,
				status,
			})),
			databases: server.databases,
		})),
		roleGroups: Object.entries(exchange.roleGroups).map(([name, members]) => ({
			name,
			members,
		})),
		roleAssignments: exchange.roleAssignments,
		faults: commandFaults,
		holds: {
			host: holdFor(faults, hostChecks),
			exchange: holdFor(faults, exchangeChecks),
		},
	};
}

/** The forest of a server, from its FQDN, as Exchange prints AD paths. */
function forestOf(fqdn: string | undefined): string {
	const dot = fqdn?.indexOf('.') ?? -1;
	return fqdn && dot !== -1 ? fqdn.slice(dot + 1) : 'contoso.com';
}

/** The distinguished name of the forest's configuration partition. */
function configurationContext(fqdn: string | undefined): string {
	const components = forestOf(fqdn)
		.split('.')
		.map(label => `DC=${label}`);
	return ['CN=Configuration', ...components].join(',');
}

/**
The module source: one data line, then the fixed stand-in code.
*/
export function generateStandInModule(scenario: Scenario): string {
	const json = JSON.stringify(packArguments(standInData(scenario)));
	const base64 = Buffer.from(json, 'utf8').toString('base64');
	return `$StandInDataB64 = '${base64}'\n` + readProbeFile('_stand-ins.ps1');
}

/**
The role groups and roles a probe asks about under a scenario: the ones the
tool always needs, and every one the scenario describes, so the answer can
hold everything the simulated environment would report.
*/
export function scenarioQueries(scenario: Scenario) {
	return {
		roleGroups: unique([
			...Object.keys(scenario.exchange.roleGroups),
			...defaultRoleGroups,
		]),
		roles: unique([
			...scenario.exchange.roleAssignments.map(entry => entry.role),
			...defaultRoles,
		]),
	};
}

/** The role groups whose members decide the rights checks. */
export const defaultRoleGroups = [
	'View-Only Organization Management',
	'Recipient Management',
	'Organization Management',
];

/** The management roles whose assignments decide the rights checks. */
export const defaultRoles = ['ApplicationImpersonation'];

function unique(values: readonly string[]): string[] {
	return [...new Set(values)];
}
