import {afterEach, expect, test} from 'vitest';
import {settled, walk, type Walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;

/** Opens the version list on its focused field and picks Exchange 2019. */
async function chooseExchange2019(user: Walk) {
	await user.press('space');
	await user.until('Exchange 2007');
	await user.press('down', 4);
	await user.press('enter');
	await user.until('Exchange Version: Exchange 2019');
}

afterEach(async () => {
	await terminal?.dispose();
});

test('with the server query cancelled, the server is typed in', async () => {
	terminal = await renderWizard({
		scenario: 'hanging-servers',
		answers: {
			useExchange: true,
			email: 'k2svc@contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		},
	});
	const user = walk(terminal);
	await user.press('enter');
	await user.until('Esc cancel checks');
	// Everything but the Exchange session settles at once; only the session
	// hangs.
	await terminal.waitForFrame(
		screen =>
			screen.includes('✔ Autodiscover') &&
			screen.includes('✔ DNS MX record') &&
			screen.includes('✔ View-Only'),
	);
	await user.shot('2 detecting, servers still running');

	await user.press('escape');
	await settled(terminal);
	await user.shot('2 detecting, cancelled');

	await user.press('enter');
	await user.until('No servers were discovered');
	await user.shot('3 configuration, server as text');

	await user.press('tab', 3);

	await user.until('› Exchange Server');
	await user.press('backspace', 40);

	// The detected version belonged to the proposed server; another server
	// brings the version field back.
	await user.type('exch 01');
	await user.press('enter');
	await user.until('› Exchange Version');
	await user.shot('3 configuration, version and server rejected');

	await chooseExchange2019(user);
	await user.press('tab');
	await user.until('› Exchange Server');

	await user.press('backspace', 7);

	await user.type('exch02.contoso.com');
	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('enter');
	await user.until('Summary');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toMatchObject({
		server: 'exch02.contoso.com',
	});
});

test('with nothing found, the server typed in is asked, and one that does not answer leaves exchange unconfigured', async () => {
	terminal = await renderWizard({
		scenario: 'nothing-found',
		answers: {
			useExchange: true,
			email: 'k2svc@adatum.com',
			serviceAccount: String.raw`ADATUM\svc-k2`,
		},
	});
	const user = walk(terminal);
	await user.press('enter');
	await user.until('Detecting');
	await settled(terminal);
	await user.until('Nothing discovered');
	await user.shot('2 detecting, nothing found');

	await user.press('enter');
	await user.until('Nothing was discovered');
	await user.shot('3 configuration, nothing found');

	await user.press('tab', 3);

	await user.until('› Exchange Version');
	await chooseExchange2019(user);
	await user.press('tab');
	await user.until('› Exchange Server');
	await user.type('exch01.adatum.com');
	await user.press('enter');
	await user.until('Detecting');
	await settled(terminal);
	await user.shot('2 detecting, the server typed in asked');

	await user.press('enter');
	await user.until('did not answer');
	await user.shot('3 configuration, the server typed in did not answer');

	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary, exchange left unconfigured');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toEqual({
		enabled: false,
		skippedReason:
			'no Exchange answered: exch01.adatum.com: name not found in DNS',
	});
});
