/*
Finds the PowerShell the probe tests run against. Without one, the tests
cannot prove anything: in CI (CI set) that is a failure, elsewhere a loud
warning and skipped tests.
*/
import process from 'node:process';
import {locatePowerShell} from '../../source/environment/powershell/locate.js';

export const pwsh = locatePowerShell();

if (!pwsh) {
	const message =
		'No PowerShell found (looked for NODE_POWERSHELL, pwsh on PATH and ~/.dotnet/tools/pwsh): the PowerShell probe tests cannot run.';
	if (process.env.CI) {
		throw new Error(message);
	}

	console.warn(`\n!!! ${message} They are SKIPPED. !!!\n`);
}

/** True when there is no PowerShell to test with. */
export const noPwsh = !pwsh;

/** The shared runtime's way of answering, for test-only scripts. */
export function testScript(name: string, body: string) {
	return {
		name,
		text: `try {\n${body}\nWrite-ProbeEnvelope @{ ok = $true; results = $ProbeResults }\n} catch {\nWrite-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }\n}`,
	};
}

export const echoScript = testScript(
	'echo',
	"Invoke-Probe 'echo' { @{ value = $ProbeArgs['value'] } }",
);
