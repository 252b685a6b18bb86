import {afterAll, describe, expect, test} from 'vitest';
import {
	createPowerShellHost,
	type PowerShellHost,
} from '../../../source/environment/powershell/host.js';
import {
	generateStandInModule,
	scenarioQueries,
} from '../../../source/environment/powershell/stand-ins.js';
import {
	scenarioSchema,
	type ScenarioInput,
} from '../../../source/environment/scenario.js';
import type {
	Transcript,
	TranscriptEntry,
} from '../../../source/environment/transcript.js';
import {isAlive} from '../../helpers/processes.js';
import {noPwsh, pwsh} from '../../helpers/pwsh.js';

const base: ScenarioInput = {
	name: 'probe-test',
	host: {
		computerName: 'K2APP07',
		powershell: {
			version: '5.1.14393.0',
			edition: 'Desktop',
			languageMode: 'FullLanguage',
			executionPolicy: 'AllSigned',
		},
		winrm: 'Stopped',
		account: String.raw`CONTOSO\k2install`,
		groups: [
			String.raw`CONTOSO\Domain Users`,
			String.raw`CONTOSO\View-Only Organization Management`,
		],
		installMode: 'reconfigure',
	},
	autodiscover: {
		scp: ['https://mail.contoso.com/Autodiscover/Autodiscover.xml'],
	},
	exchange: {
		servers: [
			{
				name: 'EXCH01',
				fqdn: 'exch01.contoso.com',
				adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
				roles: ['Mailbox', 'ClientAccess'],
				site: 'Main-Site',
				services: {MSExchangeIS: 'Running', MSExchangeServiceHost: 'Stopped'},
				databases: [{name: 'DB01'}, {name: 'DB02'}],
			},
			{
				name: 'EXCH07',
				fqdn: 'exch07.contoso.com',
				adminDisplayVersion: 'Version 8.3 (Build 83.6)',
				databases: [
					{name: 'Mailbox Database', storageGroup: 'First Storage Group'},
				],
			},
		],
		roleGroups: {
			'View-Only Organization Management': [String.raw`CONTOSO\k2install`],
			'Recipient Management': [],
			'Help Desk': [String.raw`CONTOSO\helper`],
		},
		roleAssignments: [
			{role: 'ApplicationImpersonation', assignee: String.raw`CONTOSO\svc-k2`},
			{role: 'Mail Recipients', assignee: 'Organization Management'},
		],
	},
};

function hostFor(
	input: ScenarioInput,
	options: {transcript?: Transcript} = {},
): PowerShellHost {
	const scenario = scenarioSchema.parse(input);
	return createPowerShellHost({
		executable: pwsh,
		seams: generateStandInModule(scenario),
		installMode: scenario.host.installMode,
		...scenarioQueries(scenario),
		transcript: options.transcript,
	});
}

describe.skipIf(noPwsh)('probes through powershell with stand-ins', () => {
	describe('an environment with everything in place', () => {
		const host = hostFor(base);
		afterAll(async () => host.dispose());

		test('answers the local checks in one round trip', async () => {
			expect(await host.probeHost()).toEqual({
				powershell: {
					ok: true,
					value: {
						computerName: 'K2APP07',
						version: '5.1.14393.0',
						edition: 'Desktop',
						languageMode: 'FullLanguage',
						executionPolicy: 'AllSigned',
					},
				},
				winrm: {ok: true, value: 'Stopped'},
				account: {
					ok: true,
					value: {
						name: String.raw`CONTOSO\k2install`,
						groups: [
							String.raw`CONTOSO\Domain Users`,
							String.raw`CONTOSO\View-Only Organization Management`,
						],
					},
				},
				scp: {
					ok: true,
					value: ['https://mail.contoso.com/Autodiscover/Autodiscover.xml'],
				},
				installMode: 'reconfigure',
			});
		});

		test('answers the exchange checks from one session', async () => {
			expect(await host.probeExchange('EXCH01.contoso.com')).toEqual({
				connectedTo: {ok: true, value: 'exch01.contoso.com'},
				servers: {
					ok: true,
					value: [
						{
							name: 'EXCH01',
							fqdn: 'exch01.contoso.com',
							adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
							roles: ['Mailbox', 'ClientAccess'],
							site: 'Main-Site',
						},
						{
							name: 'EXCH07',
							fqdn: 'exch07.contoso.com',
							adminDisplayVersion: 'Version 8.3 (Build 83.6)',
							roles: ['Mailbox'],
							site: 'Default-First-Site-Name',
						},
					],
				},
				services: {
					ok: true,
					value: {
						'exch01.contoso.com': {
							MSExchangeIS: 'Running',
							MSExchangeServiceHost: 'Stopped',
						},
						'exch07.contoso.com': {},
					},
				},
				databases: {
					ok: true,
					value: [
						{name: 'DB01', server: 'exch01.contoso.com', storageGroup: null},
						{name: 'DB02', server: 'exch01.contoso.com', storageGroup: null},
						{
							name: 'Mailbox Database',
							server: 'exch07.contoso.com',
							storageGroup: 'First Storage Group',
						},
					],
				},
				roleGroups: {
					ok: true,
					value: {
						'View-Only Organization Management': [
							String.raw`CONTOSO\k2install`,
						],
						'Recipient Management': [],
						'Help Desk': [String.raw`CONTOSO\helper`],
					},
				},
				roleAssignments: {
					ok: true,
					value: [
						{
							role: 'ApplicationImpersonation',
							assignee: String.raw`CONTOSO\svc-k2`,
						},
						{role: 'Mail Recipients', assignee: 'Organization Management'},
					],
				},
			});
		});

		test('fails every exchange check when the server is unknown', async () => {
			const facts = await host.probeExchange('exch99.contoso.com');
			const expected = {
				ok: false,
				error: {
					category: 'dns',
					errorId: 'ComputerNotFound,PSSessionOpenFailed',
					message:
						'Connecting to remote server exch99.contoso.com failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved.',
				},
			};
			expect(facts.connectedTo).toEqual(expected);
			expect(facts.roleAssignments).toEqual(expected);
		});

		test('refuses a server name that is not a host name before PowerShell sees it', async () => {
			const facts = await host.probeExchange("exch01'; Remove-Item x");
			expect(facts.connectedTo.ok).toBe(false);
			expect(!facts.connectedTo.ok && facts.connectedTo.error.category).toBe(
				'dns',
			);
		});
	});

	describe('one run', () => {
		const entries: TranscriptEntry[] = [];
		const host = hostFor(base, {
			transcript: {
				write(entry) {
					entries.push(entry);
				},
			},
		});
		afterAll(async () => host.dispose());

		test('runs the local checks and the exchange session in one shell', async () => {
			await host.probeHost();
			await host.probeExchange('exch01.contoso.com');
			const shellEntries = entries.flatMap(entry =>
				entry.event === 'shell-start' || entry.event === 'probe' ? [entry] : [],
			);
			const started = shellEntries.filter(
				entry => entry.event === 'shell-start',
			);
			expect(started).toHaveLength(1);
			const {pid} = started[0]!;
			expect(pid).toBeGreaterThan(0);
			const probes = shellEntries
				.filter(entry => entry.event === 'probe')
				.map(entry => [entry.script, entry.pid]);
			expect(probes).toEqual([
				['host', pid],
				['exchange', pid],
			]);
		});
	});

	describe('an environment with error and delay faults', () => {
		const host = hostFor({
			...base,
			faults: [
				{
					check: 'account',
					kind: 'error',
					errorId: 'AccessDenied,PSSessionOpenFailed',
					message: 'Access is denied.',
				},
				{check: 'winrm', kind: 'error'},
				{check: 'language-mode', kind: 'delay', ms: 1200},
				{
					check: 'servers',
					kind: 'error',
					errorId: 'CommandNotFoundException',
					message: "The term 'Get-ExchangeServer' is not recognized.",
				},
				{check: 'permissions', kind: 'error', message: 'Access denied (RBAC).'},
			],
		});
		afterAll(async () => host.dispose());

		test('fails only the faulted local checks, after the delay', async () => {
			await host.service.start();
			const started = Date.now();
			const facts = await host.probeHost();
			expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
			expect(facts.powershell.ok).toBe(true);
			expect(facts.scp.ok).toBe(true);
			expect(facts.account).toEqual({
				ok: false,
				error: {
					category: 'access-denied',
					errorId: 'AccessDenied,PSSessionOpenFailed',
					message: 'Access is denied.',
				},
			});
			expect(facts.winrm).toEqual({
				ok: false,
				error: {category: 'unknown', message: 'Simulated failure of winrm.'},
			});
		});

		test('fails the faulted exchange queries and those read per server', async () => {
			const facts = await host.probeExchange('exch01.contoso.com');
			expect(facts.connectedTo.ok).toBe(true);
			const noServers = {
				ok: false,
				error: {
					category: 'permission',
					errorId: 'CommandNotFoundException',
					message: "The term 'Get-ExchangeServer' is not recognized.",
				},
			};
			expect(facts.servers).toEqual(noServers);
			expect(facts.services).toEqual(noServers);
			expect(facts.databases).toEqual(noServers);
			const rbac = {
				ok: false,
				error: {category: 'access-denied', message: 'Access denied (RBAC).'},
			};
			expect(facts.roleGroups).toEqual(rbac);
			expect(facts.roleAssignments).toEqual(rbac);
		});
	});

	describe('an environment that hangs', () => {
		const host = hostFor({
			...base,
			faults: [
				{check: 'winrm', kind: 'hang'},
				{check: 'databases', kind: 'hang'},
			],
		});
		afterAll(async () => host.dispose());

		test('times out the whole local round trip', async () => {
			const facts = await host.probeHost({timeoutMs: 1500});
			const timedOut = {
				ok: false,
				error: {
					category: 'timeout',
					message: 'The operation timed out after 1500 ms.',
				},
			};
			expect(facts.powershell).toEqual(timedOut);
			expect(facts.winrm).toEqual(timedOut);
			expect(facts.account).toEqual(timedOut);
			expect(facts.scp).toEqual(timedOut);
			expect(facts.installMode).toBe('reconfigure');
		});

		test('cancels the exchange session through the signal', async () => {
			const controller = new AbortController();
			setTimeout(() => {
				controller.abort();
			}, 1000);
			const facts = await host.probeExchange('exch01.contoso.com', {
				signal: controller.signal,
				timeoutMs: 60_000,
			});
			expect(facts.servers).toEqual({
				ok: false,
				error: {category: 'cancelled', message: 'The operation was cancelled.'},
			});
		});
	});

	describe('an environment whose local checks hang', () => {
		const host = hostFor({...base, faults: [{check: 'winrm', kind: 'hang'}]});
		afterAll(async () => host.dispose());

		test('opens the exchange session in a fresh shell after the local round trip timed out', async () => {
			await host.service.start();
			const hung = host.service.current()?.pid;
			expect(hung).toBeGreaterThan(0);
			const local = await host.probeHost({timeoutMs: 1500});
			expect(!local.winrm.ok && local.winrm.error.category).toBe('timeout');
			expect(isAlive(hung!)).toBe(false);

			const facts = await host.probeExchange('exch01.contoso.com');
			expect(facts.connectedTo).toEqual({
				ok: true,
				value: 'exch01.contoso.com',
			});
			const fresh = host.service.current()?.pid;
			expect(fresh).toBeGreaterThan(0);
			expect(fresh).not.toBe(hung);
		});
	});
});
