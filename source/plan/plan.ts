/*
Answers and what detection found, turned into the configuration document.
The Summary page renders this document and the writer writes it, so both
faces agree by construction. Pure and deterministic: the same input gives a
document with the same keys in the same order, so replays are byte-identical.
*/
import type {Answers, ExchangeVersionChoice} from '../answers/schema.js';
import type {
	Deployment,
	DetectedVersion,
	DetectionReport,
	VersionName,
} from '../detection/types.js';
import {ewsSchemaVersion} from '../environment/versions.js';
import {
	instanceNames,
	type ConfigDocument,
	type InstanceAuthentication,
	type InstanceName,
	type ServiceInstance,
} from './types.js';

export type PlanInput = {
	readonly answers: Answers;
	readonly report?: DetectionReport;
	/** Set when the page was skipped (prerequisites missing, upgrade). */
	readonly skippedReason?: string;
};

/** Where Exchange Online serves EWS for every tenant. */
export const onlineServer = 'outlook.office365.com';

export const environmentLibraryField = 'Exchange Server';

/**
The reasons recorded when the answers themselves leave Exchange unconfigured.
Every face records these same words (the wizard's flow takes them from here).
*/
export const skipReasons = {
	integrationOff: 'Exchange integration was not selected.',
	nothingTicked:
		'Neither standard nor administrative integration was selected.',
} as const;

const versionNames: Record<ExchangeVersionChoice, VersionName> = {
	'2007': 'Exchange2007',
	'2010': 'Exchange2010',
	'2013': 'Exchange2013',
	'2016': 'Exchange2016',
	'2019': 'Exchange2019',
	se: 'ExchangeSE',
	online: 'ExchangeOnline',
};

const instanceAuthentications = {
	impersonate: 'Impersonate',
	'service-account': 'ServiceAccount',
	sso: 'SSO',
	static: 'Static',
} as const satisfies Record<string, InstanceAuthentication>;

/** The product version name an `--exchange-version` choice stands for. */
export function versionNameOf(choice: ExchangeVersionChoice): VersionName {
	return versionNames[choice];
}

/**
The deployment the answers lead to: the one chosen, else the one the version
implies, else the one detection proposed, else on-premises.
*/
export function deploymentOf(
	answers: Answers,
	report?: DetectionReport,
): Deployment {
	if (answers.deployment) {
		return answers.deployment;
	}

	if (answers.exchangeVersion) {
		return answers.exchangeVersion === 'online' ? 'online' : 'on-premises';
	}

	return report?.proposal.deployment ?? 'on-premises';
}

/** The Exchange server the answers lead to, or null when none is known. */
export function serverOf(
	answers: Answers,
	report?: DetectionReport,
): string | null {
	if (answers.server) {
		return answers.server;
	}

	if (deploymentOf(answers, report) === 'online') {
		return onlineServer;
	}

	return report?.proposal.server ?? null;
}

/**
The product version: the one detection found for the chosen server, else the
one the answers name. As on the wizard's page, a detected version is not
overridden (`resolve` reports an answer that contradicts it). Null when
neither says; `resolve` reports that as a missing answer.
*/
export function versionOf(
	answers: Answers,
	report?: DetectionReport,
): DetectedVersion | null {
	const found = detectedVersionFor(answers, report);
	if (found) {
		return {name: found.name, detected: found.detected, build: found.build};
	}

	if (answers.exchangeVersion) {
		return {
			name: versionNameOf(answers.exchangeVersion),
			detected: false,
			build: null,
		};
	}

	if (deploymentOf(answers, report) === 'online') {
		return {name: 'ExchangeOnline', detected: false, build: null};
	}

	return null;
}

function detectedVersionFor(
	answers: Answers,
	report: DetectionReport | undefined,
): DetectedVersion | undefined {
	if (!report) {
		return undefined;
	}

	const {proposal, findings} = report;
	if (deploymentOf(answers, report) === 'online') {
		return proposal.version?.name === 'ExchangeOnline'
			? proposal.version
			: undefined;
	}

	const server = serverOf(answers, report)?.toLowerCase();
	const discovered = findings.servers.find(
		candidate => candidate.fqdn.toLowerCase() === server,
	);
	if (discovered?.version) {
		return discovered.version;
	}

	if (proposal.version && proposal.server?.toLowerCase() === server) {
		return proposal.version;
	}

	return undefined;
}

/**
The configuration document for the answers. Call it with answers that
`resolve` found complete; it throws when the version or the server is unknown
and the integration is on, because no document can be written then.
*/
// eslint-disable-next-line complexity -- the document, field by field
export function createPlan(input: PlanInput): ConfigDocument {
	const {answers, report} = input;
	const reason =
		input.skippedReason ??
		(answers.useExchange === true ? undefined : skipReasons.integrationOff) ??
		(answers.standard === true || answers.administrative === true
			? undefined
			: skipReasons.nothingTicked);
	if (reason !== undefined) {
		return {
			schemaVersion: 1,
			exchange: {enabled: false, skippedReason: reason},
			serviceInstances: [],
			environmentLibrary: [],
		};
	}

	const deployment = deploymentOf(answers, report);
	const online = deployment === 'online';
	const server = serverOf(answers, report);
	const version = versionOf(answers, report);
	if (server === null || version === null) {
		throw new Error(
			`createPlan needs ${server === null ? 'an Exchange server' : 'an Exchange version'}; resolve the answers first.`,
		);
	}

	const autodiscover = answers.autodiscover ?? true;
	const standard = answers.standard === true;
	const administrative = answers.administrative === true && !online;
	const common = {
		'Exchange EWS URL': ewsUrl({online, server, autodiscover, report}),
		'Exchange Version': ewsSchemaVersion(version.name, version.build),
		'Use Auto Discovery': autodiscover,
		'Is Exchange Online': online,
		...(online
			? {
					'Tenant ID': answers.tenantId ?? '',
					'Client ID': answers.clientId ?? '',
					'Certificate Thumbprint': (
						answers.certificateThumbprint ?? ''
					).toUpperCase(),
				}
			: {}),
		// The account is no secret, and --reconfigure reads it back from here.
		...(!online && answers.serviceAccount
			? {'Service Account': answers.serviceAccount}
			: {}),
		// Static's credential names its user as K2 does; the password is kept
		// apart, protected (see store/credential.ts).
		...(!online && answers.authentication === 'static' && answers.serviceAccount
			? {'User ID': answers.serviceAccount}
			: {}),
	};
	const chosen =
		answers.authentication ?? defaultAuthentication(answers, report);
	const instance = (
		name: InstanceName,
		extra: Record<string, string | number> = {},
	): ServiceInstance => ({
		name,
		// Impersonation is how calendars and meetings act for a user; the
		// other instances always act as the service account.
		authentication:
			chosen === 'impersonate' && name !== instanceNames.management
				? 'ServiceAccount'
				: instanceAuthentications[chosen],
		settings: {...common, ...extra},
	});

	const serviceInstances: ServiceInstance[] = [];
	if (standard) {
		serviceInstances.push(
			instance(instanceNames.management, {
				'Default difference between free/busy slots': 30,
				'Max hours after work': 0,
				'Max meetings per day': 10,
			}),
		);
	}

	serviceInstances.push(instance(instanceNames.metaData));
	if (administrative) {
		serviceInstances.push(
			instance(
				instanceNames.administration,
				answers.mailboxDatabase
					? {'Mailbox Database': answers.mailboxDatabase}
					: {},
			),
		);
	}

	return {
		schemaVersion: 1,
		exchange: {
			enabled: true,
			autodiscover,
			email: answers.email ?? null,
			deployment,
			server,
			version,
			standard,
			administrative,
		},
		serviceInstances,
		environmentLibrary: [{field: environmentLibraryField, value: server}],
	};
}

/**
The authentication mode when none was chosen: impersonation for standard
integration on-premises, the service account otherwise. Every face uses this
default, so a replay writes what the wizard wrote.
*/
export function defaultAuthentication(
	answers: Answers,
	report?: DetectionReport,
): NonNullable<Answers['authentication']> {
	return answers.standard === true &&
		deploymentOf(answers, report) === 'on-premises'
		? 'impersonate'
		: 'service-account';
}

function ewsUrl(input: {
	online: boolean;
	server: string;
	autodiscover: boolean;
	report: DetectionReport | undefined;
}): string {
	if (input.online) {
		return `https://${onlineServer}/EWS/Exchange.asmx`;
	}

	const found = input.report?.proposal.ewsUrl;
	if (input.autodiscover && found) {
		return found;
	}

	return `https://${input.server}/EWS/Exchange.asmx`;
}
