import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import type {
	DetectedVersion,
	VersionName,
} from '../../source/detection/types.js';
import {ewsSchemaVersion} from '../../source/environment/versions.js';
import {createPlan, skipReasons} from '../../source/plan/plan.js';
import {detectionReport, exch01} from '../helpers/detection-report.js';

const onPremises: Answers = {
	useExchange: true,
	autodiscover: true,
	email: 'k2svc@contoso.com',
	deployment: 'on-premises',
	standard: true,
	administrative: true,
	server: 'exch01.contoso.com',
	authentication: 'impersonate',
	serviceAccount: String.raw`CONTOSO\svc-k2`,
	mailboxDatabase: 'DB01',
};

const online: Answers = {
	useExchange: true,
	email: 'k2svc@contoso.com',
	deployment: 'online',
	standard: true,
	tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
	clientId: '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
	certificateThumbprint: 'a909502dd82ae41433e6f83886b00d4277a32a7b',
};

describe('createPlan', () => {
	test('writes the contract example for an on-premises 2019 server', () => {
		const document = createPlan({
			answers: onPremises,
			report: detectionReport(),
		});
		expect(document.exchange).toEqual({
			enabled: true,
			autodiscover: true,
			email: 'k2svc@contoso.com',
			deployment: 'on-premises',
			server: 'exch01.contoso.com',
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
			standard: true,
			administrative: true,
		});
		expect(
			document.serviceInstances.map(i => [i.name, i.authentication]),
		).toEqual([
			['Exchange Management', 'Impersonate'],
			['Exchange Meta Data', 'ServiceAccount'],
			['Exchange Administration', 'ServiceAccount'],
		]);
		expect(document.serviceInstances[0]?.settings).toEqual({
			'Exchange EWS URL': 'https://mail.contoso.com/EWS/Exchange.asmx',
			'Exchange Version': 'Exchange2013_SP1',
			'Use Auto Discovery': true,
			'Is Exchange Online': false,
			'Service Account': String.raw`CONTOSO\svc-k2`,
			'Default difference between free/busy slots': 30,
			'Max hours after work': 0,
			'Max meetings per day': 10,
		});
		expect(document.serviceInstances[1]?.settings).toEqual({
			'Exchange EWS URL': 'https://mail.contoso.com/EWS/Exchange.asmx',
			'Exchange Version': 'Exchange2013_SP1',
			'Use Auto Discovery': true,
			'Is Exchange Online': false,
			'Service Account': String.raw`CONTOSO\svc-k2`,
		});
		expect(document.serviceInstances[2]?.settings).toMatchObject({
			'Mailbox Database': 'DB01',
		});
		expect(document.environmentLibrary).toEqual([
			{field: 'Exchange Server', value: 'exch01.contoso.com'},
		]);
	});

	test('writes only the instances of ticked integrations', () => {
		const names = (answers: Answers) =>
			createPlan({answers, report: detectionReport()}).serviceInstances.map(
				i => i.name,
			);
		expect(names({...onPremises, administrative: false})).toEqual([
			'Exchange Management',
			'Exchange Meta Data',
		]);
		expect(names({...onPremises, standard: false})).toEqual([
			'Exchange Meta Data',
			'Exchange Administration',
		]);
	});

	test('integration off leaves exchange unconfigured with the reason', () => {
		const document = createPlan({answers: {useExchange: false}});
		expect(document).toEqual({
			schemaVersion: 1,
			exchange: {enabled: false, skippedReason: skipReasons.integrationOff},
			serviceInstances: [],
			environmentLibrary: [],
		});
		expect(createPlan({answers: {}}).exchange).toEqual({
			enabled: false,
			skippedReason: skipReasons.integrationOff,
		});
	});

	test('ticking neither integration skips with its own reason', () => {
		const document = createPlan({
			answers: {...onPremises, standard: false, administrative: false},
			report: detectionReport(),
		});
		expect(document.exchange).toEqual({
			enabled: false,
			skippedReason: skipReasons.nothingTicked,
		});
		expect(document.serviceInstances).toEqual([]);
	});

	test('a skipped page records the reason given and nothing else', () => {
		const document = createPlan({
			answers: onPremises,
			report: detectionReport(),
			skippedReason: 'WinRM is stopped',
		});
		expect(document.exchange).toEqual({
			enabled: false,
			skippedReason: 'WinRM is stopped',
		});
		expect(document.environmentLibrary).toEqual([]);
	});

	test('exchange online uses the online endpoint and schema', () => {
		const document = createPlan({answers: online});
		expect(document.exchange).toMatchObject({
			deployment: 'online',
			server: 'outlook.office365.com',
			version: {name: 'ExchangeOnline', detected: false, build: null},
			administrative: false,
		});
		expect(document.serviceInstances.map(i => i.name)).toEqual([
			'Exchange Management',
			'Exchange Meta Data',
		]);
		expect(document.serviceInstances[1]?.authentication).toBe('ServiceAccount');
		expect(document.serviceInstances[1]?.settings).toEqual({
			'Exchange EWS URL': 'https://outlook.office365.com/EWS/Exchange.asmx',
			'Exchange Version': 'Exchange2013_SP1',
			'Use Auto Discovery': true,
			'Is Exchange Online': true,
			'Tenant ID': '72f988bf-86f1-41af-91ab-2d7cd011db47',
			'Client ID': '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
			'Certificate Thumbprint': 'A909502DD82AE41433E6F83886B00D4277A32A7B',
		});
	});

	test('an online version detected by autodiscover is kept with its build', () => {
		const document = createPlan({
			answers: online,
			report: detectionReport({
				proposal: {
					deployment: 'online',
					server: null,
					version: {
						name: 'ExchangeOnline',
						detected: true,
						build: '15.20.8857.12',
					},
				},
			}),
		});
		expect(document.exchange).toMatchObject({
			version: {name: 'ExchangeOnline', detected: true, build: '15.20.8857.12'},
		});
	});

	test('the version of the chosen discovered server is used', () => {
		const exch02 = {
			...exch01,
			name: 'EXCH02',
			fqdn: 'exch02.contoso.com',
			version: {
				name: 'Exchange2016',
				detected: true,
				build: '15.1.2507.6',
			} satisfies DetectedVersion,
		};
		const document = createPlan({
			answers: {...onPremises, server: 'EXCH02.contoso.com'},
			report: detectionReport({servers: [exch01, exch02]}),
		});
		expect(document.exchange).toMatchObject({
			server: 'EXCH02.contoso.com',
			version: {name: 'Exchange2016', detected: true, build: '15.1.2507.6'},
		});
	});

	test('a detected version is not overridden by a chosen one', () => {
		const document = createPlan({
			answers: {...onPremises, exchangeVersion: '2010'},
			report: detectionReport(),
		});
		expect(document.exchange).toMatchObject({
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
		});
	});

	test('a chosen version stands where none was detected', () => {
		const document = createPlan({
			answers: {...onPremises, exchangeVersion: '2010'},
			report: detectionReport({
				proposal: {version: null},
				servers: [{...exch01, version: null}],
			}),
		});
		expect(document.exchange).toMatchObject({
			version: {name: 'Exchange2010', detected: false, build: null},
		});
		expect(document.serviceInstances[0]?.settings['Exchange Version']).toBe(
			'Exchange2010_SP2',
		);
	});

	test('without autodiscover the EWS URL is built from the server', () => {
		const document = createPlan({
			answers: {...onPremises, autodiscover: false},
			report: detectionReport(),
		});
		expect(document.serviceInstances[0]?.settings).toMatchObject({
			'Exchange EWS URL': 'https://exch01.contoso.com/EWS/Exchange.asmx',
			'Use Auto Discovery': false,
		});
	});

	test('a mode other than impersonation applies to every instance', () => {
		for (const [answer, name] of [
			['sso', 'SSO'],
			['static', 'Static'],
			['service-account', 'ServiceAccount'],
		] as const) {
			const document = createPlan({
				answers: {...onPremises, authentication: answer},
				report: detectionReport(),
			});
			expect(
				new Set(document.serviceInstances.map(i => i.authentication)),
			).toEqual(new Set([name]));
		}
	});

	test('the service account is kept in every on-premises mode, static also names it as its user', () => {
		for (const authentication of [
			'impersonate',
			'service-account',
			'sso',
			'static',
		] as const) {
			const document = createPlan({
				answers: {...onPremises, authentication},
				report: detectionReport(),
			});
			for (const {settings} of document.serviceInstances) {
				expect(settings['Service Account']).toBe(String.raw`CONTOSO\svc-k2`);
				expect(settings['User ID']).toBe(
					authentication === 'static' ? String.raw`CONTOSO\svc-k2` : undefined,
				);
			}
		}
	});

	test('exchange online keeps no service account', () => {
		const document = createPlan({
			answers: {...online, serviceAccount: String.raw`CONTOSO\svc-k2`},
		});
		expect(document.serviceInstances[0]?.settings).not.toHaveProperty(
			'Service Account',
		);
	});

	test('without a detected or chosen version the plan refuses', () => {
		expect(() =>
			createPlan({answers: {...onPremises, server: 'exch09.contoso.com'}}),
		).toThrow(/Exchange version/);
	});

	test('the same answers in another key order give byte-identical JSON', () => {
		const reversed = Object.fromEntries(
			Object.entries(onPremises).reverse(),
		) as Answers;
		const report = detectionReport();
		expect(JSON.stringify(createPlan({answers: reversed, report}))).toBe(
			JSON.stringify(createPlan({answers: onPremises, report})),
		);
	});
});

describe('ewsSchemaVersion', () => {
	const table = readFileSync(
		new URL('../fixtures/exchange-builds.tsv', import.meta.url),
		'utf8',
	)
		.split('\n')
		.filter(line => /^\d/.test(line))
		.map(line => line.split('\t'));

	test('every build newer than 2013 gets the newest schema', () => {
		const newer = table.filter(([, product]) => product !== 'Exchange2013');
		expect(newer.length).toBeGreaterThan(100);
		for (const [build, product] of newer) {
			expect(ewsSchemaVersion(product as VersionName, build), build).toBe(
				'Exchange2013_SP1',
			);
		}
	});

	test('exchange 2013 speaks SP1 from build 15.0.847 on', () => {
		for (const [build = '', product, update] of table.filter(
			([, product]) => product === 'Exchange2013',
		)) {
			const before = ['CU1', 'CU2', 'CU3', 'RTM'].includes(update ?? '');
			expect(ewsSchemaVersion(product as VersionName, build), build).toBe(
				before ? 'Exchange2013' : 'Exchange2013_SP1',
			);
		}
	});

	test.each([
		['Exchange2007', '8.3.83.6', 'Exchange2007_SP1'],
		['Exchange2010', '14.0.639.21', 'Exchange2010'],
		['Exchange2010', '14.1.218.15', 'Exchange2010_SP1'],
		['Exchange2010', '14.2.247.5', 'Exchange2010_SP2'],
		['Exchange2010', '14.3.513.0', 'Exchange2010_SP2'],
		['Exchange2010', null, 'Exchange2010_SP2'],
		['Exchange2013', null, 'Exchange2013_SP1'],
		['ExchangeSE', null, 'Exchange2013_SP1'],
		['ExchangeOnline', '15.20.8857.12', 'Exchange2013_SP1'],
	] as const)('%s build %s speaks %s', (name, build, expected) => {
		expect(ewsSchemaVersion(name, build)).toBe(expected);
	});
});
