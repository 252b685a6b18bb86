import {readFile} from 'node:fs/promises';
import {expect, test} from 'vitest';
import {runCli} from '../helpers/run-cli.js';

// The contract's flags, spelled as users type them.
const contractFlags = [
	'--config',
	'--simulate',
	'--engine',
	'--timeout',
	'--log',
	'--json',
	'--ascii',
	'--help',
	'--version',
	'--non-interactive',
	'--answers',
	'--reconfigure',
	'--upgrade',
	'--use-exchange',
	'--no-use-exchange',
	'--autodiscover',
	'--no-autodiscover',
	'--email',
	'--deployment',
	'--standard',
	'--administrative',
	'--server',
	'--exchange-version',
	'--authentication',
	'--service-account',
	'--mailbox-database',
	'--tenant-id',
	'--client-id',
	'--certificate-thumbprint',
	'--password-stdin',
];

// Flags beyond the contract that the readme documents.
const readmeFlags = ['--dry-run'];

test('--help names every flag of the contract and exits 0', async () => {
	const result = await runCli(['--help']);
	expect(result.code).toBe(0);
	for (const flag of [...contractFlags, ...readmeFlags]) {
		expect(result.stdout).toMatch(new RegExp(`${flag}\\b`));
	}

	expect(result.stdout).toMatch(/k2-exchange-setup detect \[--json\]/);
	// Fits an 80-column console with the last column free: Windows consoles
	// wrap a line that fills it.
	for (const line of result.stdout.split('\n')) {
		expect(line.length, line).toBeLessThanOrEqual(79);
	}
});

test('--version prints the package version', async () => {
	const {version} = JSON.parse(
		await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
	) as {version: string};
	for (const args of [['--version'], ['--version', '--json']]) {
		// eslint-disable-next-line no-await-in-loop
		const result = await runCli(args);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`${version}\n`);
	}
});

test('every contract flag is accepted by the parser', async () => {
	// A flag the parser did not know would exit 2 before anything else.
	const result = await runCli([
		'detect',
		'--simulate',
		'contoso-2019',
		'--json',
		'--ascii',
		'--timeout',
		'5',
		'--use-exchange',
		'--no-autodiscover',
		'--deployment',
		'on-premises',
		'--standard',
		'--administrative',
		'--server',
		'exch01.contoso.com',
		'--exchange-version',
		'2019',
		'--authentication',
		'impersonate',
		'--service-account',
		String.raw`CONTOSO\svc-k2`,
		'--mailbox-database',
		'DB01',
		'--email',
		'k2svc@contoso.com',
	]);
	expect(result.code, result.stderr).toBe(0);
});
