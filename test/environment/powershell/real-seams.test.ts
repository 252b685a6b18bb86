/*
The real seam commands (probes/_seams.ps1) on the machine the tests run on.
Off Windows there is no WinRM, no logon token API and no WSMan client: the
probes must say so as findings, never crash or hang.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, test} from 'vitest';
import {createPowerShellHost} from '../../../source/environment/powershell/host.js';
import {hostileStrings} from '../../helpers/hostile-strings.js';
import {noPwsh, pwsh} from '../../helpers/pwsh.js';

const onWindows = process.platform === 'win32';

describe.skipIf(noPwsh)('real seams', () => {
	const host = createPowerShellHost({executable: pwsh});
	const canaryDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'k2-canary-'));
	afterAll(async () => {
		await host.dispose();
		fs.rmSync(canaryDirectory, {recursive: true, force: true});
	});

	test('reports the PowerShell that runs the probes', async () => {
		const facts = await host.probeHost({timeoutMs: 60_000});
		expect(facts.powershell.ok).toBe(true);
		expect(facts.powershell.ok && facts.powershell.value.version).toMatch(
			/^\d+\.\d+/,
		);
		expect(facts.powershell.ok && facts.powershell.value.languageMode).toBe(
			'FullLanguage',
		);
	});

	test.skipIf(onWindows)(
		'reports the missing Windows parts as findings',
		async () => {
			const facts = await host.probeHost({timeoutMs: 60_000});
			for (const outcome of [facts.winrm, facts.account, facts.scp]) {
				expect(outcome.ok).toBe(false);
				expect(!outcome.ok && outcome.error.category).toBe('platform');
			}

			const exchange = await host.probeExchange('exch01.contoso.com', {
				timeoutMs: 60_000,
			});
			expect(exchange.connectedTo.ok).toBe(false);
			expect(
				!exchange.connectedTo.ok && exchange.connectedTo.error.category,
			).toBe('platform');
		},
	);

	test('refuses hostile server names inside PowerShell too', async () => {
		for (const server of hostileStrings(canaryDirectory).slice(0, 60)) {
			// eslint-disable-next-line no-await-in-loop
			const run = await host.service.run('exchange', {
				server,
				roleGroups: [],
				roles: [],
			});
			const connected = run.ok ? run.results.connectedTo : undefined;
			expect(connected && !connected.ok && connected.error.errorId).toBe(
				'InvalidServerName',
			);
		}

		expect(fs.readdirSync(canaryDirectory)).toEqual([]);
	});
});
