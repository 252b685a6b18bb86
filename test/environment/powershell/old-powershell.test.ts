/*
PowerShell 2.0 has no ConvertFrom-Json and no ConvertTo-Json, so the probe
runtime can neither read its arguments there nor answer. It checks the
version first and answers by hand. Here a real pwsh is made to look like
2.0 to the probes: its version table says 2.0, and the JSON cmdlets are gone.
*/
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {evaluateHost} from '../../../source/detection/host-checks.js';
import {runDetection} from '../../../source/detection/run.js';
import {createPowerShellSimulation} from '../../../source/environment/powershell/environments.js';
import {createPowerShellHost} from '../../../source/environment/powershell/host.js';
import {createPowerShellService} from '../../../source/environment/powershell/service.js';
import {loadScenario} from '../../../source/environment/scenarios.js';
import {noPwsh, pwsh} from '../../helpers/pwsh.js';

const powerShellTwo = String.raw`
$PSVersionTable['PSVersion'] = New-Object System.Version 2, 0
$PSVersionTable.Remove('PSEdition')

function New-MissingCommandError {
	param([string]$Name)
	$exception = New-Object System.Management.Automation.CommandNotFoundException(
		"The term '" + $Name + "' is not recognized as the name of a cmdlet, " +
		'function, script file, or operable program.')
	New-Object System.Management.Automation.ErrorRecord($exception,
		'CommandNotFoundException', 'ObjectNotFound', $Name)
}

function ConvertFrom-Json { throw (New-MissingCommandError 'ConvertFrom-Json') }
function ConvertTo-Json { throw (New-MissingCommandError 'ConvertTo-Json') }

Export-ModuleMember -Function ConvertFrom-Json, ConvertTo-Json
`;

const tooOld = {
	category: 'shell-too-old',
	errorId: 'PowerShellVersionTooOld',
	message: 'PowerShell 2.0 is older than 3.0',
};

describe.skipIf(noPwsh)('a PowerShell older than 3.0', () => {
	const service = createPowerShellService({executable: pwsh});
	beforeAll(async () => {
		await service.start();
		// Loading it cannot answer: the shell already looks like 2.0.
		await service.useSeams(powerShellTwo);
	});
	afterAll(async () => service.dispose());

	test('every local check says which version it found', async () => {
		const host = createPowerShellHost({service});
		const facts = await host.probeHost();
		for (const outcome of [
			facts.powershell,
			facts.winrm,
			facts.account,
			facts.scp,
		]) {
			expect(outcome).toEqual({ok: false, error: tooOld});
		}
	});

	test('the first script a new shell runs answers the same', async () => {
		const run = await service.useSeams(powerShellTwo);
		expect(run).toMatchObject({ok: false, failure: tooOld});
	});

	test('the powershell check fails with the fix and the others wait for it', async () => {
		const host = createPowerShellHost({service});
		const verdicts = evaluateHost(await host.probeHost(), 5000);
		expect(verdicts).toEqual([
			{
				id: 'powershell',
				status: 'fail',
				summary: 'PowerShell 2.0 is older than 3.0',
				fix: expect.stringContaining(
					'Install Windows Management Framework 5.1',
				) as string,
			},
			{
				id: 'winrm',
				status: 'skip',
				summary: 'not checked: needs PowerShell 3.0 or later',
				fix: null,
			},
			{
				id: 'language-mode',
				status: 'skip',
				summary: 'not checked: needs PowerShell 3.0 or later',
				fix: null,
			},
			{
				id: 'account',
				status: 'skip',
				summary: 'not checked: needs PowerShell 3.0 or later',
				fix: null,
			},
		]);
	});

	test('detection keeps the configuration page away and says why', async () => {
		const scenario = await loadScenario('contoso-2019');
		const environment = createPowerShellSimulation(scenario, {service});
		try {
			const report = await runDetection(environment, {
				email: 'k2svc@contoso.com',
				autodiscover: true,
			});
			expect(report.prerequisites).toMatchObject({
				met: false,
				reason: 'PowerShell 2.0 is older than 3.0',
				fix: expect.stringContaining(
					'Windows Management Framework 5.1',
				) as string,
			});
			expect(
				report.checks
					.filter(check => check.id === 'servers')
					.map(check => check.status),
			).toEqual(['skip']);
		} finally {
			await environment.dispose();
		}
	});
});
