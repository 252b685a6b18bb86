import {describe, expect, test} from 'vitest';
import {runDetection} from '../../source/detection/run.js';
import {
	scenarioSchema,
	type ScenarioInput,
} from '../../source/environment/scenario.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {Environment} from '../../source/environment/types.js';
import {encodeServerVersion} from '../../source/environment/versions.js';

/** The environment, with every fetch and SRV lookup written down in order. */
function recording(environment: Environment) {
	const calls: string[] = [];
	const recorded: Environment = {
		...environment,
		async fetch(request, options) {
			calls.push(`${request.method} ${request.url}`);
			return environment.fetch(request, options);
		},
		async resolveSrv(name, options) {
			calls.push(`SRV ${name}`);
			return environment.resolveSrv(name, options);
		},
	};
	return {recorded, calls};
}

const answer = {
	status: 200,
	ewsUrl: 'https://mail.example.com/EWS/Exchange.asmx',
	server: 'ex01.example.com',
	serverVersion: encodeServerVersion(15, 2, 1748),
};

function simulated(input: ScenarioInput) {
	return recording(createSimulatedEnvironment(scenarioSchema.parse(input)));
}

const request = {email: 'k2svc@example.com', autodiscover: true};

describe('autodiscover order', () => {
	test('every candidate in order when none answers', async () => {
		const {recorded, calls} = simulated({
			autodiscover: {
				scp: ['https://scp.example.com/autodiscover/autodiscover.xml'],
			},
		});
		const report = await runDetection(recorded, request);
		expect(calls).toEqual([
			'POST https://scp.example.com/autodiscover/autodiscover.xml',
			'POST https://example.com/autodiscover/autodiscover.xml',
			'POST https://autodiscover.example.com/autodiscover/autodiscover.xml',
			'GET http://autodiscover.example.com/autodiscover/autodiscover.xml',
			'SRV _autodiscover._tcp.example.com',
			'GET https://autodiscover.example.com/autodiscover/autodiscover.json?Email=k2svc%40example.com&Protocol=EWS',
		]);
		expect(report.findings.autodiscover.map(attempt => attempt.method)).toEqual(
			['scp', 'domain', 'autodiscover-domain', 'redirect', 'srv', 'json'],
		);
		for (const attempt of report.findings.autodiscover) {
			expect(attempt.outcome).toBe('failed');
			expect(attempt.detail).toBe(
				attempt.method === 'srv' ? 'no SRV record' : 'name not found in DNS',
			);
			expect(attempt.ms).toBeGreaterThanOrEqual(0);
		}
	});

	test('stops at the first candidate that answers', async () => {
		const {recorded, calls} = simulated({
			autodiscover: {
				endpoints: {
					'https://example.com/autodiscover/autodiscover.xml': {
						fail: 'connection-refused',
					},
					'https://autodiscover.example.com/autodiscover/autodiscover.xml':
						answer,
				},
			},
		});
		const report = await runDetection(recorded, request);
		expect(calls).toHaveLength(2);
		expect(
			report.findings.autodiscover.map(attempt => [
				attempt.method,
				attempt.outcome,
				attempt.detail,
			]),
		).toEqual([
			['scp', 'failed', 'no service connection point in Active Directory'],
			['domain', 'failed', 'connection refused'],
			[
				'autodiscover-domain',
				'found',
				'EWS at https://mail.example.com/EWS/Exchange.asmx (ex01.example.com, 15.2.1748)',
			],
		]);
		const check = report.checks.find(entry => entry.id === 'autodiscover');
		expect(check?.summary).toBe(
			'EWS at mail.example.com via autodiscover.example.com (2 failed first)',
		);
	});

	test('the HTTP redirect is reported, then posted to', async () => {
		const {recorded, calls} = simulated({
			autodiscover: {
				endpoints: {
					'http://autodiscover.example.com/autodiscover/autodiscover.xml': {
						status: 302,
						redirect: 'https://mail.example.com/autodiscover/autodiscover.xml',
					},
					'https://mail.example.com/autodiscover/autodiscover.xml': answer,
				},
			},
		});
		const report = await runDetection(recorded, request);
		expect(calls.slice(-2)).toEqual([
			'GET http://autodiscover.example.com/autodiscover/autodiscover.xml',
			'POST https://mail.example.com/autodiscover/autodiscover.xml',
		]);
		const redirects = report.findings.autodiscover.filter(
			attempt => attempt.method === 'redirect',
		);
		expect(redirects.map(attempt => [attempt.outcome, attempt.detail])).toEqual(
			[
				[
					'redirected',
					'302 to https://mail.example.com/autodiscover/autodiscover.xml',
				],
				[
					'found',
					'EWS at https://mail.example.com/EWS/Exchange.asmx (ex01.example.com, 15.2.1748)',
				],
			],
		);
	});

	test('a redirect to plain HTTP is refused, not followed', async () => {
		const {recorded, calls} = simulated({
			autodiscover: {
				endpoints: {
					'http://autodiscover.example.com/autodiscover/autodiscover.xml': {
						status: 301,
						redirect: 'http://evil.example.net/autodiscover/autodiscover.xml',
					},
				},
			},
		});
		const report = await runDetection(recorded, request);
		expect(calls).not.toContain(
			'POST http://evil.example.net/autodiscover/autodiscover.xml',
		);
		const redirect = report.findings.autodiscover.find(
			attempt => attempt.method === 'redirect',
		);
		expect(redirect?.detail).toBe(
			'301 to http://evil.example.net/autodiscover/autodiscover.xml refused: not an https URL',
		);
	});

	test('the SRV target is posted to, with its port', async () => {
		const {recorded, calls} = simulated({
			dns: {
				srv: {
					'_autodiscover._tcp.example.com': [
						{name: 'backup.example.com', port: 443, priority: 10},
						{name: 'mail.example.com', port: 8443, priority: 0},
					],
				},
			},
			autodiscover: {
				endpoints: {
					'https://mail.example.com:8443/autodiscover/autodiscover.xml': answer,
				},
			},
		});
		const report = await runDetection(recorded, request);
		expect(calls.at(-1)).toBe(
			'POST https://mail.example.com:8443/autodiscover/autodiscover.xml',
		);
		expect(report.findings.autodiscover.at(-1)).toMatchObject({
			method: 'srv',
			outcome: 'found',
		});
	});

	test('a POX redirectUrl answer is followed', async () => {
		const {recorded} = simulated({
			autodiscover: {
				endpoints: {
					'https://example.com/autodiscover/autodiscover.xml': {
						status: 200,
						redirect: 'https://mail.example.com/autodiscover/autodiscover.xml',
					},
					'https://mail.example.com/autodiscover/autodiscover.xml': answer,
				},
			},
		});
		const report = await runDetection(recorded, request);
		expect(
			report.findings.autodiscover
				.slice(1)
				.map(attempt => [attempt.method, attempt.outcome]),
		).toEqual([
			['domain', 'redirected'],
			['domain', 'found'],
		]);
	});

	test('a redirectAddr answer starts over once with the new address', async () => {
		const base = createSimulatedEnvironment(
			scenarioSchema.parse({
				autodiscover: {
					endpoints: {
						'https://autodiscover.example.mail.onmicrosoft.com/autodiscover/autodiscover.xml':
							answer,
					},
				},
			}),
		);
		const redirectTo = (email: string) =>
			`<Autodiscover><Response><Account><Action>redirectAddr</Action><RedirectAddr>${email}</RedirectAddr></Account></Response></Autodiscover>`;
		const bodies: string[] = [];
		const environment: Environment = {
			...base,
			async fetch(request, options) {
				bodies.push(request.body ?? '');
				if (
					request.url === 'https://example.com/autodiscover/autodiscover.xml'
				) {
					return {
						ok: true,
						value: {
							status: 200,
							headers: {},
							body: redirectTo('k2svc@example.mail.onmicrosoft.com'),
						},
					};
				}

				if (request.url.startsWith('https://example.mail.onmicrosoft.com/')) {
					// A second redirect is not followed.
					return {
						ok: true,
						value: {
							status: 200,
							headers: {},
							body: redirectTo('k2svc@example.com'),
						},
					};
				}

				return base.fetch(request, options);
			},
		};
		const report = await runDetection(environment, request);
		expect(
			report.findings.autodiscover.map(attempt => [
				attempt.method,
				attempt.outcome,
				attempt.detail,
			]),
		).toEqual([
			['scp', 'failed', 'no service connection point in Active Directory'],
			[
				'domain',
				'redirected',
				'redirectAddr to k2svc@example.mail.onmicrosoft.com',
			],
			['scp', 'failed', 'no service connection point in Active Directory'],
			[
				'domain',
				'redirected',
				'redirectAddr to k2svc@example.com (not followed)',
			],
			[
				'autodiscover-domain',
				'found',
				'EWS at https://mail.example.com/EWS/Exchange.asmx (ex01.example.com, 15.2.1748)',
			],
		]);
		expect(bodies.at(-1)).toContain(
			'<EMailAddress>k2svc@example.mail.onmicrosoft.com</EMailAddress>',
		);
	});

	test('turned off, nothing is asked', async () => {
		const {recorded, calls} = recording(
			createSimulatedEnvironment(await loadScenario('contoso-2019')),
		);
		const report = await runDetection(recorded, {
			...request,
			autodiscover: false,
		});
		expect(calls).toEqual([]);
		expect(
			report.checks.find(check => check.id === 'autodiscover'),
		).toMatchObject({
			status: 'skip',
			summary: 'not used: Autodiscover is turned off',
		});
		// The SCP still names a server for the Exchange checks.
		expect(report.checks.find(check => check.id === 'servers')?.status).toBe(
			'pass',
		);
	});

	test('without an email address, Autodiscover and MX are skipped', async () => {
		const {recorded} = recording(
			createSimulatedEnvironment(await loadScenario('contoso-2019')),
		);
		const report = await runDetection(recorded, {autodiscover: true});
		const byId = Object.fromEntries(
			report.checks.map(check => [check.id, check.status]),
		);
		expect(byId['autodiscover']).toBe('skip');
		expect(byId['mx']).toBe('skip');
	});
});
