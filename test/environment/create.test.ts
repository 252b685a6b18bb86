import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	createEnvironment,
	EnvironmentUnavailableError,
} from '../../source/environment/create.js';
import {ScenarioError} from '../../source/environment/scenarios.js';
import {noPwsh} from '../helpers/pwsh.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'k2-create-'));

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

describe('create environment', () => {
	test('a log file that cannot be written is a clear error', async () => {
		await expect(
			createEnvironment({
				simulate: 'contoso-2019',
				log: '/nonexistent/x.jsonl',
			}),
		).rejects.toThrow(EnvironmentUnavailableError);
	});

	test.skipIf(noPwsh)(
		'--engine powershell answers through real probes and logs each one',
		async () => {
			const log = path.join(directory, 'detect.jsonl');
			const environment = await createEnvironment({
				simulate: 'contoso-2019',
				engine: 'powershell',
				log,
			});
			try {
				expect(environment.description).toBe(
					'simulated: contoso-2019 (PowerShell)',
				);
				const facts = await environment.probeHost({timeoutMs: 60_000});
				expect(facts.account).toEqual({
					ok: true,
					value: {
						name: String.raw`CONTOSO\k2install`,
						groups: [
							String.raw`CONTOSO\Domain Users`,
							String.raw`CONTOSO\View-Only Organization Management`,
						],
					},
				});
				const mx = await environment.resolveMx('contoso.com');
				expect(mx.ok).toBe(true);
			} finally {
				await environment.dispose();
			}

			const entries = fs
				.readFileSync(log, 'utf8')
				.trim()
				.split('\n')
				.map(line => JSON.parse(line) as Record<string, unknown>);
			expect(entries).toContainEqual(
				expect.objectContaining({
					event: 'probe',
					script: 'host',
					outcome: 'ok',
				}),
			);
			expect(entries).toContainEqual(
				expect.objectContaining({event: 'shell-start', outcome: 'ok'}),
			);
		},
		90_000,
	);

	test('a scenario without powershell is answered by the real not-found path', async () => {
		const file = path.join(directory, 'no-powershell.json');
		fs.writeFileSync(
			file,
			JSON.stringify({
				name: 'bare',
				host: {powershell: null, installMode: 'upgrade'},
			}),
		);
		const environment = await createEnvironment({
			simulate: file,
			engine: 'powershell',
		});
		try {
			const facts = await environment.probeHost();
			const missing = {
				ok: false,
				error: {category: 'shell-missing', message: 'PowerShell not found'},
			};
			expect(facts).toEqual({
				powershell: missing,
				winrm: missing,
				account: missing,
				scp: missing,
				installMode: 'upgrade',
			});
		} finally {
			await environment.dispose();
		}
	});
});
