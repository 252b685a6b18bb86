/*
Protecting the Static password starts a PowerShell of its own, beside the
run's detection shell. That is fine only while it is short-lived: it must
be gone by the time protectSecret answers, whatever the answer. DPAPI is
Windows only, so here the run is made to think it is on Windows and the
real seam answers with a platform error, which is an answer like another.
*/
import process from 'node:process';
import {expect, test} from 'vitest';
import {protectSecret} from '../../../source/environment/powershell/protect-secret.js';
import {stillRunning, watchPowerShell} from '../../helpers/processes.js';
import {noPwsh, pwsh} from '../../helpers/pwsh.js';

test.skipIf(noPwsh).each([
	{when: 'it answers', timeoutMs: undefined, category: 'platform'},
	{when: 'it times out', timeoutMs: 1, category: 'timeout'},
])(
	'the shell that protects a secret has ended once $when',
	async ({timeoutMs, category}) => {
		// This file's worker is its own process: its shells are this test's.
		const census = watchPowerShell(() => process.pid, 20);
		const outcome = await protectSecret('not-a-real-password', {
			executable: pwsh,
			platform: 'win32',
			timeoutMs,
		});
		const seen = census.seen();
		census.stop();
		expect(!outcome.ok && outcome.error.category).toBe(category);
		expect(seen.filter(entry => entry.role === 'shell')).toHaveLength(1);
		expect(stillRunning(seen)).toEqual([]);
	},
	60_000,
);
