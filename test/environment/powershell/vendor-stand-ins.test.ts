/*
The stand-ins answer as the commands they replace: the Exchange cmdlets
only through a session, in NoLanguage mode, with deserialized objects that
print as Exchange prints them. So the probe scripts meet under test what
they meet on Windows, and a probe that would fail there fails here.
*/
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createPowerShellService} from '../../../source/environment/powershell/service.js';
import {generateStandInModule} from '../../../source/environment/powershell/stand-ins.js';
import {loadScenario} from '../../../source/environment/scenarios.js';
import {noPwsh, pwsh, testScript} from '../../helpers/pwsh.js';

const connect = String.raw`
$session = New-PSSession -ConfigurationName Microsoft.Exchange -Authentication Kerberos -ConnectionUri 'http://exch01.contoso.com/PowerShell/'
`;

describe.skipIf(noPwsh)('stand-ins for the vendor commands', () => {
	const service = createPowerShellService({executable: pwsh});
	beforeAll(async () => {
		const scenario = await loadScenario('mixed-versions');
		await service.useSeams(generateStandInModule(scenario));
	});
	afterAll(async () => service.dispose());

	async function answer(body: string) {
		const run = await service.run(testScript('check', body), {});
		if (!run.ok) {
			throw new Error(run.failure.message);
		}

		return run.results['check'];
	}

	test('the exchange cmdlets answer only through a session', async () => {
		expect(
			await answer(String.raw`Invoke-Probe 'check' {
				@{ local = [bool](Get-Command Get-ExchangeServer -ErrorAction SilentlyContinue) }
			}`),
		).toMatchObject({ok: true, data: {local: false}});
	});

	test('a server comes back deserialized and prints as exchange prints it', async () => {
		const result = await answer(
			connect +
				String.raw`Invoke-Probe 'check' {
					$server = @(Invoke-Command -Session $session -ScriptBlock { Get-ExchangeServer })[3]
					$version = $server.AdminDisplayVersion
					@{
						type = $server.PSObject.TypeNames[0]
						versionType = $version.PSObject.TypeNames[0]
						version = [string]$version
						major = $version.Major
						build = $version.Build
						roles = [string]$server.ServerRole
						hub = $server.IsHubTransportServer
						edge = $server.IsEdgeServer
						site = [string]$server.Site
						siteName = $server.Site.Name
					}
				}`,
		);
		expect(result).toMatchObject({
			ok: true,
			data: {
				type: 'Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer',
				versionType: 'Deserialized.Microsoft.Exchange.Data.ServerVersion',
				version: 'Version 8.3 (Build 83.6)',
				major: 8,
				build: 83,
				roles: 'Mailbox, ClientAccess, HubTransport',
				hub: true,
				edge: false,
				site: 'contoso.com/Configuration/Sites/Branch',
				siteName: 'Branch',
			},
		});
	});

	test('an exchange 2007 database names its server and storage group', async () => {
		const result = await answer(
			connect +
				String.raw`Invoke-Probe 'check' {
					$list = @()
					foreach ($database in @(Invoke-Command -Session $session -ScriptBlock { Get-MailboxDatabase })) {
						$group = $null
						if ($database.PSObject.Properties['StorageGroup']) {
							$group = [string]$database.StorageGroup
						}
						$list += @{ name = [string]$database.Name; server = [string]$database.Server; group = $group }
					}
					@{ items = $list }
				}`,
		);
		expect(result).toMatchObject({
			ok: true,
			data: {
				items: [
					{name: 'DB01', server: 'EXCH01', group: null},
					{name: 'DB16', server: 'EXCH16', group: null},
					{name: 'DB10', server: 'EXCH10', group: null},
					{
						name: 'Mailbox Database',
						server: 'EXCH07',
						group: String.raw`EXCH07\First Storage Group`,
					},
					{
						name: 'Executives',
						server: 'EXCH07',
						group: String.raw`EXCH07\Second Storage Group`,
					},
				],
			},
		});
	});

	test('a $using: variable arrives as its value', async () => {
		const result = await answer(
			connect +
				String.raw`Invoke-Probe 'check' {
					$group = 'Recipient Management'
					$member = @(Invoke-Command -Session $session -ScriptBlock {
						Get-RoleGroupMember -Identity $using:group
					})[0]
					@{ name = [string]$member.Name; sid = [string]$member.Sid }
				}`,
		);
		expect(result).toMatchObject({
			ok: true,
			data: {
				name: 'svc-k2',
				sid: expect.stringMatching(/^S-1-5-21-/) as string,
			},
		});
	});

	test.each([
		['a pipeline', '{ Get-ExchangeServer | Select-Object Name }'],
		['a plain variable', '{ Get-RoleGroupMember -Identity $group }'],
		['two statements', '{ Get-ExchangeServer; Get-MailboxDatabase }'],
		['an assignment', '{ $servers = Get-ExchangeServer }'],
	])('the endpoint refuses %s, as NoLanguage mode does', async (_, block) => {
		const result = await answer(
			connect +
				`Invoke-Probe 'check' {
					$group = 'Recipient Management'
					Invoke-Command -Session $session -ScriptBlock ${block}
				}`,
		);
		expect(result).toMatchObject({
			ok: false,
			error: {errorId: 'ScriptsNotAllowed', category: 'ParserError'},
		});
	});

	test('a command the endpoint does not offer is not recognized', async () => {
		const result = await answer(
			connect +
				String.raw`Invoke-Probe 'check' {
					Invoke-Command -Session $session -ScriptBlock { Remove-Item -Path x }
				}`,
		);
		expect(result).toMatchObject({
			ok: false,
			error: {
				errorId: 'CommandNotFoundException',
				message: expect.stringContaining(
					"The term 'Remove-Item' is not recognized",
				) as string,
			},
		});
	});

	test('a removed session takes no more commands', async () => {
		const result = await answer(
			connect +
				String.raw`Invoke-Probe 'check' {
					Remove-PSSession -Session $session
					Invoke-Command -Session $session -ScriptBlock { Get-ExchangeServer }
				}`,
		);
		expect(result).toMatchObject({
			ok: false,
			error: {errorId: 'InvokeCommandCommandInvalidSessionState'},
		});
	});
});
