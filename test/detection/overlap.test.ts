import {expect, test} from 'vitest';
import {runDetection} from '../../source/detection/run.js';
import type {CheckId, DetectionEvent} from '../../source/detection/types.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';

test('independent stages run at the same time', async () => {
	// The slow-checks scenario delays PowerShell by 2 s and MX by 2.5 s. Run
	// one after the other they would take 4.5 s; overlapped, MX starts
	// before the host checks finish.
	const environment = createSimulatedEnvironment(
		await loadScenario('slow-checks'),
	);
	const events: Array<DetectionEvent & {order: number}> = [];
	const started = performance.now();
	const report = await runDetection(
		environment,
		{email: 'k2svc@contoso.com', autodiscover: true},
		{
			onEvent(event) {
				events.push({...event, order: events.length});
			},
		},
	);
	const elapsed = performance.now() - started;

	const orderOf = (type: DetectionEvent['type'], id: CheckId) =>
		events.find(event =>
			event.type === 'started'
				? type === 'started' && event.id === id
				: type === 'finished' && event.result.id === id,
		)!.order;
	expect(orderOf('started', 'mx')).toBeLessThan(
		orderOf('finished', 'powershell'),
	);
	expect(orderOf('started', 'powershell')).toBeLessThan(
		orderOf('finished', 'mx'),
	);
	// Autodiscover waits for the SCP URLs, which come with the host checks.
	expect(orderOf('started', 'autodiscover')).toBeGreaterThan(
		orderOf('finished', 'powershell'),
	);
	expect(report.checks.every(check => check.status === 'pass')).toBe(true);

	const ms = (id: CheckId) => report.checks.find(check => check.id === id)!.ms;
	expect(ms('powershell')).toBeGreaterThanOrEqual(1900);
	expect(ms('mx')).toBeGreaterThanOrEqual(2400);
	// Generous: well under the 6.5 s the three delays would add up to in a row.
	expect(elapsed).toBeLessThan(6000);
});
