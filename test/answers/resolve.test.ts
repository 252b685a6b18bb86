import {describe, expect, test} from 'vitest';
import {answersFromConfiguration} from '../../source/answers/from-configuration.js';
import {resolve} from '../../source/answers/resolve.js';
import type {Answers} from '../../source/answers/schema.js';
import {createPlan} from '../../source/plan/plan.js';
import {detectionReport} from '../helpers/detection-report.js';

const report = detectionReport();
const onlineIds: Answers = {
	tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
	clientId: '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
	certificateThumbprint: 'a909502dd82ae41433e6f83886b00d4277a32a7b',
};

const serviceAccount = String.raw`CONTOSO\svc-k2`;

const fieldsOf = (answers: Answers, options = {}) =>
	resolve(answers, report, options).problems.map(problem => problem.field);

describe('resolve', () => {
	test('fills what was left open from detection, as the wizard does', () => {
		expect(
			resolve(
				{useExchange: true, email: 'k2svc@contoso.com', serviceAccount},
				report,
			),
		).toEqual({
			answers: {
				useExchange: true,
				autodiscover: true,
				email: 'k2svc@contoso.com',
				deployment: 'on-premises',
				standard: true,
				administrative: false,
				exchangeVersion: '2019',
				authentication: 'impersonate',
				server: 'exch01.contoso.com',
				serviceAccount,
			},
			problems: [],
		});
	});

	test('answers given are never replaced by detection', () => {
		const {answers} = resolve(
			{
				useExchange: true,
				autodiscover: false,
				server: 'exch09.contoso.com',
				exchangeVersion: '2010',
				administrative: true,
				mailboxDatabase: 'DB09',
				authentication: 'sso',
			},
			report,
		);
		expect(answers).toMatchObject({
			server: 'exch09.contoso.com',
			exchangeVersion: '2010',
			standard: false,
			administrative: true,
			mailboxDatabase: 'DB09',
			authentication: 'sso',
		});
	});

	test('administrative integration takes the database detected on the server', () => {
		const {answers} = resolve(
			{useExchange: true, autodiscover: false, administrative: true},
			report,
		);
		expect(answers.mailboxDatabase).toBe('DB01');
	});

	test('integration off needs nothing else', () => {
		expect(resolve({useExchange: false, server: 'x.contoso.com'})).toEqual({
			answers: {useExchange: false},
			problems: [],
		});
	});

	test('administrative integration is refused for Exchange Online', () => {
		const {problems} = resolve({
			useExchange: true,
			autodiscover: false,
			deployment: 'online',
			administrative: true,
			...onlineIds,
		});
		expect(problems).toEqual([
			{
				field: 'administrative',
				message: expect.stringMatching(/not available for Exchange Online/),
			},
		]);
	});

	test('exchange online needs the tenant, client and thumbprint', () => {
		expect(
			fieldsOf({useExchange: true, autodiscover: false, deployment: 'online'}),
		).toEqual(['tenantId', 'clientId', 'certificateThumbprint']);
	});

	test('on-premises needs a server when detection found none', () => {
		const {problems} = resolve({useExchange: true, autodiscover: false});
		expect(problems.map(problem => problem.field)).toEqual(['server']);
	});

	test('an undetected server needs a version', () => {
		const {problems} = resolve(
			{
				useExchange: true,
				autodiscover: false,
				server: 'exch09.contoso.com',
				serviceAccount,
			},
			detectionReport({proposal: {server: null, version: null}, servers: []}),
		);
		expect(problems).toEqual([
			{
				field: 'exchangeVersion',
				message: expect.stringMatching(/no version for exch09\.contoso\.com/),
			},
		]);
	});

	test('static authentication needs --password-stdin and an account', () => {
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				authentication: 'static',
			}),
		).toEqual(['authentication', 'serviceAccount']);
		expect(
			fieldsOf(
				{
					useExchange: true,
					autodiscover: false,
					authentication: 'static',
					serviceAccount: String.raw`CONTOSO\svc-k2`,
				},
				{passwordStdin: true},
			),
		).toEqual([]);
	});

	test('a password for a mode that takes none is refused', () => {
		expect(
			fieldsOf(
				{useExchange: true, autodiscover: false, serviceAccount},
				{passwordStdin: true},
			),
		).toEqual(['authentication']);
	});

	test('autodiscover needs an email address', () => {
		expect(fieldsOf({useExchange: true, serviceAccount})).toEqual(['email']);
	});

	test('a version that contradicts the detected one is named', () => {
		const {problems} = resolve(
			{
				useExchange: true,
				autodiscover: false,
				exchangeVersion: '2016',
				serviceAccount,
			},
			report,
		);
		expect(problems).toEqual([
			{
				field: 'exchangeVersion',
				message: expect.stringMatching(
					/is 2016, but detection found Exchange2019 \(15\.2\.1544\.4\) on exch01\.contoso\.com; allowed: leave it out, or 2019/,
				),
			},
		]);
	});

	test('conflicting deployment and version are named', () => {
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				deployment: 'on-premises',
				exchangeVersion: 'online',
			}),
		).toContain('exchangeVersion');
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				deployment: 'online',
				exchangeVersion: '2019',
				...onlineIds,
			}),
		).toEqual(['exchangeVersion']);
	});

	test('fields of the other deployment are refused', () => {
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				deployment: 'online',
				server: 'exch01.contoso.com',
				...onlineIds,
			}),
		).toEqual(['server']);
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				tenantId: onlineIds.tenantId,
				serviceAccount,
			}),
		).toEqual(['tenantId']);
	});
});

describe('the service account', () => {
	test.each([
		['impersonate', true],
		['service-account', true],
		['static', true],
		['sso', false],
	] as const)(
		'on-premises, %s authentication needs one: %s',
		(authentication, needed) => {
			const problems = fieldsOf(
				{useExchange: true, autodiscover: false, authentication},
				{passwordStdin: authentication === 'static'},
			);
			expect(problems.includes('serviceAccount')).toBe(needed);
		},
	);

	test('exchange online needs none', () => {
		expect(
			fieldsOf({
				useExchange: true,
				autodiscover: false,
				deployment: 'online',
				authentication: 'service-account',
				...onlineIds,
			}),
		).toEqual([]);
	});

	test('is not asked for before detection has said whether Exchange is online', () => {
		const before = (answers: Answers) =>
			resolve({useExchange: true, autodiscover: false, ...answers}).problems;
		expect(before({server: 'exch01.contoso.com'})).not.toContainEqual(
			expect.objectContaining({field: 'serviceAccount'}),
		);
		expect(
			before({server: 'exch01.contoso.com', deployment: 'on-premises'}),
		).toContainEqual({
			field: 'serviceAccount',
			message: expect.stringMatching(
				/^is required for impersonate authentication on-premises: the service instances act as this account; allowed: DOMAIN\\user/,
			),
		});
	});
});

describe('answers from an existing configuration', () => {
	test('give back the service account, from files of every age', () => {
		const {answers} = resolve(
			{useExchange: true, email: 'k2svc@contoso.com', serviceAccount},
			report,
		);
		const document = createPlan({answers, report});
		expect(answersFromConfiguration(document).serviceAccount).toBe(
			serviceAccount,
		);
		const older = {
			...document,
			serviceInstances: document.serviceInstances.map(instance => ({
				...instance,
				authentication: 'Static' as const,
				settings: {
					'Exchange EWS URL': 'https://mail.contoso.com/EWS/Exchange.asmx',
					'User ID': serviceAccount,
				},
			})),
		};
		expect(answersFromConfiguration(older).serviceAccount).toBe(serviceAccount);
	});

	test.each<[string, Answers]>([
		[
			'on-premises, both integrations',
			{
				useExchange: true,
				autodiscover: false,
				deployment: 'on-premises',
				server: 'exch01.contoso.com',
				standard: true,
				administrative: true,
				mailboxDatabase: 'DB01',
				authentication: 'impersonate',
				serviceAccount,
			},
		],
		[
			'online',
			{
				useExchange: true,
				email: 'k2svc@contoso.com',
				deployment: 'online',
				standard: true,
				authentication: 'sso',
				...onlineIds,
			},
		],
		['off', {useExchange: false}],
	])('%s plans the same document again', (_name, given) => {
		const {answers} = resolve(given, report);
		const first = createPlan({answers, report});
		const again = resolve(answersFromConfiguration(first), report).answers;
		expect(createPlan({answers: again, report})).toEqual(first);
	});
});
