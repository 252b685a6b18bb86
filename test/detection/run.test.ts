import {describe, expect, test} from 'vitest';
import {
	runDetection,
	startDetection,
	type DetectionRun,
} from '../../source/detection/run.js';
import type {CheckId, DetectionEvent} from '../../source/detection/types.js';
import {scenarioSchema} from '../../source/environment/scenario.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import type {Environment} from '../../source/environment/types.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';

const request = {email: 'k2svc@contoso.com', autodiscover: true};

async function environmentFor(name: string) {
	return createSimulatedEnvironment(await loadScenario(name));
}

/** Resolves once `predicate` holds for the run's state. */
async function until(run: DetectionRun, predicate: () => boolean) {
	if (predicate()) {
		return;
	}

	await new Promise<void>(resolve => {
		const unsubscribe = run.subscribe(() => {
			if (predicate()) {
				unsubscribe();
				resolve();
			}
		});
	});
}

const phase = (run: DetectionRun, id: CheckId) => run.state()[id].phase;

describe('live state', () => {
	test('every check starts pending and ends done', async () => {
		const run = startDetection(await environmentFor('contoso-2019'), request);
		expect(
			Object.values(run.state()).every(check => check.phase === 'pending'),
		).toBe(true);
		expect(run.report()).toBeUndefined();
		const report = await run.done();
		expect(
			Object.values(run.state()).every(check => check.phase === 'done'),
		).toBe(true);
		expect(run.report()).toBe(report);
	});

	test('the state object changes only when something changed', async () => {
		const run = startDetection(await environmentFor('contoso-2019'), request);
		const before = run.state();
		expect(run.state()).toBe(before);
		await run.done();
		const after = run.state();
		expect(after).not.toBe(before);
		expect(run.state()).toBe(after);
	});

	test('the listener told of the last result can read the report', async () => {
		const run = startDetection(await environmentFor('contoso-2019'), request);
		const seen = await new Promise<unknown>(resolve => {
			run.subscribe(() => {
				const report = run.report();
				if (report) {
					resolve(report);
				}
			});
		});
		expect(seen).toBe(await run.done());
	});

	test('events report each check starting and finishing once', async () => {
		const events: DetectionEvent[] = [];
		await runDetection(await environmentFor('contoso-2019'), request, {
			onEvent(event) {
				events.push(event);
			},
		});
		const started = events.filter(event => event.type === 'started');
		const finished = events.filter(event => event.type === 'finished');
		expect(started).toHaveLength(10);
		expect(finished).toHaveLength(10);
	});
});

describe('a hanging check', () => {
	test('cancel fails the hanging stage as cancelled and keeps the rest', async () => {
		const run = startDetection(
			await environmentFor('hanging-servers'),
			request,
		);
		await until(run, () => phase(run, 'servers') === 'running');
		run.cancel();
		const report = await run.done();
		const byId = Object.fromEntries(
			report.checks.map(check => [check.id, check]),
		);
		for (const id of ['services', 'servers', 'databases', 'permissions']) {
			expect(byId[id]).toMatchObject({
				status: 'fail',
				summary: 'cancelled',
				fix: 'retry (R) or raise --timeout',
			});
		}

		expect(byId['powershell']?.status).toBe('pass');
		expect(byId['autodiscover']?.status).toBe('pass');
	});

	test('a timeout fails the stage and says after how long', async () => {
		const report = await runDetection(
			await environmentFor('hanging-servers'),
			request,
			{timeoutMs: 300},
		);
		const servers = report.checks.find(check => check.id === 'servers');
		expect(servers).toMatchObject({
			status: 'fail',
			summary: 'timed out after 0.3 s',
			fix: 'retry (R) or raise --timeout',
		});
		expect(servers?.ms).toBeGreaterThanOrEqual(250);
	});

	test('retry reruns only the stopped stage', async () => {
		const run = startDetection(
			await environmentFor('hanging-servers'),
			request,
		);
		await until(run, () => phase(run, 'servers') === 'running');
		run.cancel();
		await run.done();
		const hostResult = run.state().powershell;
		run.retry();
		expect(phase(run, 'servers')).not.toBe('done');
		expect(run.report()).toBeUndefined();
		await until(run, () => phase(run, 'servers') === 'running');
		// Host checks were not rerun: the very same result object.
		expect(run.state().powershell).toBe(hostResult);
		run.cancel();
		const report = await run.done();
		expect(report.checks.find(check => check.id === 'servers')?.summary).toBe(
			'cancelled',
		);
	});

	test('aborting the signal of runDetection cancels', async () => {
		const controller = new AbortController();
		const pending = runDetection(
			await environmentFor('hanging-servers'),
			request,
			{
				signal: controller.signal,
				onEvent(event) {
					if (event.type === 'started' && event.id === 'servers') {
						controller.abort();
					}
				},
			},
		);
		const report = await pending;
		expect(report.checks.find(check => check.id === 'servers')?.summary).toBe(
			'cancelled',
		);
	});

	test('a retry that succeeds replaces the failure and settles again', async () => {
		const base = await environmentFor('contoso-2019');
		let calls = 0;
		const flaky: Environment = {
			...base,
			async probeExchange(server, options) {
				calls++;
				if (calls === 1) {
					// The first session never answers until it is stopped.
					await new Promise<void>(resolve => {
						options?.signal?.addEventListener('abort', () => {
							resolve();
						});
					});
				}

				return base.probeExchange(server, options);
			},
		};
		const run = startDetection(flaky, request, {timeoutMs: 200});
		const first = await run.done();
		expect(first.checks.find(check => check.id === 'servers')?.summary).toBe(
			'timed out after 0.2 s',
		);
		expect(first.findings.servers).toEqual([]);
		run.retry();
		const second = await run.done();
		expect(second).not.toBe(first);
		expect(second.checks.every(check => check.status === 'pass')).toBe(true);
		expect(second.findings.servers.map(server => server.name)).toEqual([
			'EXCH01',
		]);
		expect(calls).toBe(2);
	});

	test('a stopped Autodiscover keeps what it tried, and what it was trying', async () => {
		const base = createSimulatedEnvironment(
			scenarioSchema.parse({
				autodiscover: {
					endpoints: {
						'https://example.com/autodiscover/autodiscover.xml': {
							fail: 'connection-refused',
						},
					},
				},
			}),
		);
		// This request ignores the signal and never ends, as a stuck socket might.
		const stuck: Environment = {
			...base,
			async fetch(request, options) {
				return request.url.includes('//autodiscover.example.com/')
					? new Promise(() => {
							// Neither resolves nor rejects.
						})
					: base.fetch(request, options);
			},
		};
		const run = startDetection(stuck, {
			email: 'k2svc@example.com',
			autodiscover: true,
		});
		await until(run, () => phase(run, 'autodiscover') === 'running');
		setTimeout(() => {
			run.cancel();
		}, 50);
		const report = await run.done();
		expect(
			report.checks.find(check => check.id === 'autodiscover'),
		).toMatchObject({status: 'fail', summary: 'cancelled'});
		expect(
			report.findings.autodiscover.map(attempt => [
				attempt.method,
				attempt.outcome,
				attempt.detail,
			]),
		).toEqual([
			['scp', 'failed', 'no service connection point in Active Directory'],
			['domain', 'failed', 'connection refused'],
			['autodiscover-domain', 'failed', 'cancelled'],
		]);
	});
});
