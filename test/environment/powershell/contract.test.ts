/*
The contract between the two engines: for every built-in scenario, detection
through the real probe scripts in a real PowerShell (with stand-ins built
from the scenario) reports exactly what the built-in simulation reports,
timings aside.
*/
import {afterAll, describe, expect, test} from 'vitest';
import {runDetection} from '../../../source/detection/run.js';
import {createPowerShellSimulation} from '../../../source/environment/powershell/environments.js';
import {createPowerShellService} from '../../../source/environment/powershell/service.js';
import {generateStandInModule} from '../../../source/environment/powershell/stand-ins.js';
import type {Scenario} from '../../../source/environment/scenario.js';
import {
	listScenarios,
	loadScenario,
} from '../../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../../source/environment/simulated/index.js';
import type {Environment} from '../../../source/environment/types.js';
import {noPwsh, pwsh} from '../../helpers/pwsh.js';

const now = new Date('2026-12-03T12:00:00Z');
const scenarios = await listScenarios();

function withoutTimings(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value.map(item => withoutTimings(item));
	}

	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([key]) => key !== 'ms')
				.map(([key, item]) => [key, withoutTimings(item)]),
		);
	}

	return value;
}

function requestFor(scenario: Scenario) {
	const domain = Object.keys(scenario.dns.mx)[0] ?? 'contoso.com';
	return {email: `k2svc@${domain}`, autodiscover: true};
}

async function detect(environment: Environment, scenario: Scenario) {
	try {
		return await runDetection(environment, requestFor(scenario), {
			now,
			timeoutMs: 5000,
		});
	} finally {
		await environment.dispose();
	}
}

describe.skipIf(noPwsh)('powershell engine against the built-in engine', () => {
	// One shell for every scenario: each loads its own stand-ins into it.
	const service = createPowerShellService({executable: pwsh});
	afterAll(async () => service.dispose());

	test('has built-in scenarios to compare', () => {
		expect(scenarios.length).toBeGreaterThan(5);
	});

	test.each(scenarios.map(({name}) => name))(
		'%s gives the same report through real PowerShell',
		async name => {
			const scenario = await loadScenario(name);
			const builtin = await detect(
				createSimulatedEnvironment(scenario),
				scenario,
			);
			await service.useSeams(generateStandInModule(scenario));
			// As the app does while it draws the screen: the shell is warm
			// before the first stage's clock starts.
			await service.start();
			const powershell = await detect(
				createPowerShellSimulation(scenario, {service}),
				scenario,
			);
			expect(withoutTimings(powershell)).toEqual(withoutTimings(builtin));
		},
		60_000,
	);
});
