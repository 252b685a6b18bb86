/*
Detection over the real network code, against loopback DNS and HTTPS
servers built from each built-in scenario that involves Autodiscover, must
reach the same attempts (method, URL, outcome and detail), the same
autodiscover and mx checks and the same proposal as over the simulated
environment. PowerShell facts come from the simulation on both sides, so
only the network differs; the scenarios' faults on PowerShell checks are
left out, since they act the same on both sides and only make the
comparison slow.
*/
import {describe, expect, test} from 'vitest';
import {runDetection} from '../../source/detection/run.js';
import type {CheckId, DetectionReport} from '../../source/detection/types.js';
import {createNetwork} from '../../source/environment/net/index.js';
import type {Scenario} from '../../source/environment/scenario.js';
import {
	listScenarios,
	loadScenario,
} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {Environment} from '../../source/environment/types.js';
import {startLoopback} from '../fixtures/loopback/start-loopback.js';

const now = new Date('2026-12-03T12:00:00Z');
// Room for slow-checks' delays on a loaded machine.
const timeoutMs = 20_000;

const networkChecks = new Set(['mx', 'autodiscover']);

function withNetworkFaultsOnly(scenario: Scenario): Scenario {
	return {
		...scenario,
		faults: scenario.faults.filter(fault => networkChecks.has(fault.check)),
	};
}

const involvesAutodiscover = (scenario: Scenario) =>
	scenario.autodiscover.scp.length > 0 ||
	Object.keys(scenario.autodiscover.endpoints).length > 0;

/** The built-in scenarios name hosts in one domain, e.g. mail.contoso.com. */
function emailFor(scenario: Scenario): string {
	const [first] = Object.keys(scenario.autodiscover.endpoints);
	const host = first ? new URL(first).hostname : 'contoso.com';
	return `k2svc@${host.split('.').slice(-2).join('.')}`;
}

async function detect(environment: Environment, email: string) {
	return runDetection(
		environment,
		{email, autodiscover: true},
		{now, timeoutMs},
	);
}

/** Everything but timings: the network must not change a word. */
function comparable(report: DetectionReport) {
	const check = (id: CheckId) => {
		const result = report.checks.find(entry => entry.id === id);
		return result && {...result, ms: 0};
	};

	return {
		attempts: report.findings.autodiscover.map(attempt => ({
			...attempt,
			ms: 0,
		})),
		autodiscover: check('autodiscover'),
		mx: check('mx'),
		mxHosts: report.findings.mx,
		proposal: report.proposal,
	};
}

const builtins = await listScenarios();
const scenarios = await Promise.all(
	builtins.map(async ({name}) => loadScenario(name)),
);

describe.concurrent('detection over loopback servers', () => {
	for (const scenario of scenarios
		.filter(scenario => involvesAutodiscover(scenario))
		.map(scenario => withNetworkFaultsOnly(scenario))) {
		test(`${scenario.name}: same attempts and proposal as simulated`, async () => {
			const email = emailFor(scenario);
			const simulated = createSimulatedEnvironment(scenario);
			const loopback = await startLoopback(scenario);
			const network = createNetwork(loopback.network);
			const facts = createSimulatedEnvironment(scenario);
			const real: Environment = {
				...facts,
				description: `loopback: ${scenario.name}`,
				resolveMx: network.resolveMx,
				resolveSrv: network.resolveSrv,
				fetch: network.fetch,
				async dispose() {
					await Promise.all([facts.dispose(), network.dispose()]);
				},
			};
			try {
				const [expected, actual] = await Promise.all([
					detect(simulated, email),
					detect(real, email),
				]);
				expect(comparable(actual)).toEqual(comparable(expected));
				// The answers came over the loopback, not from the simulation.
				expect(loopback.requests.length).toBeGreaterThan(0);
			} finally {
				await Promise.all([simulated.dispose(), real.dispose()]);
				await loopback.close();
			}
		});
	}
});
