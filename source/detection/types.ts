/*
The detection report: what `detect --json` prints and the wizard shows.
Check ids and the shape of the report are fixed by the product contract.
*/
import type {
	ExchangeServerFacts,
	InstallMode,
	MailboxDatabaseFacts,
	RoleAssignmentFacts,
} from '../environment/types.js';

export const checkIds = [
	'powershell',
	'winrm',
	'language-mode',
	'account',
	'services',
	'autodiscover',
	'mx',
	'servers',
	'databases',
	'permissions',
] as const;

export type CheckId = (typeof checkIds)[number];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type CheckResult = {
	readonly id: CheckId;
	readonly status: CheckStatus;
	/** Wall time of the stage that answered this check. */
	readonly ms: number;
	/** One line: what was found, or what is wrong. */
	readonly summary: string;
	/** One line: the exact command or step that fixes it; null on pass. */
	readonly fix: string | null;
};

export type VersionName =
	| 'Exchange2007'
	| 'Exchange2010'
	| 'Exchange2013'
	| 'Exchange2016'
	| 'Exchange2019'
	| 'ExchangeSE'
	| 'ExchangeOnline';

export type DetectedVersion = {
	readonly name: VersionName;
	readonly detected: boolean;
	/** "15.2.1544.4"; null when the version was chosen, not detected. */
	readonly build: string | null;
};

export type Deployment = 'on-premises' | 'online';

export type Proposal = {
	readonly deployment: Deployment | null;
	/** Why that deployment: the evidence, in one line. */
	readonly reason: string;
	readonly server: string | null;
	readonly version: DetectedVersion | null;
	/** Where the version came from ("Get-ExchangeServer on EXCH01"). */
	readonly versionSource: string | null;
	readonly ewsUrl: string | null;
};

export type AutodiscoverMethod =
	'scp' | 'domain' | 'autodiscover-domain' | 'redirect' | 'srv' | 'json';

export type AutodiscoverAttempt = {
	readonly method: AutodiscoverMethod;
	readonly url: string;
	readonly outcome: 'found' | 'failed' | 'redirected' | 'not-tried';
	/** "connection refused", "302 to https://…", "EWS at https://…". */
	readonly detail: string;
	readonly ms: number;
};

export type DiscoveredServer = ExchangeServerFacts & {
	readonly version: DetectedVersion | null;
	/** "supported", "end of support 14 Oct 2025", "unsupported". */
	readonly support: string;
	readonly services: Readonly<Record<string, string>>;
};

/**
Everything detection found, kept for the pages that follow: the server
dropdown, the rights checks, the Summary.
*/
export type Findings = {
	readonly installMode: InstallMode;
	readonly account: string | null;
	readonly accountGroups: readonly string[];
	readonly powershellVersion: string | null;
	readonly autodiscover: readonly AutodiscoverAttempt[];
	readonly mx: readonly string[];
	readonly servers: readonly DiscoveredServer[];
	readonly databases: readonly MailboxDatabaseFacts[];
	readonly roleGroups: Readonly<Record<string, readonly string[]>>;
	readonly roleAssignments: readonly RoleAssignmentFacts[];
};

export type DetectionReport = {
	readonly checks: readonly CheckResult[];
	readonly proposal: Proposal;
	readonly findings: Findings;
	/**
	Whether the Exchange Server Configuration page can be shown, and if not,
	why and what fixes it.
	*/
	readonly prerequisites:
		| {readonly met: true}
		| {readonly met: false; readonly reason: string; readonly fix: string};
};

/** What the live screen is told while detection runs. */
export type DetectionEvent =
	| {readonly type: 'started'; readonly id: CheckId; readonly at: number}
	| {readonly type: 'finished'; readonly result: CheckResult};
