import {expect, test} from 'vitest';
import {
	createEnvironment,
	EnvironmentUnavailableError,
} from '../../source/environment/create.js';
import {ScenarioError} from '../../source/environment/scenarios.js';

test('a built-in scenario gives a simulated environment', async () => {
	const environment = await createEnvironment({simulate: 'contoso-2019'});
	expect(environment.description).toBe('simulated: contoso-2019');
	const host = await environment.probeHost();
	expect(host.winrm).toEqual({ok: true, value: 'Running'});
	await environment.dispose();
	await environment.dispose();
});

test('an unknown scenario is a scenario error', async () => {
	await expect(createEnvironment({simulate: 'nope'})).rejects.toBeInstanceOf(
		ScenarioError,
	);
});

test('engines not built yet say so clearly', async () => {
	await expect(
		createEnvironment({simulate: 'contoso-2019', engine: 'powershell'}),
	).rejects.toThrow(EnvironmentUnavailableError);
	await expect(createEnvironment({})).rejects.toThrow(/not available yet/);
});
