import {
	type DetectionReport,
	type DiscoveredServer,
	type Proposal,
	checkIds,
} from '../../source/detection/types.js';

export const exch01: DiscoveredServer = {
	name: 'EXCH01',
	fqdn: 'exch01.contoso.com',
	adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
	roles: ['Mailbox'],
	site: 'Default-First-Site-Name',
	version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
	support: 'end of support 14 Oct 2025',
	services: {MSExchangeServiceHost: 'Running'},
};

/**
A detection report in which every check passed, shaped like the
contoso-2019 scenario's; parts can be replaced.
*/
export function detectionReport(
	overrides: {
		proposal?: Partial<Proposal>;
		servers?: DiscoveredServer[];
	} = {},
): DetectionReport {
	return {
		checks: checkIds.map(id => ({
			id,
			status: 'pass',
			ms: 1,
			summary: 'fine',
			fix: null,
		})),
		proposal: {
			deployment: 'on-premises',
			reason: 'Get-ExchangeServer found EXCH01',
			server: 'exch01.contoso.com',
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
			versionSource: 'Get-ExchangeServer on EXCH01',
			ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
			...overrides.proposal,
		},
		findings: {
			installMode: 'new',
			account: String.raw`CONTOSO\k2install`,
			accountGroups: [],
			powershellVersion: '5.1.17763.1',
			autodiscover: [],
			mx: ['mail.contoso.com'],
			servers: overrides.servers ?? [exch01],
			databases: [
				{name: 'DB01', server: 'exch01.contoso.com', storageGroup: null},
			],
			roleGroups: {},
			roleAssignments: [],
		},
		prerequisites: {met: true},
	};
}
