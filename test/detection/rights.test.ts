import {describe, expect, test} from 'vitest';
import {checkRights, sameAccount} from '../../source/detection/rights.js';
import {runDetection} from '../../source/detection/run.js';
import type {Findings} from '../../source/detection/types.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';

async function findingsOf(name: string, email = 'k2svc@contoso.com') {
	const environment = createSimulatedEnvironment(await loadScenario(name));
	const report = await runDetection(environment, {email, autodiscover: true});
	return report.findings;
}

const onPremises = {
	deployment: 'on-premises',
	standard: true,
	administrative: true,
} as const;

function byRight(checks: ReturnType<typeof checkRights>) {
	return Object.fromEntries(checks.map(check => [check.right, check]));
}

describe('checkRights', () => {
	test('everything granted passes', async () => {
		const checks = checkRights({
			...onPremises,
			findings: await findingsOf('contoso-2019'),
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		});
		expect(
			checks.map(check => [check.right, check.holder, check.status]),
		).toEqual([
			[
				'View-Only Organization Management',
				String.raw`CONTOSO\k2install`,
				'pass',
			],
			['ApplicationImpersonation', String.raw`CONTOSO\svc-k2`, 'pass'],
			['Recipient Management', String.raw`CONTOSO\svc-k2`, 'pass'],
		]);
		expect(checks.every(check => check.fix === null)).toBe(true);
	});

	test('another service account gets the exact commands', async () => {
		const checks = byRight(
			checkRights({
				...onPremises,
				findings: await findingsOf('contoso-2019'),
				serviceAccount: String.raw`CONTOSO\svc-other`,
			}),
		);
		expect(checks['ApplicationImpersonation']).toMatchObject({
			status: 'warn',
			detail: 'not assigned',
			fix: String.raw`New-ManagementRoleAssignment -Name "K2 impersonation svc-other" -Role ApplicationImpersonation -User CONTOSO\svc-other`,
		});
		expect(checks['Recipient Management']).toMatchObject({
			status: 'warn',
			fix: String.raw`Add-RoleGroupMember -Identity "Recipient Management" -Member CONTOSO\svc-other`,
		});
	});

	test('the installation account without View-Only gets the command', async () => {
		const checks = byRight(
			checkRights({
				...onPremises,
				findings: await findingsOf('no-view-only'),
				serviceAccount: String.raw`CONTOSO\svc-k2`,
			}),
		);
		expect(checks['View-Only Organization Management']).toMatchObject({
			status: 'warn',
			fix: String.raw`Add-RoleGroupMember -Identity "View-Only Organization Management" -Member CONTOSO\k2install, then log off and on`,
		});
	});

	test('membership in AD but not in the logon token asks for a new logon', async () => {
		const findings: Findings = {
			...(await findingsOf('contoso-2019')),
			accountGroups: [String.raw`CONTOSO\Domain Users`],
		};
		const checks = byRight(
			checkRights({
				...onPremises,
				findings,
				serviceAccount: String.raw`CONTOSO\svc-k2`,
			}),
		);
		expect(checks['View-Only Organization Management']).toMatchObject({
			status: 'warn',
			detail: 'member in Active Directory, but not yet in this logon session',
		});
	});

	test('only the rights of ticked integrations are checked', async () => {
		const checks = byRight(
			checkRights({
				...onPremises,
				administrative: false,
				findings: await findingsOf('contoso-2019'),
				serviceAccount: String.raw`CONTOSO\svc-other`,
			}),
		);
		expect(checks['Recipient Management']?.status).toBe('skip');
		expect(checks['ApplicationImpersonation']?.status).toBe('warn');
	});

	test('Exchange Online skips the on-premises rights', async () => {
		const checks = checkRights({
			deployment: 'online',
			standard: true,
			administrative: false,
			findings: await findingsOf('online-tailspin', 'k2svc@tailspintoys.com'),
			serviceAccount: String.raw`TAILSPIN\svc-k2`,
		});
		expect(checks.map(check => check.status)).toEqual(['skip', 'skip', 'skip']);
		expect(checks[1]?.detail).toContain('Microsoft Graph');
	});

	test('with no service account chosen yet, its rights wait', async () => {
		const checks = checkRights({
			...onPremises,
			findings: await findingsOf('contoso-2019'),
			serviceAccount: null,
		});
		expect(checks.slice(1).map(check => [check.status, check.detail])).toEqual([
			['skip', 'choose the service account first'],
			['skip', 'choose the service account first'],
		]);
	});

	test('without an Exchange session, a missing right says it was not checked', async () => {
		const checks = byRight(
			checkRights({
				...onPremises,
				findings: await findingsOf('nothing-found', 'k2svc@adatum.com'),
				serviceAccount: String.raw`ADATUM\svc-k2`,
			}),
		);
		expect(checks['ApplicationImpersonation']).toMatchObject({
			status: 'warn',
			detail: 'not checked: no Exchange session was opened',
		});
	});
});

test('role groups that could not be read prove nothing', async () => {
	const checks = byRight(
		checkRights({
			...onPremises,
			findings: await findingsOf('constrained-language'),
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		}),
	);
	expect(checks['Recipient Management']).toMatchObject({
		status: 'warn',
		detail: 'not checked: role groups and assignments could not be read',
		fix: String.raw`Add-RoleGroupMember -Identity "Recipient Management" -Member CONTOSO\svc-k2`,
	});
});

describe('sameAccount', () => {
	test.each([
		[String.raw`CONTOSO\svc-k2`, String.raw`contoso\SVC-K2`, true],
		[String.raw`CONTOSO\svc-k2`, 'svc-k2', true],
		[String.raw`CONTOSO\svc-k2`, String.raw`FABRIKAM\svc-k2`, false],
		[String.raw`CONTOSO\svc-k2`, String.raw`CONTOSO\svc-k3`, false],
	])('%s and %s: %s', (a, b, same) => {
		expect(sameAccount(a, b)).toBe(same);
	});
});
