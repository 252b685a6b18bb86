/*
A generated organisation far larger than any real one, for benchmarks: how
detection, the server dropdown and the Summary cope with thousands of
servers and databases.
*/
import {scenarioSchema, type Scenario} from './scenario.js';
import {encodeServerVersion} from './versions.js';

const builds = [
	'Version 15.2 (Build 2562.17)',
	'Version 15.2 (Build 1748.10)',
	'Version 15.1 (Build 2507.6)',
	'Version 15.0 (Build 1497.2)',
	'Version 14.3 (Build 123.4)',
];

const services = [
	'MSExchangeADTopology',
	'MSExchangeIS',
	'MSExchangeServiceHost',
	'MSExchangeRPC',
	'MSExchangeTransport',
	'W3Svc',
];

/**
A scenario with `servers` Exchange servers of mixed versions across ten
sites and `databases` mailbox databases spread evenly over them. The first
server answers Autodiscover through the SCP.
*/
export function makeLargeScenario(
	servers = 1000,
	databases = 10_000,
): Scenario {
	if (!Number.isInteger(servers) || servers < 1) {
		throw new RangeError(
			`servers must be a whole number of at least 1, got ${servers}`,
		);
	}

	if (!Number.isInteger(databases) || databases < 0) {
		throw new RangeError(
			`databases must be a whole number of at least 0, got ${databases}`,
		);
	}

	const width = String(servers).length;
	const list = Array.from({length: servers}, (_, index) => {
		const name = `EXCH${String(index + 1).padStart(width, '0')}`;
		return {
			name,
			fqdn: `${name.toLowerCase()}.contoso.com`,
			adminDisplayVersion: builds[index % builds.length]!,
			roles: ['Mailbox'],
			site: `Site-${(index % 10) + 1}`,
			services: Object.fromEntries(
				services.map(service => [service, 'Running']),
			),
			databases: [] as Array<{name: string; storageGroup: string | null}>,
		};
	});
	for (let index = 0; index < databases; index++) {
		list[index % servers]!.databases.push({
			name: `DB${String(index + 1).padStart(String(databases).length, '0')}`,
			storageGroup: null,
		});
	}

	const first = list[0]!;
	const scpUrl = `https://${first.fqdn}/Autodiscover/Autodiscover.xml`;
	return scenarioSchema.parse({
		name: `large-${servers}-${databases}`,
		description: `${servers} servers and ${databases} databases, generated`,
		host: {groups: [String.raw`CONTOSO\View-Only Organization Management`]},
		dns: {mx: {'contoso.com': [{exchange: 'mail.contoso.com', priority: 10}]}},
		autodiscover: {
			scp: [scpUrl],
			endpoints: {
				[scpUrl]: {
					status: 200,
					ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
					server: first.fqdn,
					serverVersion: encodeServerVersion(15, 2, 2562),
				},
			},
		},
		exchange: {
			servers: list,
			roleGroups: {
				'View-Only Organization Management': [String.raw`CONTOSO\k2install`],
				'Recipient Management': [String.raw`CONTOSO\svc-k2`],
			},
			roleAssignments: [
				{
					role: 'ApplicationImpersonation',
					assignee: String.raw`CONTOSO\svc-k2`,
				},
			],
		},
	});
}
