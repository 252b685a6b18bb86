/*
Unattended, a failed check that the configuration would rest on stops the
run: exit 1, nothing written, the failure and a fix a script can act on in
"error" and "fix". Checks the configuration does not rest on never stop it.
*/
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {builtinScenarioDir} from '../../source/environment/scenarios.js';
import type {UnattendedResult} from '../../source/unattended/run.js';
import {configIn, freshHome, runCli} from '../helpers/run-cli.js';

const scripted = [
	'--non-interactive',
	'--json',
	'--use-exchange',
	'--email',
	'k2svc@contoso.com',
	'--service-account',
	String.raw`CONTOSO\svc-k2`,
];

async function builtin(name: string): Promise<Record<string, unknown>> {
	return JSON.parse(
		await readFile(path.join(builtinScenarioDir, `${name}.json`), 'utf8'),
	) as Record<string, unknown>;
}

let files: string;
beforeAll(async () => {
	files = await mkdtemp(path.join(tmpdir(), 'k2-failed-'));
	const contoso = await builtin('contoso-2019');
	const nothing = await builtin('nothing-found');
	await writeFile(
		path.join(files, 'databases-fail.json'),
		JSON.stringify({
			...contoso,
			name: 'databases-fail',
			faults: [
				{
					check: 'databases',
					kind: 'error',
					errorId: 'Unexpected',
					message: 'Get-MailboxDatabase failed.',
				},
			],
		}),
	);
	// Nothing discovered, but a server answers when it is named.
	await writeFile(
		path.join(files, 'typed-server.json'),
		JSON.stringify({
			...nothing,
			name: 'typed-server',
			host: contoso['host'],
			exchange: contoso['exchange'],
		}),
	);
});

function resultOf(stdout: string): UnattendedResult {
	return JSON.parse(stdout) as UnattendedResult;
}

async function run(args: string[]) {
	const home = await freshHome();
	const argv = args.map(arg => arg.replace('FILES', files));
	const result = await runCli([...scripted, ...argv], {home});
	return {
		...result,
		json: resultOf(result.stdout),
		wrote: existsSync(path.join(home, 'k2-exchange-setup')),
		home,
	};
}

describe.concurrent('detection failed', () => {
	test('a given server that does not answer exits 1 even with the version given', async () => {
		for (const extra of [[], ['--exchange-version', '2019']]) {
			// eslint-disable-next-line no-await-in-loop
			const result = await run([
				'--simulate',
				'contoso-2019',
				'--standard',
				'--server',
				'exch99.contoso.com',
				...extra,
			]);
			expect(result.code, result.stderr).toBe(1);
			expect(result.json).toMatchObject({
				ok: false,
				changed: false,
				error:
					'detection failed: services and servers: exch99.contoso.com: name not found in DNS',
			});
			expect(result.json.fix).toMatch(/fully qualified name/);
			expect(result.stderr).toMatch(/Nothing was written\./);
			expect(result.wrote).toBe(false);
		}
	});

	test('checks that time out exit 1 with a fix that names no wizard key', async () => {
		for (const extra of [[], ['--dry-run']]) {
			// eslint-disable-next-line no-await-in-loop
			const result = await run([
				'--simulate',
				'hanging-servers',
				'--timeout',
				'1',
				...extra,
			]);
			expect(result.code, result.stderr).toBe(1);
			expect(result.json).toMatchObject({
				ok: false,
				dryRun: extra.length > 0,
				error: 'detection failed: services and servers: timed out after 1 s',
				fix: 'Raise --timeout (1 s per stage now), or check that exch01.contoso.com answers remote PowerShell',
			});
			expect(result.stderr).not.toMatch(/\(R\)/);
			expect(JSON.stringify(result.json.checks)).not.toMatch(/\(R\)/);
			expect(result.wrote).toBe(false);
		}
	});

	test('a failed database query stops administrative integration only', async () => {
		const simulate = ['--simulate', 'FILES/databases-fail.json'];
		const administrative = await run([...simulate, '--administrative']);
		expect(administrative.code, administrative.stderr).toBe(1);
		expect(administrative.json.error).toMatch(/^detection failed: databases:/);
		expect(administrative.wrote).toBe(false);

		const standard = await run([...simulate, '--standard']);
		expect(standard.code, standard.stderr).toBe(0);
		expect(standard.json).toMatchObject({ok: true, configured: true});
	});

	test('a constrained shell whose Exchange checks passed does not stop the run', async () => {
		const result = await run(['--simulate', 'constrained-language']);
		expect(result.json.checks).toContainEqual(
			expect.objectContaining({id: 'language-mode', status: 'fail'}),
		);
		expect(result.code, result.stderr).toBe(0);
		expect(result.wrote).toBe(true);
	});

	test('with nothing discovered, a given server is what detection checks', async () => {
		const simulate = ['--simulate', 'FILES/typed-server.json'];
		const server = ['--server', 'exch01.contoso.com'];
		const result = await run([...simulate, ...server, '--no-autodiscover']);
		expect(result.code, result.stderr).toBe(0);
		const document = JSON.parse(
			await readFile(configIn(result.home), 'utf8'),
		) as {exchange: Record<string, unknown>};
		expect(document.exchange).toMatchObject({
			server: 'exch01.contoso.com',
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
		});

		// Autodiscover on would be written into the file, and it answers
		// nothing here: the run stops and says how to go without it.
		const withAutodiscover = await run([...simulate, ...server]);
		expect(withAutodiscover.code).toBe(1);
		expect(withAutodiscover.json.error).toBe(
			'detection failed: autodiscover: no candidate answered (6 tried)',
		);
		expect(withAutodiscover.json.fix).toMatch(
			/--no-autodiscover and --server FQDN$/,
		);

		const unknown = await run([
			'--simulate',
			'nothing-found',
			'--server',
			'exch01.contoso.com',
			'--no-autodiscover',
			'--exchange-version',
			'2019',
		]);
		expect(unknown.code).toBe(1);
		expect(unknown.json.error).toBe(
			'detection failed: services and servers: exch01.contoso.com: name not found in DNS',
		);
		expect(unknown.wrote).toBe(false);
	});
});
