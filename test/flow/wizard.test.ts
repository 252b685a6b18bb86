import {describe, expect, test} from 'vitest';
import {
	back,
	detectionSettled,
	detectionStarted,
	finalAnswers,
	next,
	setAnswers,
	setPassword,
	startFlow,
	type FlowState,
} from '../../source/flow/wizard.js';
import {makeReport} from '../helpers/report.js';

const email = 'k2svc@contoso.com';

function toConfiguration(report = makeReport()): FlowState {
	let state = startFlow({answers: {useExchange: true, email}});
	state = next(state);
	expect(state.page).toBe('detecting');
	state = detectionSettled(state, report);
	return next(state);
}

function pagesOf(state: FlowState): string[] {
	return [...state.history, state.page];
}

describe('integration off', () => {
	test('goes straight to the summary and says nothing is configured', () => {
		const state = next(startFlow({answers: {}}));
		expect(state.page).toBe('summary');
		expect(state.skip?.kind).toBe('integration-off');
		expect(finalAnswers(state)).toEqual({
			useExchange: false,
			autodiscover: true,
		});
	});

	test('back from the summary returns to the first page with the skip forgotten', () => {
		const state = back(next(startFlow({answers: {}})));
		expect(state.page).toBe('exchange');
		expect(state.skip).toBeUndefined();
	});
});

describe('exchange page', () => {
	test('requires an email address for autodiscover', () => {
		const state = next(startFlow({answers: {useExchange: true}}));
		expect(state.page).toBe('exchange');
		expect(state.errors.email).toMatch(/required for Autodiscover/);
	});

	test('takes no email address when autodiscover is off', () => {
		const state = next(
			startFlow({answers: {useExchange: true, autodiscover: false}}),
		);
		expect(state.page).toBe('detecting');
	});

	test('rejects a malformed email address with the schema message', () => {
		const state = next(
			startFlow({answers: {useExchange: true, email: 'k2svc'}}),
		);
		expect(state.errors.email).toBe(
			'Email address must be an email address such as k2svc@contoso.com',
		);
	});

	test('changing a field clears its error', () => {
		let state = next(startFlow({answers: {useExchange: true, email: 'x'}}));
		state = setAnswers(state, {email});
		expect(state.errors).toEqual({});
	});
});

describe('detecting', () => {
	test('does not move on before a report has settled', () => {
		const state = next(startFlow({answers: {useExchange: true, email}}));
		expect(next(state).page).toBe('detecting');
	});

	test('a new run forgets the previous report', () => {
		let state = next(startFlow({answers: {useExchange: true, email}}));
		state = detectionStarted(detectionSettled(state, makeReport()));
		expect(state.report).toBeUndefined();
		expect(next(state).page).toBe('detecting');
	});

	test('fills unanswered fields from the proposal', () => {
		const state = toConfiguration();
		expect(state.page).toBe('configuration');
		expect(state.answers).toMatchObject({
			deployment: 'on-premises',
			server: 'exch01.contoso.com',
			standard: true,
			administrative: false,
		});
	});

	test('chooses the authentication default once the deployment is known', () => {
		let state = next(toConfiguration());
		expect(state.answers.authentication).toBe('impersonate');
		state = back(state);
		state = setAnswers(state, {
			authentication: undefined,
			deployment: 'online',
		});
		expect(next(state).answers.authentication).toBe('service-account');
	});

	test('keeps choices from the answer file over the proposal', () => {
		let state = startFlow({
			answers: {
				useExchange: true,
				email,
				server: 'exch02.contoso.com',
				administrative: true,
			},
		});
		state = detectionSettled(next(state), makeReport());
		expect(state.answers.server).toBe('exch02.contoso.com');
		expect(state.answers.standard).toBe(false);
		expect(state.answers.administrative).toBe(true);
	});

	test('prerequisites not met leads to the not-shown screen with reason and fix', () => {
		const stopped = makeReport({
			prerequisites: {
				met: false,
				reason: 'WinRM is stopped',
				fix: 'Start-Service WinRM',
			},
		});
		const report = {
			...stopped,
			checks: stopped.checks.map(check =>
				check.id === 'winrm' ? {...check, status: 'fail' as const} : check,
			),
		};
		const state = toConfiguration(report);
		expect(state.page).toBe('not-shown');
		expect(state.skip).toEqual({
			kind: 'prerequisites',
			reason: 'WinRM is stopped',
			fix: 'Start-Service WinRM',
		});
		const summary = next(state);
		expect(summary.page).toBe('summary');
		expect(summary.skip?.kind).toBe('prerequisites');
		expect(finalAnswers(summary)).toEqual({
			useExchange: true,
			autodiscover: true,
			email,
		});
	});

	test('an upgrade found by detection leads to the not-shown screen', () => {
		const state = toConfiguration(
			makeReport({findings: {installMode: 'upgrade'}}),
		);
		expect(state.page).toBe('not-shown');
		expect(state.skip?.kind).toBe('upgrade');
	});
});

describe('upgrade', () => {
	test('skips detection and explains why the page is not shown', () => {
		const state = next(
			startFlow({answers: {useExchange: true, email}, installMode: 'upgrade'}),
		);
		expect(state.page).toBe('not-shown');
		expect(state.skip?.kind).toBe('upgrade');
		expect(pagesOf(next(state))).toEqual(['exchange', 'not-shown', 'summary']);
	});
});

describe('configuration page', () => {
	test('neither integration ticked skips to the summary', () => {
		let state = toConfiguration();
		state = next(setAnswers(state, {standard: false}));
		expect(state.page).toBe('summary');
		expect(state.skip?.kind).toBe('nothing-ticked');
	});

	test('administrative alone does not count for online', () => {
		let state = toConfiguration();
		state = setAnswers(state, {
			deployment: 'online',
			standard: false,
			administrative: true,
		});
		expect(next(state).skip?.kind).toBe('nothing-ticked');
	});

	test('requires a valid server on-premises', () => {
		let state = toConfiguration(
			makeReport({proposal: {server: null}, findings: {servers: []}}),
		);
		state = next(state);
		expect(state.page).toBe('configuration');
		expect(state.errors.server).toBe('Exchange Server is required');
		state = next(setAnswers(state, {server: 'not a name'}));
		expect(state.errors.server).toBe(
			'Exchange Server must be a fully qualified domain name such as exch01.contoso.com',
		);
	});

	test('requires a version only when none was detected', () => {
		const undetected = makeReport({
			proposal: {version: null, versionSource: null},
			findings: {servers: []},
		});
		let state = next(toConfiguration(undetected));
		expect(state.errors.exchangeVersion).toBe('Exchange Version is required');
		state = next(setAnswers(state, {exchangeVersion: '2016'}));
		expect(state.page).toBe('accounts');
		expect(finalAnswers(state).exchangeVersion).toBe('2016');
	});

	test('the detected version follows the chosen server', () => {
		let state = toConfiguration();
		state = setAnswers(state, {server: 'exch02.contoso.com'});
		expect(finalAnswers(next(state)).exchangeVersion).toBe('2016');
	});
});

describe('nothing discovered', () => {
	const nothing = makeReport({
		proposal: {
			deployment: null,
			server: null,
			version: null,
			versionSource: null,
			ewsUrl: null,
		},
		findings: {servers: [], databases: []},
		prerequisites: {
			met: false,
			reason: 'no Exchange was reachable',
			fix: 'Check the email address and the server name',
		},
	});
	const failed = (id: string) => ({
		...nothing,
		checks: nothing.checks.map(check =>
			check.id === id
				? {...check, status: 'fail' as const, summary: `${id} failed`}
				: check,
		),
	});

	test('with powershell and winrm in place, the page asks for the server', () => {
		const state = toConfiguration(nothing);
		expect(state.page).toBe('configuration');
		expect(state.answers.server).toBeUndefined();
		// The version waits until the server entered has been asked.
		expect(next(state).errors).toEqual({
			server: 'Exchange Server is required',
		});
	});

	test.each(['powershell', 'winrm'])('without %s the page is not shown', id => {
		const state = toConfiguration(failed(id));
		expect(state.page).toBe('not-shown');
		expect(state.skip?.reason).toBe('no Exchange was reachable');
	});

	test('next asks the server entered, and one that did not answer leaves exchange unconfigured', () => {
		let state = setAnswers(toConfiguration(nothing), {
			server: 'exch01.adatum.com',
			exchangeVersion: '2019',
		});
		state = next(state);
		expect(state.page).toBe('detecting');
		expect(state.report).toBeUndefined();
		expect(state.askedServer).toBe('exch01.adatum.com');
		expect(pagesOf(state)).toEqual(['exchange', 'detecting']);

		const unanswered = failed('servers');
		state = next(detectionSettled(state, unanswered));
		expect(state.page).toBe('configuration');
		state = next(state);
		expect(state.page).toBe('summary');
		expect(state.skip).toEqual({
			kind: 'server-unanswered',
			reason: 'no Exchange answered: servers failed',
			fix: 'Check the email address and the server name',
		});

		// The answer file keeps the server, for a replay to ask it again.
		expect(finalAnswers(state)).toEqual({
			useExchange: true,
			autodiscover: true,
			email,
			server: 'exch01.adatum.com',
		});

		// Back, another name, and that one is asked in turn.
		state = next(setAnswers(back(state), {server: 'exch02.adatum.com'}));
		expect(state.page).toBe('detecting');
		expect(state.askedServer).toBe('exch02.adatum.com');
	});

	test('a server that answers goes on as if it had been discovered', () => {
		let state = setAnswers(toConfiguration(nothing), {
			server: 'exch01.contoso.com',
			exchangeVersion: '2016',
		});
		state = next(detectionSettled(next(state), makeReport()));
		expect(state.page).toBe('configuration');
		state = next(state);
		expect(state.page).toBe('accounts');
		expect(finalAnswers(state)).toMatchObject({
			server: 'exch01.contoso.com',
			exchangeVersion: '2019',
		});
	});
});

describe('accounts page', () => {
	test('requires the service account, and the database for administrative', () => {
		let state = toConfiguration();
		state = next(setAnswers(state, {administrative: true}));
		state = setAnswers(state, {mailboxDatabase: ''});
		state = next(state);
		expect(state.page).toBe('accounts');
		expect(Object.keys(state.errors)).toEqual([
			'serviceAccount',
			'mailboxDatabase',
		]);
	});

	test('single sign-on takes no service account, every other mode does', () => {
		const state = next(toConfiguration());
		for (const authentication of [
			'impersonate',
			'service-account',
			'static',
		] as const) {
			expect(
				next(setAnswers(state, {authentication})).errors.serviceAccount,
			).toBe('Service account is required');
		}

		expect(next(setAnswers(state, {authentication: 'sso'})).page).toBe(
			'summary',
		);
	});

	test('static is refused for exchange online, as unattended runs refuse it', () => {
		let state = toConfiguration();
		state = next(setAnswers(state, {deployment: 'online'}));
		state = next(
			setAnswers(state, {
				authentication: 'static',
				tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
				clientId: '11111111-2222-3333-4444-555555555555',
				certificateThumbprint: 'A909502DD82AE41433E6F83886B00D4277A32A7B',
			}),
		);
		expect(state.page).toBe('accounts');
		expect(Object.keys(state.errors)).toEqual(['authentication']);
		expect(state.errors.authentication).toMatch(
			/^Authentication Static is not accepted by Exchange Online/,
		);
	});

	test('static asks for a password that no answer carries, and back keeps it', () => {
		let state = next(toConfiguration());
		state = setAnswers(state, {
			authentication: 'static',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		});
		state = next(state);
		expect(state.errors).toEqual({
			password: 'Password is required for Static authentication',
		});
		state = setPassword(state, 'Canary-1f2e-P@ssw0rd');
		expect(state.errors).toEqual({});
		state = next(state);
		expect(state.page).toBe('summary');
		expect(JSON.stringify(finalAnswers(state))).not.toContain('Canary');
		expect(JSON.stringify(state.answers)).not.toContain('Canary');
		state = back(state);
		expect(state.page).toBe('accounts');
		expect(state.password).toBe('Canary-1f2e-P@ssw0rd');
	});

	test('a mode other than static asks for no password', () => {
		const state = next(
			setAnswers(next(toConfiguration()), {
				authentication: 'service-account',
				serviceAccount: String.raw`CONTOSO\svc-k2`,
			}),
		);
		expect(state.page).toBe('summary');
	});

	test('online asks for the app registration, not a service account', () => {
		let state = toConfiguration();
		state = next(setAnswers(state, {deployment: 'online'}));
		state = next(state);
		expect(Object.keys(state.errors)).toEqual([
			'tenantId',
			'clientId',
			'certificateThumbprint',
		]);
		state = setAnswers(state, {
			tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			clientId: '11111111-2222-3333-4444-555555555555',
			certificateThumbprint: 'abc',
		});
		state = next(state);
		expect(state.errors).toEqual({
			certificateThumbprint:
				'Certificate thumbprint must be 40 hexadecimal characters',
		});
	});

	test('walks through to the summary and done', () => {
		let state = toConfiguration();
		state = next(state);
		state = next(
			setAnswers(state, {serviceAccount: String.raw`CONTOSO\svc-k2`}),
		);
		expect(state.page).toBe('summary');
		expect(state.skip).toBeUndefined();
		expect(finalAnswers(state)).toEqual({
			useExchange: true,
			autodiscover: true,
			email,
			deployment: 'on-premises',
			standard: true,
			administrative: false,
			exchangeVersion: '2019',
			authentication: 'impersonate',
			server: 'exch01.contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		});
		expect(next(state).page).toBe('done');
	});
});

describe('back', () => {
	test('never loses what was entered', () => {
		let state = toConfiguration();
		state = next(setAnswers(state, {administrative: true}));
		state = setAnswers(state, {serviceAccount: String.raw`CONTOSO\svc-k2`});
		state = back(back(state));
		expect(state.page).toBe('detecting');
		state = next(next(state));
		expect(state.page).toBe('accounts');
		expect(state.answers.serviceAccount).toBe(String.raw`CONTOSO\svc-k2`);
		expect(state.answers.administrative).toBe(true);
	});

	test('online fields survive a switch back to on-premises', () => {
		let state = toConfiguration();
		state = setAnswers(state, {
			deployment: 'online',
			tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
		});
		state = setAnswers(state, {deployment: 'on-premises'});
		expect(state.answers.tenantId).toBe('72f988bf-86f1-41af-91ab-2d7cd011db47');
		expect(finalAnswers(state).tenantId).toBeUndefined();
	});

	test('does nothing on the first page and on done', () => {
		const first = startFlow({answers: {}});
		expect(back(first)).toBe(first);
		let state = toConfiguration();
		state = next(
			next(setAnswers(state, {serviceAccount: String.raw`CONTOSO\a`})),
		);
		state = next(state);
		expect(state.page).toBe('done');
		expect(back(state)).toBe(state);
	});
});
