import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('both integrations on a mixed organisation, another server picked from the list', async () => {
	terminal = await renderWizard({
		scenario: 'mixed-versions',
		answers: {
			useExchange: true,
			email: 'k2svc@contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		},
	});
	const user = walk(terminal);
	await user.press('enter');
	await settled(terminal);
	await user.shot('2 detecting, one service stopped');
	await user.press('enter');
	await user.until('Configure Exchange On-premises');

	await user.press('tab');
	await user.press('tab');
	await user.press('space');
	await user.press('tab');
	await user.until('› Exchange Server');
	await user.press('space');
	await user.until('more');
	await user.shot('3 configuration, server list open');

	// A number key chooses nothing: the list stays open on the same server.
	const before = terminal.screen();
	await user.press('down');
	await user.type('3');
	expect(terminal.screen()).not.toBe(before);
	await user.until('›');
	await user.shot('3 configuration, after Down and a number key');

	await user.press('enter');
	await user.until('Exchange 2016');
	await user.shot('3 configuration, 2016 server chosen');

	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.shot('4 accounts');
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary');
	await user.press('pageDown');
	await user.until('PgUp');
	await user.shot('5 summary, scrolled');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toMatchObject({
		standard: true,
		administrative: true,
		version: {name: 'Exchange2016', detected: true},
	});
});
