/*
Detection reports built by hand, for tests of the pure flow. Screens are
tested against reports from the simulated environment instead.
*/
import {checkIds, type DetectionReport} from '../../source/detection/types.js';

type Overrides = {
	readonly proposal?: Partial<DetectionReport['proposal']>;
	readonly findings?: Partial<DetectionReport['findings']>;
	readonly prerequisites?: DetectionReport['prerequisites'];
};

export function makeReport(overrides: Overrides = {}): DetectionReport {
	return {
		checks: checkIds.map(id => ({
			id,
			status: 'pass',
			ms: 10,
			summary: `${id} is fine`,
			fix: null,
		})),
		proposal: {
			deployment: 'on-premises',
			reason: 'Get-ExchangeServer found one Exchange 2019 server',
			server: 'exch01.contoso.com',
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
			versionSource: 'Get-ExchangeServer, EXCH01',
			ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
			...overrides.proposal,
		},
		findings: {
			installMode: 'new',
			account: String.raw`CONTOSO\k2install`,
			accountGroups: [String.raw`CONTOSO\View-Only Organization Management`],
			powershellVersion: '5.1.17763.1',
			autodiscover: [],
			mx: ['mail.contoso.com'],
			servers: [
				{
					name: 'EXCH01',
					fqdn: 'exch01.contoso.com',
					adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
					roles: ['Mailbox'],
					site: 'Default-First-Site-Name',
					version: {
						name: 'Exchange2019',
						detected: true,
						build: '15.2.1544.4',
					},
					support: 'end of support 14 Oct 2025',
					services: {},
				},
				{
					name: 'EXCH02',
					fqdn: 'exch02.contoso.com',
					adminDisplayVersion: 'Version 15.1 (Build 2507.6)',
					roles: ['Mailbox'],
					site: 'Branch',
					version: {
						name: 'Exchange2016',
						detected: true,
						build: '15.1.2507.6',
					},
					support: 'end of support 14 Oct 2025',
					services: {},
				},
			],
			databases: [
				{name: 'DB01', server: 'exch01.contoso.com', storageGroup: null},
			],
			roleGroups: {},
			roleAssignments: [],
			...overrides.findings,
		},
		prerequisites: overrides.prerequisites ?? {met: true},
	};
}
