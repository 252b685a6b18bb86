/*
An administrator whose mail is in Exchange Online: detection proposes
Online from the MX record and Autodiscover, administrative integration is
not offered, and the Entra app registration is typed in. The built command
in a real 80x24 terminal, from the first page to Done.
*/
import {readFileSync} from 'node:fs';
import {afterEach, expect, test} from 'vitest';
import type {ConfigDocument} from '../../source/plan/types.js';
import {
	disposeAll,
	fileTimeoutMs,
	fillExchangePage,
	keys,
	prose,
	startWizard,
} from '../helpers/e2e.js';

afterEach(disposeAll);

const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const clientId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const thumbprint = '3F2A9C1B7D4E8F6A0B5C2D9E1F3A7B4C6D8E0F12';

test(
	'Exchange Online: proposed from the evidence, app registration typed in, written',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({scenario: 'online-tailspin'});
		await fillExchangePage(run, 'k2svc@tailspintoys.com');

		// Detection: no servers to ask, and the evidence points at Online.
		await run.press(keys.enter, 'Detecting your Exchange environment');
		const detected = await run.see('Enter next');
		expect(run.check('DNS MX record')).toMatch(
			/✔ DNS MX record .*tailspintoys-com\.mail\.prote/,
		);
		expect(run.check('Autodiscover')).toMatch(
			/✔ Autodiscover .*EWS at outlook\.office365\.com/,
		);
		expect(run.check('Exchange servers')).toContain(
			'not checked: Exchange Online (no servers)',
		);
		expect(prose(detected)).toContain(
			'Proposal: MX of tailspintoys.com points at tailspintoys-com.mail.protection.outlook.com (Exchange Online)',
		);

		// Configuration: Online chosen, and why administrative is not offered.
		const configuration = await run.press(
			keys.enter,
			'Exchange Server Configuration',
		);
		expect(configuration).toContain('› (•) Configure Exchange Online');
		expect(configuration).toContain('( ) Configure Exchange On-premises');
		expect(prose(configuration)).toContain(
			'Not offered for Exchange Online: mailbox administration is on-premises only.',
		);
		expect(configuration).toContain('Exchange Version: Exchange Online');

		// Accounts: the app registration, and the warning about EWS.
		const accounts = await run.press(keys.enter, 'Accounts and permissions');
		expect(accounts).toContain('(•) ServiceAccount');
		expect(prose(accounts)).toContain(
			'Exchange Web Services in Exchange Online is blocked by default since 1 October 2026 and shuts down on 1 April 2027, so Online integration goes through Microsoft Graph.',
		);
		await run.press(keys.tab, '› Tenant ID');
		await run.type(tenantId);
		await run.press(keys.tab, '› Client (application) ID');
		await run.type(clientId);
		await run.press(keys.tab, '› Certificate thumbprint');
		await run.type(thumbprint);

		// Summary: only the instances standard integration needs, online.
		const summary = await run.press(keys.enter, 'Step 5 of 6');
		expect(summary).toMatch(/Exchange Management +ServiceAccount/);
		expect(summary).toMatch(/Exchange Meta Data +ServiceAccount/);
		expect(summary).not.toContain('Exchange Administration');
		expect(summary).toMatch(/Is Exchange Online +true/);

		await run.press(keys.enter, 'Step 6 of 6');
		await run.press(keys.enter, 'Configuration written to');
		const exit = await run.exit();
		expect(exit.code).toBe(0);

		const written = JSON.parse(
			readFileSync(run.configPath, 'utf8'),
		) as ConfigDocument;
		expect(written.exchange).toMatchObject({
			enabled: true,
			deployment: 'online',
			version: {name: 'ExchangeOnline'},
			standard: true,
			administrative: false,
		});
		expect(
			written.serviceInstances.map(instance => [
				instance.name,
				instance.settings['Is Exchange Online'],
			]),
		).toEqual([
			['Exchange Management', true],
			['Exchange Meta Data', true],
		]);
		const text = JSON.stringify(written);
		for (const typed of [tenantId, clientId, thumbprint]) {
			expect(text).toContain(typed);
		}
	},
);
