/*
From what the checks found to what the configuration page proposes: on
premises or Online and why, the server, the version and where it came from,
the EWS URL; and whether the page can be shown at all.
*/
import type {
	HostFacts,
	MailboxDatabaseFacts,
	MxRecord,
	RoleAssignmentFacts,
} from '../environment/types.js';
import {describeBuild, versionFromBuild} from '../environment/versions.js';
import type {AutodiscoverProgress} from './autodiscover.js';
import {powershellMajor, wmfFix, winrmFix} from './host-checks.js';
import {isOnlineMx, sortMx} from './mx-check.js';
import type {
	DetectionReport,
	DetectedVersion,
	DiscoveredServer,
	Findings,
	Proposal,
} from './types.js';
import {firstLine} from './verdict.js';

export const onlineEwsUrl = 'https://outlook.office365.com/EWS/Exchange.asmx';
export const reconfigureLater = 'run with --reconfigure to configure it later';

export type Evidence = {
	readonly request: {readonly email?: string; readonly server?: string};
	readonly host?: HostFacts;
	readonly mx?: readonly MxRecord[];
	readonly autodiscover?: AutodiscoverProgress;
	/** The server the Exchange session went to, when it opened. */
	readonly connectedTo?: string;
	readonly servers: readonly DiscoveredServer[];
	readonly databases: readonly MailboxDatabaseFacts[];
	readonly roleGroups: Readonly<Record<string, readonly string[]>>;
	readonly roleAssignments: readonly RoleAssignmentFacts[];
};

function same(a: string | undefined | null, b: string | undefined | null) {
	return Boolean(a && b?.toLowerCase() === a.toLowerCase());
}

function domainOf(email: string | undefined): string | undefined {
	return email?.includes('@')
		? email.slice(email.lastIndexOf('@') + 1)
		: undefined;
}

function onlineMxHost(evidence: Evidence): string | undefined {
	return sortMx(evidence.mx ?? []).find(record => isOnlineMx(record.exchange))
		?.exchange;
}

function autodiscoverVersion(evidence: Evidence) {
	const version = evidence.autodiscover?.found?.version;
	return version ? versionFromBuild(version) : undefined;
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname;
	} catch {
		return undefined;
	}
}

// eslint-disable-next-line complexity -- the evidence, weighed in turn
export function propose(evidence: Evidence): Proposal {
	const found = evidence.autodiscover?.found;
	const answered = autodiscoverVersion(evidence);
	const mxOnline = onlineMxHost(evidence);
	const domain = domainOf(evidence.request.email);
	const {servers} = evidence;

	const mxReason = mxOnline
		? `MX of ${domain ?? 'the domain'} points at ${mxOnline} (Exchange Online)`
		: undefined;

	if (
		answered?.name === 'ExchangeOnline' ||
		(!answered && servers.length === 0 && mxOnline && !evidence.request.server)
	) {
		const reasons = [
			mxReason,
			answered
				? `Autodiscover answered with Exchange Online (${answered.build})`
				: undefined,
		].filter(Boolean);
		const version: DetectedVersion = {
			name: 'ExchangeOnline',
			detected: true,
			build: answered?.build ?? null,
		};
		return {
			deployment: 'online',
			reason: reasons.join('; '),
			server: null,
			version,
			versionSource: answered
				? `Autodiscover ServerVersion from ${found?.url ?? 'Autodiscover'}`
				: `MX record of ${domain ?? 'the domain'}`,
			ewsUrl: found?.ewsUrl ?? onlineEwsUrl,
		};
	}

	const chosen = chooseServer(evidence);
	const discovered = servers.find(server => same(server.fqdn, chosen));
	let version: DetectedVersion | null = null;
	let versionSource: string | null = null;
	if (discovered?.version) {
		version = discovered.version;
		versionSource = `Get-ExchangeServer on ${discovered.name}`;
	} else if (answered && !discovered && aboutChosen(evidence, chosen)) {
		version = {name: answered.name, detected: true, build: answered.build};
		versionSource = `Autodiscover ServerVersion from ${found?.url ?? 'Autodiscover'}`;
	}

	const reasons: string[] = [];
	if (found) {
		reasons.push(
			`Autodiscover answered from ${hostOf(found.url) ?? found.url}${answered ? ` (${describeBuild(answered)})` : ''}`,
		);
	}

	if (servers.length > 0) {
		reasons.push(
			`Get-ExchangeServer found ${servers.length} server${servers.length === 1 ? '' : 's'}`,
		);
	}

	if (mxReason) {
		reasons.push(`${mxReason}, likely a hybrid organisation`);
	}

	if (reasons.length === 0 && evidence.request.server) {
		reasons.push(`server ${evidence.request.server} was given`);
	}

	if (reasons.length === 0) {
		return {
			deployment: null,
			reason:
				'nothing found: no Exchange servers, no Autodiscover answer, and MX does not point at Exchange Online',
			server: evidence.request.server ?? null,
			version: null,
			versionSource: null,
			ewsUrl: null,
		};
	}

	return {
		deployment: 'on-premises',
		reason: reasons.join('; '),
		server: chosen ?? null,
		version,
		versionSource,
		ewsUrl:
			found?.ewsUrl ?? (chosen ? `https://${chosen}/EWS/Exchange.asmx` : null),
	};
}

/**
Whether Autodiscover's ServerVersion describes the chosen server. It answers
for the mailbox server it names; a server the administrator gave is another
machine unless Autodiscover named that one, so its version stays unknown
(the wizard drops a detected version the same way when the server changes).
*/
function aboutChosen(evidence: Evidence, chosen: string | undefined): boolean {
	return (
		!evidence.request.server ||
		same(evidence.autodiscover?.found?.server, chosen)
	);
}

/**
The server to propose: the one the administrator gave, else the one the
session went to, else the one Autodiscover named, else the first mailbox
server found.
*/
function chooseServer(evidence: Evidence): string | undefined {
	const {servers, request, connectedTo} = evidence;
	const known = (fqdn: string | undefined) =>
		servers.find(server => same(server.fqdn, fqdn))?.fqdn;
	if (request.server) {
		return known(request.server) ?? request.server;
	}

	const auto = evidence.autodiscover?.found?.server;
	return (
		known(connectedTo) ??
		known(auto) ??
		servers.find(server =>
			server.roles.some(role => role.toLowerCase().includes('mailbox')),
		)?.fqdn ??
		servers[0]?.fqdn ??
		auto
	);
}

export function prerequisites(
	evidence: Evidence,
	proposal: Proposal,
): DetectionReport['prerequisites'] {
	const {host} = evidence;
	const notMet = (reason: string, fix: string) =>
		({met: false, reason, fix: `${fix}; then ${reconfigureLater}`}) as const;

	if (host?.installMode === 'upgrade') {
		return {
			met: false,
			reason:
				'this is an upgrade install: the Exchange configuration is kept as it is',
			fix: reconfigureLater,
		};
	}

	if (!host) {
		return notMet(
			'the PowerShell and WinRM checks did not finish',
			'Retry the checks (R) or raise --timeout',
		);
	}

	if (!host.powershell.ok) {
		const {category, message} = host.powershell.error;
		if (category === 'shell-missing') {
			return notMet('PowerShell was not found on this computer', wmfFix);
		}

		// The probes' own check: "PowerShell 2.0 is older than 3.0".
		return category === 'shell-too-old'
			? notMet(firstLine(message), wmfFix)
			: notMet(
					`PowerShell could not be checked (${category})`,
					'Retry the checks (R) or raise --timeout',
				);
	}

	const major = powershellMajor(host.powershell.value.version);
	if (major === undefined || major < 3) {
		return notMet(
			`PowerShell ${host.powershell.value.version} is too old; 3.0 or later is needed`,
			wmfFix,
		);
	}

	if (!host.winrm.ok || host.winrm.value.toLowerCase() !== 'running') {
		return notMet(
			host.winrm.ok
				? `the WinRM service is ${host.winrm.value}`
				: 'the WinRM service could not be checked',
			winrmFix,
		);
	}

	const reachable =
		evidence.servers.length > 0 ||
		Boolean(evidence.autodiscover?.found) ||
		proposal.deployment === 'online';
	if (!reachable) {
		return notMet(
			'no Exchange was reachable: no servers, no Autodiscover answer, no sign of Exchange Online',
			'Check the email address and the server name, or publish Autodiscover',
		);
	}

	return {met: true};
}

export function collectFindings(evidence: Evidence): Findings {
	const {host} = evidence;
	return {
		installMode: host?.installMode ?? 'new',
		account: host?.account.ok ? host.account.value.name : null,
		accountGroups: host?.account.ok ? [...host.account.value.groups] : [],
		powershellVersion: host?.powershell.ok
			? host.powershell.value.version
			: null,
		autodiscover: [...(evidence.autodiscover?.attempts ?? [])],
		mx: sortMx(evidence.mx ?? []).map(record => record.exchange),
		servers: [...evidence.servers],
		databases: [...evidence.databases],
		roleGroups: {...evidence.roleGroups},
		roleAssignments: [...evidence.roleAssignments],
	};
}
