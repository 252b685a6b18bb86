/*
Picks the Environment a run talks to:

- --simulate NAME (engine builtin): every answer from the scenario.
- --simulate NAME --engine powershell: the real probe scripts in a real
  PowerShell, with stand-ins built from the scenario in place of Windows and
  Exchange; DNS and Autodiscover still come from the scenario.
- no --simulate: this computer, through PowerShell, DNS and HTTPS.
*/
import {withTranscript} from './recorded.js';
import type {Scenario} from './scenario.js';
import {loadScenario} from './scenarios.js';
import {createSimulatedEnvironment} from './simulated/index.js';
import {createTranscript, type Transcript} from './transcript.js';
import type {Environment} from './types.js';

export type EnvironmentOptions = {
	/** A built-in scenario name or a scenario file path. */
	readonly simulate?: string;
	/** That scenario, when the caller has loaded it already. */
	readonly scenario?: Scenario;
	/** With simulate: answer from the scenario (builtin) or run real probes. */
	readonly engine?: 'builtin' | 'powershell';
	/** Where the detection transcript goes. */
	readonly log?: string;
};

/**
An environment that is asked for but cannot be provided here. The message is
one line, meant to be shown as is.
*/
export class EnvironmentUnavailableError extends Error {
	override name = 'EnvironmentUnavailableError';
}

export async function createEnvironment(
	options: EnvironmentOptions,
): Promise<Environment> {
	const engine = options.engine ?? 'builtin';
	const transcript = openTranscript(options.log);
	if (options.simulate === undefined) {
		const {createRealEnvironment} =
			await import('./powershell/environments.js');
		return withTranscript(createRealEnvironment({transcript}), transcript);
	}

	const scenario = options.scenario ?? (await loadScenario(options.simulate));
	if (engine === 'powershell') {
		const {createPowerShellSimulation} =
			await import('./powershell/environments.js');
		return withTranscript(
			createPowerShellSimulation(scenario, {transcript}),
			transcript,
		);
	}

	// No shell records the probes here: the scenario's answers are recorded.
	return withTranscript(createSimulatedEnvironment(scenario), transcript, {
		probes: true,
	});
}

function openTranscript(file: string | undefined): Transcript | undefined {
	if (file === undefined) {
		return undefined;
	}

	try {
		return createTranscript(file);
	} catch (error) {
		throw new EnvironmentUnavailableError(
			`--log: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}
