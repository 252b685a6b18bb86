/*
The choices the pages offer, and how each is labelled on screen.
*/
import type {Authentication, ExchangeVersionChoice} from '../answers/schema.js';
import type {
	DetectedVersion,
	DiscoveredServer,
	VersionName,
} from '../detection/types.js';
import type {MailboxDatabaseFacts} from '../environment/types.js';

export type Choice<V> = {
	readonly value: V;
	readonly label: string;
	/** A second, dimmer line with more about the option. */
	readonly detail?: string;
};

const versionNames: Readonly<Record<ExchangeVersionChoice, VersionName>> = {
	'2007': 'Exchange2007',
	'2010': 'Exchange2010',
	'2013': 'Exchange2013',
	'2016': 'Exchange2016',
	'2019': 'Exchange2019',
	se: 'ExchangeSE',
	online: 'ExchangeOnline',
};

const versionLabels: Readonly<Record<ExchangeVersionChoice, string>> = {
	'2007': 'Exchange 2007',
	'2010': 'Exchange 2010',
	'2013': 'Exchange 2013',
	'2016': 'Exchange 2016',
	'2019': 'Exchange 2019',
	se: 'Exchange Server SE',
	online: 'Exchange Online',
};

export function versionChoiceOf(name: VersionName): ExchangeVersionChoice {
	const entry = Object.entries(versionNames).find(
		([, value]) => value === name,
	);
	// The table covers every VersionName, so the fallback is never taken.
	return (entry?.[0] ?? 'online') as ExchangeVersionChoice;
}

export function versionLabel(choice: ExchangeVersionChoice): string {
	return versionLabels[choice];
}

export function describeVersion(version: DetectedVersion): string {
	const label = versionLabel(versionChoiceOf(version.name));
	return version.build ? `${label} (${version.build})` : label;
}

/** The versions an on-premises administrator can choose when none was detected. */
export const onPremisesVersionChoices: ReadonlyArray<
	Choice<ExchangeVersionChoice>
> = (['2007', '2010', '2013', '2016', '2019', 'se'] as const).map(value => ({
	value,
	label: versionLabels[value],
}));

export const authenticationChoices: ReadonlyArray<Choice<Authentication>> = [
	{value: 'impersonate', label: 'Impersonate'},
	{value: 'service-account', label: 'ServiceAccount'},
	{value: 'sso', label: 'Single Sign-On'},
	{value: 'static', label: 'Static'},
];

export const deploymentChoices = [
	{value: 'on-premises', label: 'Configure Exchange On-premises'},
	{value: 'online', label: 'Configure Exchange Online'},
] as const;

/**
Each server with its version, roles, site and support status, so the
administrator can tell servers apart without leaving the page.
*/
export function serverChoices(
	servers: readonly DiscoveredServer[],
): ReadonlyArray<Choice<string>> {
	return servers.map(server => {
		const version = server.version
			? describeVersion(server.version)
			: server.adminDisplayVersion || 'version unknown';
		const roles = server.roles.length > 0 ? server.roles.join('/') : 'no roles';
		return {
			value: server.fqdn,
			label: `${server.fqdn}, ${version}`,
			detail: [roles, server.site, server.support].join(', '),
		};
	});
}

export function databaseChoices(
	databases: readonly MailboxDatabaseFacts[],
): ReadonlyArray<Choice<string>> {
	return databases.map(database => ({
		value: database.name,
		label: [
			database.storageGroup
				? `${database.storageGroup}\\${database.name}`
				: database.name,
			`on ${database.server}`,
		].join(' '),
	}));
}
