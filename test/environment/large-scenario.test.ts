import {expect, test} from 'vitest';
import {runDetection} from '../../source/detection/run.js';
import {makeLargeScenario} from '../../source/environment/large-scenario.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';

test('the default size has 1000 servers and 10000 databases', () => {
	const scenario = makeLargeScenario();
	expect(scenario.exchange.servers).toHaveLength(1000);
	const databases = scenario.exchange.servers.flatMap(
		server => server.databases,
	);
	expect(databases).toHaveLength(10_000);
	expect(new Set(databases.map(database => database.name)).size).toBe(10_000);
	expect(
		new Set(scenario.exchange.servers.map(server => server.fqdn)).size,
	).toBe(1000);
});

test('detection over a large scenario finds everything', async () => {
	const scenario = makeLargeScenario(50, 200);
	const report = await runDetection(createSimulatedEnvironment(scenario), {
		email: 'k2svc@contoso.com',
		autodiscover: true,
	});
	expect(report.findings.servers).toHaveLength(50);
	expect(report.findings.databases).toHaveLength(200);
	expect(report.checks.every(check => check.status === 'pass')).toBe(true);
	expect(report.proposal.server).toBe('exch01.contoso.com');
	expect(report.proposal.version?.name).toBe('ExchangeSE');
});

test('bad sizes are refused with the name of the argument', () => {
	expect(() => makeLargeScenario(0)).toThrow('servers must be a whole number');
	expect(() => makeLargeScenario(1, -1)).toThrow(
		'databases must be a whole number',
	);
});
