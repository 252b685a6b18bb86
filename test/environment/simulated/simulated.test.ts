import {describe, expect, test} from 'vitest';
import {
	parsePoxResponse,
	buildPoxRequest,
} from '../../../source/environment/pox.js';
import {
	scenarioSchema,
	type ScenarioInput,
} from '../../../source/environment/scenario.js';
import {loadScenario} from '../../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../../source/environment/simulated/index.js';
import type {Outcome} from '../../../source/environment/types.js';

function environment(input: ScenarioInput) {
	return createSimulatedEnvironment(scenarioSchema.parse(input));
}

async function contoso(faults: ScenarioInput['faults'] = []) {
	const scenario = await loadScenario('contoso-2019');
	return createSimulatedEnvironment({
		...scenario,
		faults: scenarioSchema.shape.faults.parse(faults),
	});
}

function errorOf(outcome: Outcome<unknown>) {
	if (outcome.ok) {
		throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
	}

	return outcome.error;
}

function valueOf<T>(outcome: Outcome<T>): T {
	if (!outcome.ok) {
		throw new Error(`expected a value, got ${JSON.stringify(outcome.error)}`);
	}

	return outcome.value;
}

describe('probeHost', () => {
	test('answers the host from the scenario', async () => {
		const host = await (await contoso()).probeHost();
		expect(valueOf(host.powershell)).toEqual({
			computerName: 'K2APP01',
			version: '5.1.17763.1',
			edition: 'Desktop',
			languageMode: 'FullLanguage',
			executionPolicy: 'RemoteSigned',
		});
		expect(valueOf(host.winrm)).toBe('Running');
		expect(valueOf(host.account).name).toBe(String.raw`CONTOSO\k2install`);
		expect(valueOf(host.scp)).toEqual([
			'https://exch01.contoso.com/Autodiscover/Autodiscover.xml',
		]);
		expect(host.installMode).toBe('new');
	});

	test('no PowerShell fails every probe as shell-missing', async () => {
		const host = await environment({
			host: {powershell: null, installMode: 'reconfigure'},
		}).probeHost();
		for (const outcome of [
			host.powershell,
			host.winrm,
			host.account,
			host.scp,
		]) {
			expect(errorOf(outcome)).toEqual({
				category: 'shell-missing',
				message: 'PowerShell not found',
			});
		}

		expect(host.installMode).toBe('reconfigure');
	});

	test('an error fault fails only its probe, classified', async () => {
		const host = await (
			await contoso([
				{
					check: 'account',
					kind: 'error',
					errorId: 'AccessDenied,PSSessionOpenFailed',
					message: 'Access is denied.',
				},
			])
		).probeHost();
		expect(errorOf(host.account)).toEqual({
			category: 'access-denied',
			errorId: 'AccessDenied,PSSessionOpenFailed',
			message: 'Access is denied.',
		});
		expect(host.powershell.ok && host.winrm.ok && host.scp.ok).toBe(true);
	});

	test('an error fault on language-mode fails the PowerShell probe', async () => {
		const host = await (
			await contoso([
				{
					check: 'language-mode',
					kind: 'error',
					message: 'Cannot invoke method in this language mode.',
				},
			])
		).probeHost();
		expect(errorOf(host.powershell).category).toBe('policy');
		expect(host.winrm.ok).toBe(true);
	});

	test('a hang holds the whole round trip until the signal aborts', async () => {
		const simulated = await contoso([{check: 'winrm', kind: 'hang'}]);
		const controller = new AbortController();
		setTimeout(() => {
			controller.abort();
		}, 50);
		const host = await simulated.probeHost({signal: controller.signal});
		for (const outcome of [
			host.powershell,
			host.winrm,
			host.account,
			host.scp,
		]) {
			expect(errorOf(outcome).category).toBe('cancelled');
		}
	});

	test('a hang ends as a timeout after timeoutMs', async () => {
		const simulated = await contoso([{check: 'powershell', kind: 'hang'}]);
		const started = performance.now();
		const host = await simulated.probeHost({timeoutMs: 80});
		expect(performance.now() - started).toBeGreaterThanOrEqual(70);
		expect(errorOf(host.powershell).category).toBe('timeout');
	});

	test('a delay is real waiting, then a normal answer', async () => {
		const simulated = await contoso([
			{check: 'account', kind: 'delay', ms: 120},
		]);
		const started = performance.now();
		const host = await simulated.probeHost();
		expect(performance.now() - started).toBeGreaterThanOrEqual(110);
		expect(host.account.ok).toBe(true);
	});

	test('a delay longer than the time limit is a timeout', async () => {
		const simulated = await contoso([
			{check: 'account', kind: 'delay', ms: 5000},
		]);
		const host = await simulated.probeHost({timeoutMs: 40});
		expect(errorOf(host.account).category).toBe('timeout');
	});

	test('dispose ends a hanging call as cancelled', async () => {
		const simulated = await contoso([{check: 'account', kind: 'hang'}]);
		const pending = simulated.probeHost();
		await simulated.dispose();
		expect(errorOf((await pending).account).category).toBe('cancelled');
	});
});

describe('probeExchange', () => {
	test('opens to a known FQDN, ignoring case', async () => {
		const facts = await (await contoso()).probeExchange('EXCH01.Contoso.com');
		expect(valueOf(facts.connectedTo)).toBe('exch01.contoso.com');
		expect(valueOf(facts.servers)).toEqual([
			{
				name: 'EXCH01',
				fqdn: 'exch01.contoso.com',
				adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
				roles: ['Mailbox'],
				site: 'Default-First-Site-Name',
			},
		]);
		expect(
			valueOf(facts.services)['exch01.contoso.com']?.['MSExchangeIS'],
		).toBe('Running');
		expect(valueOf(facts.roleAssignments)).toEqual([
			{role: 'ApplicationImpersonation', assignee: String.raw`CONTOSO\svc-k2`},
		]);
	});

	test('an unknown server fails everything as DNS', async () => {
		const facts = await (await contoso()).probeExchange('exch99.contoso.com');
		const error = errorOf(facts.connectedTo);
		expect(error.category).toBe('dns');
		expect(error.errorId).toBe('ComputerNotFound,PSSessionOpenFailed');
		expect(error.message).toContain('exch99.contoso.com');
		expect(errorOf(facts.databases)).toEqual(error);
	});

	test('databases carry their server and storage group', async () => {
		const scenario = await loadScenario('mixed-versions');
		const facts =
			await createSimulatedEnvironment(scenario).probeExchange(
				'exch01.contoso.com',
			);
		expect(valueOf(facts.databases)).toContainEqual({
			name: 'Mailbox Database',
			server: 'exch07.contoso.com',
			storageGroup: 'First Storage Group',
		});
		expect(valueOf(facts.databases)).toContainEqual({
			name: 'DB01',
			server: 'exch01.contoso.com',
			storageGroup: null,
		});
	});

	test('an error on permissions fails role groups and assignments only', async () => {
		const facts = await (
			await contoso([
				{
					check: 'permissions',
					kind: 'error',
					errorId: 'CommandNotFoundException',
					message:
						"The term 'Get-ManagementRoleAssignment' is not recognized as the name of a cmdlet",
				},
			])
		).probeExchange('exch01.contoso.com');
		expect(errorOf(facts.roleGroups).category).toBe('permission');
		expect(errorOf(facts.roleAssignments).category).toBe('permission');
		expect(facts.servers.ok && facts.databases.ok && facts.services.ok).toBe(
			true,
		);
	});

	test('an error on servers fails the services and databases read per server', async () => {
		const facts = await (
			await contoso([
				{check: 'servers', kind: 'error', errorId: 'E', message: 'no list'},
				{check: 'services', kind: 'error', errorId: 'S', message: 'later'},
			])
		).probeExchange('exch01.contoso.com');
		const noList = {category: 'unknown', errorId: 'E', message: 'no list'};
		expect(errorOf(facts.servers)).toEqual(noList);
		expect(errorOf(facts.services)).toEqual(noList);
		expect(errorOf(facts.databases)).toEqual(noList);
		expect(facts.roleGroups.ok && facts.roleAssignments.ok).toBe(true);
	});

	test('a hang on one query holds the whole session', async () => {
		const simulated = await contoso([{check: 'databases', kind: 'hang'}]);
		const facts = await simulated.probeExchange('exch01.contoso.com', {
			timeoutMs: 30,
		});
		expect(errorOf(facts.connectedTo).category).toBe('timeout');
		expect(errorOf(facts.servers).category).toBe('timeout');
	});
});

describe('DNS', () => {
	test('MX and SRV come from the scenario, names ignoring case', async () => {
		const simulated = environment({
			dns: {
				mx: {'Contoso.com': [{exchange: 'mail.contoso.com', priority: 10}]},
				srv: {
					'_autodiscover._tcp.contoso.com': [
						{name: 'mail.contoso.com', port: 443},
					],
				},
			},
		});
		expect(valueOf(await simulated.resolveMx('contoso.COM'))).toEqual([
			{exchange: 'mail.contoso.com', priority: 10},
		]);
		expect(
			valueOf(await simulated.resolveSrv('_autodiscover._tcp.contoso.com')),
		).toEqual([{name: 'mail.contoso.com', port: 443, priority: 0, weight: 0}]);
	});

	test('a missing name is a DNS error saying no such record', async () => {
		const error = errorOf(await environment({}).resolveMx('nowhere.example'));
		expect(error.category).toBe('dns');
		expect(error.message).toContain('no such record');
	});

	test('faults on mx apply to resolveMx', async () => {
		const simulated = await contoso([
			{
				check: 'mx',
				kind: 'error',
				errorId: 'ESERVFAIL',
				message: 'queryMx ESERVFAIL contoso.com',
			},
		]);
		expect(errorOf(await simulated.resolveMx('contoso.com')).category).toBe(
			'dns',
		);
	});
});

describe('fetch', () => {
	const request = (url: string, method: 'GET' | 'POST' = 'POST') => ({
		method,
		url,
		body: method === 'POST' ? buildPoxRequest('k2svc@contoso.com') : undefined,
	});

	test('a 200 endpoint answers POX for the address asked about', async () => {
		const response = valueOf(
			await (
				await contoso()
			).fetch(
				request(
					'https://EXCH01.contoso.com/autodiscover/AUTODISCOVER.xml?x=1#y',
				),
			),
		);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toContain('text/xml');
		expect(response.body).toContain('k2svc@contoso.com');
		expect(parsePoxResponse(response.body)).toMatchObject({
			kind: 'settings',
			ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx',
			server: 'exch01.contoso.com',
			serverVersion: '73C28608',
		});
	});

	test('a .json endpoint answers Autodiscover v2', async () => {
		const simulated = createSimulatedEnvironment(
			await loadScenario('upgrade-install'),
		);
		const response = valueOf(
			await simulated.fetch(
				request(
					'https://autodiscover.contoso.com/autodiscover/autodiscover.json?Email=a%40contoso.com&Protocol=EWS',
					'GET',
				),
			),
		);
		expect(JSON.parse(response.body)).toEqual({
			Protocol: 'EWS',
			Url: 'https://mail.contoso.com/EWS/Exchange.asmx',
		});
	});

	test('a redirect endpoint answers with its status and location', async () => {
		const simulated = createSimulatedEnvironment(
			await loadScenario('fabrikam-se'),
		);
		const response = valueOf(
			await simulated.fetch(
				request(
					'http://autodiscover.fabrikam.com/autodiscover/autodiscover.xml',
					'GET',
				),
			),
		);
		expect(response).toEqual({
			status: 302,
			headers: {
				location: 'https://mail.fabrikam.com/autodiscover/autodiscover.xml',
			},
			body: '',
		});
	});

	test.each([
		['connection-refused'],
		['tls-untrusted'],
		['not-found'],
		['unauthorized'],
	] as const)('fail %s is that category', async fail => {
		const simulated = environment({
			autodiscover: {endpoints: {'https://a.example/x.xml': {fail}}},
		});
		expect(
			errorOf(await simulated.fetch(request('https://a.example/x.xml')))
				.category,
		).toBe(fail);
	});

	test('fail timeout waits for the time limit', async () => {
		const simulated = environment({
			autodiscover: {endpoints: {'https://a.example/x.xml': {fail: 'timeout'}}},
		});
		const started = performance.now();
		const error = errorOf(
			await simulated.fetch(request('https://a.example/x.xml'), {
				timeoutMs: 60,
			}),
		);
		expect(error.category).toBe('timeout');
		expect(performance.now() - started).toBeGreaterThanOrEqual(50);
	});

	test('another status answers with an empty body', async () => {
		const simulated = environment({
			autodiscover: {endpoints: {'https://a.example/x.xml': {status: 500}}},
		});
		expect(
			valueOf(await simulated.fetch(request('https://a.example/x.xml'))),
		).toEqual({
			status: 500,
			headers: {},
			body: '',
		});
	});

	test('an unknown URL is refused when its host resolves, a DNS error otherwise', async () => {
		const simulated = environment({dns: {a: {'known.example': ['192.0.2.5']}}});
		const refused = errorOf(
			await simulated.fetch(request('https://known.example/x.xml')),
		);
		expect(refused).toEqual({
			category: 'connection-refused',
			message: 'connect ECONNREFUSED 192.0.2.5:443',
		});
		const unknown = errorOf(
			await simulated.fetch(request('https://unknown.example/x.xml')),
		);
		expect(unknown).toEqual({
			category: 'dns',
			message: 'getaddrinfo ENOTFOUND unknown.example',
		});
	});

	test('a fault with an endpoint applies to that URL only', async () => {
		const simulated = await contoso([
			{
				check: 'autodiscover',
				endpoint: 'https://exch01.contoso.com/Autodiscover/Autodiscover.xml',
				kind: 'error',
				message: 'connect ECONNRESET',
			},
		]);
		expect(
			errorOf(
				await simulated.fetch(
					request('https://exch01.contoso.com/autodiscover/autodiscover.xml'),
				),
			).category,
		).toBe('unreachable');
		expect(
			(
				await simulated.fetch(
					request(
						'https://autodiscover.contoso.com/autodiscover/autodiscover.xml',
					),
				)
			).ok,
		).toBe(true);
	});

	test('a fault without an endpoint applies to every request', async () => {
		const simulated = await contoso([{check: 'autodiscover', kind: 'hang'}]);
		const controller = new AbortController();
		const pending = Promise.all([
			simulated.fetch(
				request('https://exch01.contoso.com/autodiscover/autodiscover.xml'),
				{signal: controller.signal},
			),
			simulated.fetch(request('https://nowhere.example/x'), {
				signal: controller.signal,
			}),
		]);
		controller.abort();
		for (const outcome of await pending) {
			expect(errorOf(outcome).category).toBe('cancelled');
		}
	});
});
