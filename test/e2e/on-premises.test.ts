/*
An administrator configures both integrations against one Exchange 2019
server, from the first page to Done, with the built command in a real
80x24 terminal; then the file it wrote is read back.
*/
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, test} from 'vitest';
import type {ConfigDocument} from '../../source/plan/types.js';
import {
	disposeAll,
	fileTimeoutMs,
	fillExchangePage,
	filesIn,
	keys,
	startWizard,
} from '../helpers/e2e.js';

afterEach(disposeAll);

test(
	'both integrations on-premises: detected, confirmed, applied and written',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({scenario: 'contoso-2019'});
		await fillExchangePage(run, 'k2svc@contoso.com');

		// Detection: every check passes and the server is proposed.
		await run.press(keys.enter, 'Detecting your Exchange environment');
		const detected = await run.see('Enter next');
		for (const label of [
			'PowerShell',
			'WinRM',
			'Language mode',
			'View-Only Org Mgmt',
			'Exchange services',
			'Autodiscover',
			'DNS MX record',
			'Exchange servers',
			'Mailbox databases',
			'Permissions',
		]) {
			expect(run.check(label), label).toMatch(/^│ ✔ /);
		}

		expect(run.check('Exchange servers')).toContain('EXCH01 Exchange 2019');
		expect(detected).toMatch(/Proposal: Autodiscover answered from\s+exch01/);

		// Configuration: on-premises proposed, version detected, the server
		// from the dropdown; standard is ticked for us, administrative is not.
		const configuration = await run.press(
			keys.enter,
			'Exchange Server Configuration',
		);
		expect(configuration).toContain('› (•) Configure Exchange On-premises');
		expect(configuration).toContain('[x] Enable standard Exchange integration');
		expect(configuration).toContain(
			'[ ] Enable administrative Exchange integration',
		);
		expect(configuration).toMatch(
			/Exchange Version: Exchange 2019 \(15\.2\.1544\.4\), detected/,
		);
		expect(configuration).toContain('Exchange Server: exch01.contoso.com');
		await run.press(keys.tab, '› [x] Enable standard');
		await run.press(keys.tab, '› [ ] Enable administrative');
		await run.press(keys.space, '› [x] Enable administrative');

		// Accounts: the service account typed in; its rights are checked.
		const accounts = await run.press(keys.enter, 'Accounts and permissions');
		expect(accounts).toContain('(•) Impersonate');
		expect(accounts).toContain('Mailbox database: DB01');
		await run.press(keys.tab, '› Service account');
		await run.type(String.raw`CONTOSO\svc-k2`);
		await run.see(
			String.raw`ApplicationImpersonation for CONTOSO\svc-k2: assigned`,
		);
		await run.see(String.raw`Recipient Management for CONTOSO\svc-k2: member`);

		// Summary: the three instances, before anything is written.
		const summary = await run.press(keys.enter, 'Step 5 of 6');
		expect(summary).toContain(
			'On-premises: exch01.contoso.com, Exchange 2019 (15.2.1544.4) detected',
		);
		expect(summary).toMatch(/Exchange Management +Impersonate/);
		expect(summary).toMatch(/Exchange Meta Data +ServiceAccount/);
		expect(summary).toMatch(/Exchange Administration +ServiceAccount/);
		expect(summary).toMatch(/Exchange Version +Exchange2013_SP1/);
		expect(filesIn(run.folder)).toEqual([]);
		await run.press(keys.pageDown, /Exchange Server +exch01\.contoso\.com/);

		// Apply has focus: Enter writes, and Done says where.
		const done = await run.press(keys.enter, 'Step 6 of 6');
		expect(done).toContain(run.configPath);
		const answersPath = path.join(run.folder, 'answers.json');
		expect(done).toContain(answersPath);
		expect(filesIn(run.folder)).toEqual(['answers.json', 'config.json']);
		await run.press(keys.enter, 'Configuration written to');
		const exit = await run.exit();
		expect(exit.code).toBe(0);

		const written = JSON.parse(
			readFileSync(run.configPath, 'utf8'),
		) as ConfigDocument;
		expect(written.exchange).toMatchObject({
			enabled: true,
			email: 'k2svc@contoso.com',
			deployment: 'on-premises',
			server: 'exch01.contoso.com',
			version: {name: 'Exchange2019', detected: true, build: '15.2.1544.4'},
			standard: true,
			administrative: true,
		});
		expect(
			written.serviceInstances.map(instance => [
				instance.name,
				instance.authentication,
			]),
		).toEqual([
			['Exchange Management', 'Impersonate'],
			['Exchange Meta Data', 'ServiceAccount'],
			['Exchange Administration', 'ServiceAccount'],
		]);
		expect(written.environmentLibrary).toEqual([
			{field: 'Exchange Server', value: 'exch01.contoso.com'},
		]);
		// The answer file kept beside it replays the same choices.
		expect(JSON.parse(readFileSync(answersPath, 'utf8'))).toMatchObject({
			useExchange: true,
			deployment: 'on-premises',
			server: 'exch01.contoso.com',
			standard: true,
			administrative: true,
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		});
	},
);
