import {describe, expect, test} from 'vitest';
import {
	runDetection,
	type DetectionRequest,
} from '../../source/detection/run.js';
import type {CheckId, CheckStatus} from '../../source/detection/types.js';
import {
	listScenarios,
	loadScenario,
} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';

const today = new Date('2026-12-03T12:00:00Z');

async function detect(name: string, request: DetectionRequest) {
	const environment = createSimulatedEnvironment(await loadScenario(name));
	try {
		return await runDetection(environment, request, {
			now: today,
			timeoutMs: 5000,
		});
	} finally {
		await environment.dispose();
	}
}

function statuses(checks: ReadonlyArray<{id: CheckId; status: CheckStatus}>) {
	return Object.fromEntries(checks.map(check => [check.id, check.status]));
}

type Expectation = {
	email: string;
	checks: Record<CheckId, CheckStatus>;
	deployment: 'on-premises' | 'online' | null;
	server: string | null;
	version: string | null;
	met: boolean;
};

const allPass: Record<CheckId, CheckStatus> = {
	powershell: 'pass',
	winrm: 'pass',
	'language-mode': 'pass',
	account: 'pass',
	services: 'pass',
	autodiscover: 'pass',
	mx: 'pass',
	servers: 'pass',
	databases: 'pass',
	permissions: 'pass',
};

const exchangeSkipped = {
	services: 'skip',
	servers: 'skip',
	databases: 'skip',
	permissions: 'skip',
} as const;

const expectations: Record<string, Expectation> = {
	'contoso-2019': {
		email: 'k2svc@contoso.com',
		checks: allPass,
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1544.4',
		met: true,
	},
	'fabrikam-se': {
		email: 'k2svc@fabrikam.com',
		checks: allPass,
		deployment: 'on-premises',
		server: 'exse01.fabrikam.com',
		version: 'ExchangeSE 15.2.2562.17',
		met: true,
	},
	'legacy-2013-ps2': {
		email: 'k2svc@litware.com',
		checks: {...allPass, powershell: 'fail', ...exchangeSkipped},
		deployment: 'on-premises',
		server: 'ex2013.litware.com',
		version: 'Exchange2013 15.0.1497',
		met: false,
	},
	'online-tailspin': {
		email: 'k2svc@tailspintoys.com',
		checks: {...allPass, account: 'warn', ...exchangeSkipped},
		deployment: 'online',
		server: null,
		version: 'ExchangeOnline 15.20.8000',
		met: true,
	},
	'nothing-found': {
		email: 'k2svc@adatum.com',
		checks: {...allPass, autodiscover: 'fail', mx: 'warn', ...exchangeSkipped},
		deployment: null,
		server: null,
		version: null,
		met: false,
	},
	'upgrade-install': {
		email: 'k2svc@contoso.com',
		checks: {...allPass, ...exchangeSkipped},
		deployment: 'on-premises',
		server: null,
		version: null,
		met: false,
	},
	'reconfigure-2016': {
		email: 'k2svc@contoso.com',
		checks: allPass,
		deployment: 'on-premises',
		server: 'exch16.contoso.com',
		version: 'Exchange2016 15.1.2507.6',
		met: true,
	},
	'mixed-versions': {
		email: 'k2svc@contoso.com',
		checks: {...allPass, services: 'warn'},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1748.10',
		met: true,
	},
	'no-view-only': {
		email: 'k2svc@contoso.com',
		checks: {...allPass, account: 'warn'},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1544.4',
		met: true,
	},
	'version-unknown': {
		email: 'k2svc@contoso.com',
		checks: {...allPass, servers: 'warn'},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: null,
		met: true,
	},
	'winrm-stopped': {
		email: 'k2svc@contoso.com',
		checks: {
			...allPass,
			winrm: 'fail',
			'language-mode': 'warn',
			...exchangeSkipped,
		},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1544',
		met: false,
	},
	'no-powershell': {
		email: 'k2svc@contoso.com',
		checks: {
			...allPass,
			powershell: 'fail',
			winrm: 'skip',
			'language-mode': 'skip',
			account: 'skip',
			...exchangeSkipped,
		},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1544',
		met: false,
	},
	'constrained-language': {
		email: 'k2svc@contoso.com',
		checks: {...allPass, 'language-mode': 'fail', permissions: 'warn'},
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		version: 'Exchange2019 15.2.1544.4',
		met: true,
	},
};

describe('detection over each built-in scenario', () => {
	test('every built-in scenario but the slow and hanging ones is covered', async () => {
		const names = (await listScenarios()).map(entry => entry.name);
		expect(names.filter(name => !(name in expectations)).sort()).toEqual([
			'hanging-servers',
			'slow-checks',
		]);
	});

	for (const [name, expected] of Object.entries(expectations)) {
		test(name, async () => {
			const report = await detect(name, {
				email: expected.email,
				autodiscover: true,
			});
			expect(statuses(report.checks)).toEqual(expected.checks);
			expect(report.proposal.deployment).toBe(expected.deployment);
			expect(report.proposal.server).toBe(expected.server);
			const {version} = report.proposal;
			expect(version ? `${version.name} ${version.build}` : null).toBe(
				expected.version,
			);
			expect(report.prerequisites.met).toBe(expected.met);
			for (const check of report.checks) {
				expect(check.summary).not.toContain('\n');
				if (check.status === 'fail' || check.status === 'warn') {
					expect(check.fix).toBeTruthy();
				}

				if (check.status === 'pass' || check.status === 'skip') {
					expect(check.fix).toBeNull();
				}
			}
		});
	}
});

describe('what each scenario is for', () => {
	test('contoso-2019 proposes its server with where the version came from', async () => {
		const report = await detect('contoso-2019', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		expect(report.proposal.versionSource).toBe('Get-ExchangeServer on EXCH01');
		expect(report.proposal.ewsUrl).toBe(
			'https://mail.contoso.com/EWS/Exchange.asmx',
		);
		expect(report.findings.servers[0]?.support).toBe(
			'end of support 14 Oct 2025',
		);
		expect(report.findings.databases.map(database => database.name)).toEqual([
			'DB01',
			'DB02',
		]);
		expect(report.findings.account).toBe(String.raw`CONTOSO\k2install`);
	});

	test('PowerShell 2.0 fails with the WMF fix and keeps the page away', async () => {
		const report = await detect('legacy-2013-ps2', {
			email: 'k2svc@litware.com',
			autodiscover: true,
		});
		const powershell = report.checks.find(check => check.id === 'powershell');
		expect(powershell?.summary).toContain('PowerShell 2.0');
		expect(powershell?.fix).toContain('Windows Management Framework 5.1');
		expect(report.prerequisites).toMatchObject({
			met: false,
			fix: expect.stringContaining('--reconfigure'),
		});
	});

	test('an upgrade install never shows the page', async () => {
		const report = await detect('upgrade-install', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		expect(report.findings.installMode).toBe('upgrade');
		expect(report.prerequisites).toMatchObject({
			met: false,
			reason: expect.stringContaining('upgrade'),
		});
	});

	test('a missing View-Only membership is a warning with the exact command', async () => {
		const report = await detect('no-view-only', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const account = report.checks.find(check => check.id === 'account');
		expect(account?.fix).toBe(
			String.raw`Add-RoleGroupMember -Identity "View-Only Organization Management" -Member CONTOSO\k2install, then log off and on`,
		);
	});

	test('a stopped service names the server and the command that starts it', async () => {
		const report = await detect('mixed-versions', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const services = report.checks.find(check => check.id === 'services');
		expect(services?.summary).toContain('MSExchangeTransport Stopped');
		expect(services?.fix).toBe(
			'Invoke-Command -ComputerName exch10.contoso.com { Start-Service -Name MSExchangeTransport }',
		);
		const versions = report.findings.servers.map(
			server => server.version?.name,
		);
		expect(versions).toEqual([
			'Exchange2019',
			'Exchange2016',
			'Exchange2010',
			'Exchange2007',
		]);
		const groups = report.findings.databases
			.filter(database => database.storageGroup)
			.map(database => `${database.storageGroup}\\${database.name}`);
		expect(groups).toEqual([
			String.raw`First Storage Group\Mailbox Database`,
			String.raw`Second Storage Group\Executives`,
		]);
		expect(
			report.findings.servers.find(server => server.name === 'EXCH07')?.support,
		).toBe('unsupported');
	});

	test('nothing found leaves the server and version to the administrator', async () => {
		const report = await detect('nothing-found', {
			email: 'k2svc@adatum.com',
			autodiscover: true,
		});
		expect(report.findings.servers).toEqual([]);
		expect(report.proposal.version).toBeNull();
		expect(
			report.findings.autodiscover.every(
				attempt => attempt.outcome === 'failed',
			),
		).toBe(true);
	});

	test('a given server that does not exist fails the Exchange checks as DNS', async () => {
		const report = await detect('contoso-2019', {
			email: 'k2svc@contoso.com',
			autodiscover: false,
			server: 'exch99.contoso.com',
		});
		const servers = report.checks.find(check => check.id === 'servers');
		expect(servers?.status).toBe('fail');
		expect(servers?.summary).toBe('exch99.contoso.com: name not found in DNS');
		expect(servers?.fix).toContain('FQDN');
		const autodiscover = report.checks.find(
			check => check.id === 'autodiscover',
		);
		expect(autodiscover?.status).toBe('skip');
	});

	test('without PowerShell the fix installs it and nothing else is asked of it', async () => {
		const report = await detect('no-powershell', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const powershell = report.checks.find(check => check.id === 'powershell');
		expect(powershell?.summary).toBe('PowerShell not found');
		expect(powershell?.fix).toContain('Windows Management Framework 5.1');
		expect(report.findings.autodiscover[0]?.detail).toBe(
			'SCP lookup failed: PowerShell not found',
		);
		expect(report.prerequisites).toMatchObject({
			met: false,
			reason: 'PowerShell was not found on this computer',
		});
	});

	test('a stopped WinRM gives the commands that start it', async () => {
		const report = await detect('winrm-stopped', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const winrm = report.checks.find(check => check.id === 'winrm');
		expect(winrm).toMatchObject({
			summary: 'WinRM service is Stopped',
			fix: 'Start-Service WinRM; Set-Service WinRM -StartupType Automatic',
		});
		expect(report.prerequisites).toMatchObject({
			met: false,
			fix: 'Start-Service WinRM; Set-Service WinRM -StartupType Automatic; then run with --reconfigure to configure it later',
		});
	});

	test('role cmdlets hidden by RBAC are a warning, not a failure', async () => {
		const report = await detect('constrained-language', {
			email: 'k2svc@contoso.com',
			autodiscover: true,
		});
		const permissions = report.checks.find(check => check.id === 'permissions');
		expect(permissions?.summary).toBe(
			'role assignments hidden from this account',
		);
		expect(report.findings.roleGroups).toEqual({});
	});
});
