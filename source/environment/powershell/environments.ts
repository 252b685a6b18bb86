/*
The environments that go through PowerShell: this computer, and a scenario
answered by the real probe scripts. Loaded only by the runs that use them
(see create.ts), so the simulated wizard and --help never load
node-powershell.
*/
import os from 'node:os';
import path from 'node:path';
import {createNetwork} from '../net/index.js';
import type {Scenario} from '../scenario.js';
import {createSimulatedEnvironment} from '../simulated/index.js';
import type {Transcript} from '../transcript.js';
import type {Environment} from '../types.js';
import {createPowerShellHost, type PowerShellHost} from './host.js';
import type {PowerShellService} from './service.js';
import {generateStandInModule, scenarioQueries} from './stand-ins.js';

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
