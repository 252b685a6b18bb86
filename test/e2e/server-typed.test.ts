/*
The servers query never answers, so the administrator cancels it, types the
server's FQDN and picks the version from the dropdown: the built command in
a real 80x24 terminal, from the first page to Done.
*/
import {readFileSync} from 'node:fs';
import {afterEach, expect, test} from 'vitest';
import type {ConfigDocument} from '../../source/plan/types.js';
import {
	allOf,
	disposeAll,
	fileTimeoutMs,
	fillExchangePage,
	keys,
	prose,
	startWizard,
} from '../helpers/e2e.js';

afterEach(disposeAll);

test(
	'servers not discovered: the server typed as an FQDN, the version chosen, written',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({scenario: 'hanging-servers'});
		await fillExchangePage(run, 'k2svc@contoso.com');
		await run.press(keys.enter, 'Esc cancel checks');
		await run.see(allOf('✔ Autodiscover', 'Exchange servers'));
		await run.see(screen => /Exchange servers +checking/.test(screen));
		await run.press(keys.escape, 'R retry failed');

		// No server list: the server is a text field.
		const configuration = await run.press(keys.enter, 'Step 3 of 6');
		expect(prose(configuration)).toContain('No servers were discovered');
		await run.press(keys.tab, '› [x] Enable standard');
		await run.press(keys.tab, '› [ ] Enable administrative');
		await run.press(keys.tab, '› Exchange Server');
		// Erase whatever was proposed, one key at a time, until the field
		// shows its placeholder.
		const empty = '› Exchange Server: e.g.';
		for (let presses = 0; presses < 80; presses++) {
			if (run.terminal.screen().includes(empty)) {
				break;
			}

			// eslint-disable-next-line no-await-in-loop
			await run.terminal.press(keys.backspace);
		}

		await run.see(empty);
		await run.type(
			'exch02.contoso.com',
			'› Exchange Server: exch02.contoso.com',
		);

		// The detected version belonged to the proposed server: Next asks
		// for this one's version, from the dropdown.
		await run.press(keys.enter, '› Exchange Version');
		await run.press(keys.space, 'Exchange 2007');
		for (const option of ['2010', '2013', '2016', '2019']) {
			// eslint-disable-next-line no-await-in-loop
			await run.press(keys.down, `› Exchange ${option}`);
		}

		await run.press(keys.enter, 'Exchange Version: Exchange 2019');

		await run.press(keys.enter, 'Accounts and permissions');
		await run.press(keys.tab, '› Service account');
		await run.type(String.raw`CONTOSO\svc-k2`);
		const summary = await run.press(keys.enter, 'Step 5 of 6');
		expect(summary).toContain('On-premises: exch02.contoso.com');
		await run.press(keys.enter, 'Step 6 of 6');
		await run.press(keys.enter, 'Configuration written to');
		const exit = await run.exit();
		expect(exit.code).toBe(0);

		const written = JSON.parse(
			readFileSync(run.configPath, 'utf8'),
		) as ConfigDocument;
		expect(written.exchange).toMatchObject({
			server: 'exch02.contoso.com',
			version: {name: 'Exchange2019', detected: false},
			standard: true,
			administrative: false,
		});
		expect(written.environmentLibrary).toEqual([
			{field: 'Exchange Server', value: 'exch02.contoso.com'},
		]);
	},
);
