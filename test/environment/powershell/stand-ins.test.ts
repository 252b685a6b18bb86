import {describe, expect, test} from 'vitest';
import {
	generateStandInModule,
	scenarioQueries,
	standInData,
} from '../../../source/environment/powershell/stand-ins.js';
import {scenarioSchema} from '../../../source/environment/scenario.js';

describe('stand-in module', () => {
	test('sends each check’s first error fault to the command that answers it', () => {
		const scenario = scenarioSchema.parse({
			faults: [
				{check: 'language-mode', kind: 'error', errorId: 'A', message: 'a'},
				{check: 'permissions', kind: 'error'},
				{check: 'permissions', kind: 'error', message: 'second'},
				{check: 'mx', kind: 'error'},
				{check: 'services', kind: 'error', message: 's'},
				{check: 'account', kind: 'error', message: 'c'},
			],
		});
		expect(standInData(scenario).faults).toEqual([
			{command: 'Get-ProbeHostInfo', errorId: 'A', message: 'a'},
			{command: 'Get-ProbeCurrentIdentity', errorId: null, message: 'c'},
			{command: 'Get-CimInstance', errorId: null, message: 's'},
			{
				command: 'Get-RoleGroupMember',
				errorId: null,
				message: 'Simulated failure of permissions.',
			},
			{
				command: 'Get-ManagementRoleAssignment',
				errorId: null,
				message: 'Simulated failure of permissions.',
			},
		]);
	});

	test('names the forest’s configuration partition after the first server', () => {
		const scenario = scenarioSchema.parse({
			exchange: {
				servers: [
					{
						name: 'EX1',
						fqdn: 'ex1.emea.litware.com',
						adminDisplayVersion: 'Version 15.2 (Build 1544.4)',
					},
				],
			},
		});
		expect(standInData(scenario).host.configurationNamingContext).toBe(
			'CN=Configuration,DC=emea,DC=litware,DC=com',
		);
	});

	test('holds a round trip for the longest delay, or for ever on a hang', () => {
		const scenario = scenarioSchema.parse({
			faults: [
				{check: 'winrm', kind: 'delay', ms: 100},
				{check: 'account', kind: 'delay', ms: 300},
				{check: 'databases', kind: 'hang'},
				{check: 'services', kind: 'delay', ms: 50},
				{check: 'mx', kind: 'hang'},
			],
		});
		expect(standInData(scenario).holds).toEqual({host: 300, exchange: -1});
	});

	test('carries the scenario as data, never as code', () => {
		const scenario = scenarioSchema.parse({
			host: {account: String.raw`CONTOSO\x'; Remove-Item C:\ -Recurse; '`},
		});
		const module = generateStandInModule(scenario);
		const [dataLine, ...code] = module.split('\n');
		expect(dataLine).toMatch(/^\$StandInDataB64 = '[A-Za-z\d+/=]+'$/);
		expect(module).not.toContain('Remove-Item C:');
		expect(code.join('\n')).toContain('function Get-ExchangeServer');
	});

	test('asks for the role groups and roles the tool needs and the scenario names', () => {
		const scenario = scenarioSchema.parse({
			exchange: {
				roleGroups: {'Help Desk': [], 'Recipient Management': []},
				roleAssignments: [{role: 'Mail Recipients', assignee: 'x'}],
			},
		});
		expect(scenarioQueries(scenario)).toEqual({
			roleGroups: [
				'Help Desk',
				'Recipient Management',
				'View-Only Organization Management',
				'Organization Management',
			],
			roles: ['Mail Recipients', 'ApplicationImpersonation'],
		});
	});
});
