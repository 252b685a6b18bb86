import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {checkIds} from '../../source/detection/types.js';
import {
	builtinScenarioDir,
	listScenarios,
} from '../../source/environment/scenarios.js';
import {runCli} from '../helpers/run-cli.js';

const scenarios = await listScenarios();

/** An address in the scenario's mail domain, so Autodiscover and MX run. */
async function emailFor(name: string): Promise<string> {
	const scenario = JSON.parse(
		await readFile(path.join(builtinScenarioDir, `${name}.json`), 'utf8'),
	) as {dns?: {mx?: Record<string, unknown>}};
	const domain = Object.keys(scenario.dns?.mx ?? {})[0] ?? 'contoso.com';
	return `k2svc@${domain}`;
}

type Report = {
	checks: Array<Record<string, unknown>>;
	proposal: Record<string, unknown>;
};

describe.concurrent('detect', () => {
	test('there are built-in scenarios to run', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(10);
	});

	test.each(scenarios.map(({name}) => name))(
		'%s: --json reports every check and exits 1 only on a failure',
		async name => {
			const email = await emailFor(name);
			const result = await runCli([
				'detect',
				'--json',
				'--simulate',
				name,
				'--email',
				email,
				'--timeout',
				'2',
			]);
			const report = JSON.parse(result.stdout) as Report;
			expect(report.checks.map(check => check.id)).toEqual([...checkIds]);
			for (const check of report.checks) {
				expect(Object.keys(check)).toEqual([
					'id',
					'status',
					'ms',
					'summary',
					'fix',
				]);
				expect(['pass', 'warn', 'fail', 'skip']).toContain(check['status']);
			}

			expect(report.proposal).toHaveProperty('deployment');
			expect(report.proposal).toHaveProperty('server');
			expect(report.proposal).toHaveProperty('version');
			const failed = report.checks.some(check => check['status'] === 'fail');
			expect(result.code, result.stderr).toBe(failed ? 1 : 0);
			expect(result.stderr).toBe('');

			const plain = await runCli([
				'detect',
				'--ascii',
				'--simulate',
				name,
				'--email',
				email,
				'--timeout',
				'2',
			]);
			expect(plain.code).toBe(result.code);
			const lines = plain.stdout.split('\n');
			for (const check of report.checks) {
				const mark = {
					pass: '[ok]',
					warn: '[warn]',
					fail: '[FAIL]',
					skip: '[skip]',
				}[check['status'] as string];
				expect(
					lines.some(
						line =>
							line.startsWith(`${mark}`) &&
							line.includes(` ${String(check['id'])} `),
					),
					`${name} ${String(check['id'])}`,
				).toBe(true);
			}

			expect(plain.stdout).not.toMatch(/[^\u0020-\u007E\n]/);
		},
	);
});

test.each([
	['contoso-2019', 0],
	['winrm-stopped', 1],
	['nothing-found', 1],
])('detect on %s exits %i', async (name, code) => {
	const result = await runCli([
		'detect',
		'--simulate',
		name,
		'--email',
		'k2svc@contoso.com',
	]);
	expect(result.code, result.stdout).toBe(code);
});

test('a version Autodiscover gave for its server is not the version of another server given', async () => {
	const result = await runCli([
		'detect',
		'--json',
		'--simulate',
		'contoso-2019',
		'--email',
		'k2svc@contoso.com',
		'--server',
		'exch99.contoso.com',
	]);
	const report = JSON.parse(result.stdout) as Report;
	expect(report.proposal).toMatchObject({
		server: 'exch99.contoso.com',
		version: null,
		versionSource: null,
	});
});

test('a detect run from a shell words its fixes without the wizard keys', async () => {
	const result = await runCli([
		'detect',
		'--json',
		'--simulate',
		'hanging-servers',
		'--email',
		'k2svc@contoso.com',
		'--timeout',
		'1',
	]);
	expect(result.code).toBe(1);
	const report = JSON.parse(result.stdout) as Report;
	const servers = report.checks.find(check => check['id'] === 'servers');
	expect(servers?.['status']).toBe('fail');
	expect(servers?.['fix']).toMatch(/^Raise --timeout \(1 s per stage now\)/);
	expect(result.stdout).not.toMatch(/\(R\)/);
});
