import {existsSync} from 'node:fs';
import {readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {ConfigDocument} from '../../source/plan/types.js';
import type {UnattendedResult} from '../../source/unattended/run.js';
import {configIn, freshHome, runCli} from '../helpers/run-cli.js';

const account = String.raw`CONTOSO\svc-k2`;

const contoso = [
	'--non-interactive',
	'--json',
	'--simulate',
	'contoso-2019',
	'--use-exchange',
	'--email',
	'k2svc@contoso.com',
	'--service-account',
	account,
];

function resultOf(stdout: string): UnattendedResult {
	return JSON.parse(stdout) as UnattendedResult;
}

describe.concurrent('--non-interactive', () => {
	test('the same answers twice change nothing the second time', async () => {
		const home = await freshHome();
		const first = await runCli(contoso, {home});
		expect(first.code, first.stderr).toBe(0);
		expect(resultOf(first.stdout)).toMatchObject({
			ok: true,
			changed: true,
			backupPath: null,
			configured: true,
			configPath: configIn(home),
		});
		const written = await readFile(configIn(home), 'utf8');
		const {mtimeMs} = await stat(configIn(home));

		const second = await runCli(contoso, {home});
		expect(second.code).toBe(0);
		expect(resultOf(second.stdout)).toMatchObject({
			changed: false,
			backupPath: null,
		});
		expect((await stat(configIn(home))).mtimeMs).toBe(mtimeMs);

		const third = await runCli([...contoso, '--standard', '--administrative'], {
			home,
		});
		expect(resultOf(third.stdout)).toMatchObject({
			changed: true,
			backupPath: `${configIn(home)}.bak`,
			changes: [
				{path: 'exchange.administrative', before: false, after: true},
				{path: 'serviceInstances["Exchange Administration"]', kind: 'added'},
			],
		});
		expect(await readFile(`${configIn(home)}.bak`, 'utf8')).toBe(written);
	});

	test('a dry run says whether a real run would write, and writes nothing', async () => {
		const home = await freshHome();
		const dry = [...contoso, '--dry-run'];
		const before = await runCli(dry, {home});
		expect(before.code, before.stderr).toBe(0);
		expect(resultOf(before.stdout)).toMatchObject({
			ok: true,
			changed: true,
			dryRun: true,
			configured: true,
		});
		expect(resultOf(before.stdout).changes.length).toBeGreaterThan(0);
		expect(before.stderr).toMatch(/Dry run: .* would be written/);
		expect(existsSync(configIn(home))).toBe(false);

		expect((await runCli(contoso, {home})).code).toBe(0);
		const after = await runCli(dry, {home});
		expect(resultOf(after.stdout)).toMatchObject({
			changed: false,
			dryRun: true,
			changes: [],
		});
		expect(after.stderr).toMatch(/Dry run: .* is up to date/);

		const wider = await runCli([...dry, '--administrative'], {home});
		expect(resultOf(wider.stdout)).toMatchObject({changed: true});
		expect(existsSync(`${configIn(home)}.bak`)).toBe(false);
	});

	test('without --json the result is one line on stdout', async () => {
		const home = await freshHome();
		const result = await runCli(
			contoso.filter(arg => arg !== '--json'),
			{home},
		);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`Configuration written to ${configIn(home)}.\n`);
		expect(result.stderr).toMatch(/^Detecting the Exchange environment/);
		expect(result.stderr).toMatch(/✓ servers/);
	});

	test('flags override the answer file', async () => {
		const home = await freshHome();
		const file = path.join(home, 'answers.json');
		await writeFile(
			file,
			JSON.stringify({
				useExchange: true,
				email: 'k2svc@contoso.com',
				administrative: true,
				authentication: 'sso',
				serviceAccount: account,
			}),
		);
		const result = await runCli(
			[
				'--non-interactive',
				'--simulate',
				'contoso-2019',
				'--answers',
				file,
				'--authentication',
				'service-account',
			],
			{home},
		);
		expect(result.code, result.stderr).toBe(0);
		const document = JSON.parse(await readFile(configIn(home), 'utf8')) as {
			exchange: {administrative: boolean};
			serviceInstances: Array<{authentication: string}>;
		};
		expect(document.exchange.administrative).toBe(true);
		expect(
			document.serviceInstances.map(instance => instance.authentication),
		).toEqual(['ServiceAccount', 'ServiceAccount']);
	});

	test('missing prerequisites exit 1 and write nothing', async () => {
		const home = await freshHome();
		const result = await runCli(
			[...contoso.slice(0, 3), 'winrm-stopped', ...contoso.slice(4)],
			{home},
		);
		expect(result.code).toBe(1);
		expect(resultOf(result.stdout)).toMatchObject({
			ok: false,
			changed: false,
			error: 'the WinRM service is Stopped',
			fix: expect.stringMatching(/^Start-Service WinRM/),
		});
		expect(result.stderr).toMatch(/Nothing was written\./);
		expect(existsSync(path.join(home, 'k2-exchange-setup'))).toBe(false);
	});

	test('integration off writes an unconfigured document and exits 0', async () => {
		const home = await freshHome();
		const result = await runCli(
			['--non-interactive', '--json', '--no-use-exchange'],
			{home},
		);
		expect(result.code, result.stderr).toBe(0);
		expect(resultOf(result.stdout)).toMatchObject({
			changed: true,
			configured: false,
			skippedReason: 'Exchange integration was not selected.',
		});
		expect(JSON.parse(await readFile(configIn(home), 'utf8'))).toEqual({
			schemaVersion: 1,
			exchange: {
				enabled: false,
				skippedReason: 'Exchange integration was not selected.',
			},
			serviceInstances: [],
			environmentLibrary: [],
		});
	});

	test('an upgrade install found by detection keeps the file untouched', async () => {
		const home = await freshHome();
		const result = await runCli(
			[...contoso.slice(0, 3), 'upgrade-install', ...contoso.slice(4)],
			{home},
		);
		expect(result.code, result.stderr).toBe(0);
		expect(resultOf(result.stdout)).toMatchObject({
			changed: false,
			skippedReason: 'upgrade',
		});
		expect(existsSync(configIn(home))).toBe(false);
	});

	test('a missing right warns with the command that grants it', async () => {
		const home = await freshHome();
		const result = await runCli(
			[
				...contoso.map(arg =>
					arg === account ? String.raw`CONTOSO\svc-other` : arg,
				),
				'--administrative',
			],
			{home},
		);
		expect(result.code, result.stderr).toBe(0);
		const {rights} = resultOf(result.stdout);
		expect(rights.map(right => right.right)).toContain('Recipient Management');
		expect(result.stderr).toMatch(
			/grant it with: Add-RoleGroupMember -Identity "Recipient Management" -Member CONTOSO\\svc-other/,
		);
	});
});

describe.concurrent('--upgrade and --reconfigure', () => {
	test('--upgrade leaves the configuration untouched and says so', async () => {
		const home = await freshHome();
		await runCli(contoso, {home});
		const before = await stat(configIn(home));
		const result = await runCli(['--upgrade', '--json'], {home});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/kept untouched/);
		expect(resultOf(result.stdout)).toMatchObject({changed: false});
		expect((await stat(configIn(home))).mtimeMs).toBe(before.mtimeMs);
	});

	test('--upgrade with no configuration says there is none, and writes none', async () => {
		const home = await freshHome();
		const result = await runCli(['--upgrade', '--json'], {home});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(
			`Upgrade install: there is no Exchange configuration at ${configIn(home)}, and an upgrade writes none; run without --upgrade to create one.\n`,
		);
		expect(resultOf(result.stdout)).toMatchObject({
			changed: false,
			skippedReason: 'upgrade',
		});
		expect(existsSync(configIn(home))).toBe(false);

		const detected = await runCli(
			[...contoso.slice(0, 3), 'upgrade-install', ...contoso.slice(4)],
			{home},
		);
		expect(detected.code, detected.stderr).toBe(0);
		expect(detected.stderr).toMatch(
			/upgrade install: there is no Exchange configuration at .*, and an upgrade writes none\./,
		);
		expect(detected.stderr).not.toMatch(/kept untouched/);
	});

	test('--reconfigure starts from the file, shows and applies the difference', async () => {
		const home = await freshHome();
		await runCli([...contoso, '--standard', '--administrative'], {home});
		const result = await runCli(
			[
				'--reconfigure',
				'--non-interactive',
				'--simulate',
				'contoso-2019',
				'--no-administrative',
			],
			{home},
		);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toMatch(
			/Difference from the existing configuration:\n {2}~ exchange\.administrative: true -> false\n {2}- serviceInstances\["Exchange Administration"\]/,
		);
		const document = JSON.parse(
			await readFile(configIn(home), 'utf8'),
		) as ConfigDocument;
		// Everything else came from the file: the email was not given again.
		expect(document.exchange).toMatchObject({
			email: 'k2svc@contoso.com',
			administrative: false,
		});
	});

	test('--reconfigure with nothing to start from exits 1', async () => {
		const home = await freshHome();
		const result = await runCli(['--reconfigure', '--non-interactive'], {
			home,
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^--reconfigure: there is no configuration at /,
		);
	});
});

test.each(['SIGINT', 'SIGTERM'] as const)(
	'%s during detection exits 130 and writes nothing',
	async signal => {
		const home = await freshHome();
		const result = await runCli(
			[...contoso.slice(0, 3), 'slow-checks', ...contoso.slice(4)],
			{
				home,
				onSpawn(child) {
					child.stderr?.once('data', () => {
						child.kill(signal);
					});
				},
			},
		);
		expect(result.code).toBe(130);
		expect(result.stderr).toMatch(/Interrupted; nothing was written\./);
		expect(resultOf(result.stdout)).toMatchObject({ok: false, changed: false});
		expect(existsSync(path.join(home, 'k2-exchange-setup'))).toBe(false);
	},
);
