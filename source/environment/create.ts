/*
Picks the Environment a run talks to:

- --simulate NAME (engine builtin): every answer from the scenario.
- --simulate NAME --engine powershell: the real probe scripts in a real
  PowerShell, with stand-ins built from the scenario in place of Windows and
  Exchange; DNS and Autodiscover still come from the scenario.
- no --simulate: this computer, through PowerShell, DNS and HTTPS.
*/
import os from 'node:os';
import path from 'node:path';
import {createNetwork} from './net/index.js';
import {createPowerShellHost, type PowerShellHost} from './powershell/host.js';
import type {PowerShellService} from './powershell/service.js';
import {
	generateStandInModule,
	scenarioQueries,
} from './powershell/stand-ins.js';
import {withTranscript} from './recorded.js';
import type {Scenario} from './scenario.js';
import {loadScenario} from './scenarios.js';
import {createSimulatedEnvironment} from './simulated/index.js';
import {createTranscript, type Transcript} from './transcript.js';
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
	const transcript = openTranscript(options.log);
	if (options.simulate === undefined) {
		return withTranscript(createRealEnvironment({transcript}), transcript);
	}

	const scenario = await loadScenario(options.simulate);
	if (engine === 'powershell') {
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

/**
Starts the shell now, while the screen is drawn, so a cold PowerShell start
(seconds on a busy server) does not eat the first stage's time limit.
*/
function warmUp(host: PowerShellHost) {
	void host.service.start();
}

/**
This computer: the local and Exchange checks through PowerShell, DNS and
Autodiscover through the network.
*/
export function createRealEnvironment(
	options: {readonly transcript?: Transcript} = {},
): Environment {
	const host = createPowerShellHost({transcript: options.transcript});
	warmUp(host);
	const network = createNetwork();
	return {
		description: 'this computer',
		probeHost: host.probeHost,
		probeExchange: host.probeExchange,
		resolveMx: network.resolveMx,
		resolveSrv: network.resolveSrv,
		fetch: network.fetch,
		async dispose() {
			await Promise.all([host.dispose(), network.dispose()]);
		},
	};
}

/**
A scenario answered by the real probe scripts in a real PowerShell, with
stand-ins for the seam commands. A scenario without PowerShell points the
engine at an executable that does not exist, so the real not-found path
answers.
*/
export function createPowerShellSimulation(
	scenario: Scenario,
	options: {
		readonly transcript?: Transcript;
		/** A shell to share, e.g. one test shell for many scenarios. */
		readonly service?: PowerShellService;
	} = {},
): Environment {
	const simulated = createSimulatedEnvironment(scenario);
	const absent =
		scenario.host.powershell === null
			? path.join(os.tmpdir(), 'k2-exchange-setup-no-powershell', 'pwsh')
			: undefined;
	const host = createPowerShellHost({
		executable: absent,
		service: absent ? undefined : options.service,
		seams: generateStandInModule(scenario),
		installMode: scenario.host.installMode,
		...scenarioQueries(scenario),
		transcript: options.transcript,
	});
	warmUp(host);
	return {
		description: `simulated: ${scenario.name} (PowerShell)`,
		probeHost: host.probeHost,
		probeExchange: host.probeExchange,
		resolveMx: simulated.resolveMx,
		resolveSrv: simulated.resolveSrv,
		fetch: simulated.fetch,
		async dispose() {
			await Promise.all([host.dispose(), simulated.dispose()]);
		},
	};
}
