import {expect, test} from 'vitest';
import {withTranscript} from '../../source/environment/recorded.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {TranscriptEntry} from '../../source/environment/transcript.js';

async function recordedRun(scenario: string) {
	const entries: TranscriptEntry[] = [];
	const environment = withTranscript(
		createSimulatedEnvironment(await loadScenario(scenario)),
		{
			write(entry) {
				entries.push(entry);
			},
		},
		{probes: true},
	);
	return {environment, entries};
}

test('a probe stopped as a whole is recorded by the reason, as the service does', async () => {
	const {environment, entries} = await recordedRun('no-powershell');
	await environment.probeHost();
	expect(entries).toEqual([
		{
			event: 'probe',
			script: 'host',
			ms: expect.any(Number) as number,
			shell: 'simulated',
			outcome: 'shell-missing',
		},
	]);
});

test('a probe whose checks failed one by one is ok with their error ids', async () => {
	const {environment, entries} = await recordedRun('constrained-language');
	await environment.probeExchange('exch01.contoso.com');
	expect(entries).toMatchObject([
		{
			script: 'exchange',
			outcome: 'ok',
			errorIds: {
				roleGroups: 'CommandNotFoundException',
				roleAssignments: 'CommandNotFoundException',
			},
		},
	]);
});

test('a failed lookup is recorded with the resolver message', async () => {
	const {environment, entries} = await recordedRun('nothing-found');
	await environment.resolveMx('adatum.com');
	expect(entries).toMatchObject([
		{
			event: 'dns',
			type: 'MX',
			name: 'adatum.com',
			outcome: 'dns',
			message: 'no such record: MX adatum.com',
		},
	]);
});

test('without a transcript the environment is left as it is', async () => {
	const environment = createSimulatedEnvironment(
		await loadScenario('contoso-2019'),
	);
	expect(withTranscript(environment, undefined)).toBe(environment);
});
