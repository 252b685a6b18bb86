/*
Picks the Environment a run talks to: a simulated one from a scenario, or
(once the PowerShell engine lands) the real computer.
*/
import {loadScenario} from './scenarios.js';
import {createSimulatedEnvironment} from './simulated/index.js';
import type {Environment} from './types.js';

export type EnvironmentOptions = {
	/** A built-in scenario name or a scenario file path. */
	readonly simulate?: string;
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
	if (options.simulate === undefined) {
		throw new EnvironmentUnavailableError(
			'detecting the real environment is not available yet; use --simulate NAME',
		);
	}

	if (engine === 'powershell') {
		throw new EnvironmentUnavailableError(
			'--engine powershell is not available yet; use --engine builtin',
		);
	}

	return createSimulatedEnvironment(await loadScenario(options.simulate));
}
