import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {noPwsh} from '../helpers/pwsh.js';
import {freshHome, runCli} from '../helpers/run-cli.js';
import {readTranscript, type Line} from '../helpers/transcript.js';

/** Runs --non-interactive against a scenario and returns its --log lines. */
async function logOf(
	scenario: string,
	email: string,
	extra: readonly string[] = [],
): Promise<Line[]> {
	const home = await freshHome();
	const log = path.join(home, 'detection.jsonl');
	const result = await runCli(
		[
			'--non-interactive',
			'--simulate',
			scenario,
			...extra,
			'--use-exchange',
			'--standard',
			'--email',
			email,
			'--log',
			log,
		],
		{home},
	);
	expect(result.stderr).toContain('Detecting the Exchange environment');
	return readTranscript(log);
}

const steps = (lines: readonly Line[]) =>
	lines
		.filter(line => line['event'] === 'autodiscover')
		.map(({step, url, outcome, status, error}) => ({
			step,
			url,
			outcome,
			status,
			error,
		}));

const event = (lines: readonly Line[], name: string) =>
	lines.filter(line => line['event'] === name);

describe.concurrent('--log', () => {
	test('lists every Autodiscover candidate in order, with how each failed', async () => {
		const lines = await logOf('nothing-found', 'k2svc@adatum.com');
		const xml = 'autodiscover/autodiscover.xml';
		expect(steps(lines)).toEqual([
			{
				step: 'scp',
				url: 'Active Directory',
				outcome: 'failed',
				status: undefined,
				error: undefined,
			},
			{
				step: 'domain',
				url: `https://adatum.com/${xml}`,
				outcome: 'failed',
				status: undefined,
				error: 'connection-refused',
			},
			{
				step: 'autodiscover-domain',
				url: `https://autodiscover.adatum.com/${xml}`,
				outcome: 'failed',
				status: undefined,
				error: 'unauthorized',
			},
			{
				step: 'redirect',
				url: `http://autodiscover.adatum.com/${xml}`,
				outcome: 'failed',
				status: undefined,
				error: 'not-found',
			},
			{
				step: 'srv',
				url: '_autodiscover._tcp.adatum.com',
				outcome: 'failed',
				status: undefined,
				error: 'dns',
			},
			{
				step: 'json',
				url: 'https://autodiscover.adatum.com/autodiscover/autodiscover.json?Email=k2svc%40adatum.com&Protocol=EWS',
				outcome: 'failed',
				status: undefined,
				error: 'not-found',
			},
		]);
		for (const line of event(lines, 'autodiscover')) {
			expect(typeof line['detail']).toBe('string');
			expect(typeof line['ms']).toBe('number');
		}

		expect(event(lines, 'dns')).toEqual([
			expect.objectContaining({
				type: 'MX',
				name: 'adatum.com',
				outcome: 'dns',
				message: 'no such record: MX adatum.com',
			}),
			expect.objectContaining({
				type: 'SRV',
				name: '_autodiscover._tcp.adatum.com',
				outcome: 'dns',
			}),
		]);
	});

	test('keeps the SRV answer and the candidate it named', async () => {
		const lines = await logOf('legacy-2013-ps2', 'k2svc@litware.com');
		expect(event(lines, 'dns')).toEqual([
			expect.objectContaining({
				type: 'MX',
				name: 'litware.com',
				outcome: 'ok',
				records: ['10 mail.litware.com'],
			}),
			expect.objectContaining({
				type: 'SRV',
				name: '_autodiscover._tcp.litware.com',
				outcome: 'ok',
				records: ['0 0 443 mail.litware.com'],
			}),
		]);
		expect(
			steps(lines).map(
				({step, outcome}) => `${String(step)} ${String(outcome)}`,
			),
		).toEqual([
			'scp failed',
			'domain failed',
			'autodiscover-domain failed',
			'redirect failed',
			'srv found',
		]);
		const found = event(lines, 'autodiscover').at(-1);
		expect(found).toMatchObject({
			url: 'https://mail.litware.com/autodiscover/autodiscover.xml',
			status: 200,
		});
		expect(found?.['detail']).toBe(
			'EWS at https://mail.litware.com/EWS/Exchange.asmx (ex2013.litware.com, 15.0.1497)',
		);
	});

	test('records the simulated PowerShell probes from the scenario', async () => {
		const lines = await logOf('constrained-language', 'k2svc@contoso.com');
		const probes = event(lines, 'probe');
		expect(probes.map(probe => probe['script'])).toEqual(['host', 'exchange']);
		expect(probes[0]).toMatchObject({shell: 'simulated', outcome: 'ok'});
		expect(probes[1]).toMatchObject({
			shell: 'simulated',
			outcome: 'ok',
			errorIds: {
				roleGroups: 'CommandNotFoundException',
				roleAssignments: 'CommandNotFoundException',
			},
		});
	});

	test.skipIf(noPwsh)(
		'under --engine powershell records the shell and each probe script',
		async () => {
			const lines = await logOf('contoso-2019', 'k2svc@contoso.com', [
				'--engine',
				'powershell',
			]);
			const [shell] = event(lines, 'shell-start');
			expect(shell?.['outcome']).toBe('ok');
			expect(shell?.['shell']).toMatch(/^Core 7\./);
			const probes = event(lines, 'probe');
			expect(probes.map(probe => probe['script'])).toEqual([
				'host',
				'exchange',
			]);
			for (const probe of probes) {
				expect(probe['outcome']).toBe('ok');
				expect(typeof probe['pid']).toBe('number');
				expect(probe['shell']).toBe(shell?.['shell']);
			}

			expect(steps(lines)).toEqual([
				expect.objectContaining({
					step: 'scp',
					url: 'https://exch01.contoso.com/Autodiscover/Autodiscover.xml',
					outcome: 'found',
					status: 200,
				}),
			]);
			expect(event(lines, 'dns')).toEqual([
				expect.objectContaining({type: 'MX', name: 'contoso.com'}),
			]);
		},
	);
});
