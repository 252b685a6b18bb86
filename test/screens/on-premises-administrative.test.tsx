import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('on-premises administrative integration only, with the database chosen from the list', async () => {
	terminal = await renderWizard({
		scenario: 'contoso-2019',
		answers: {useExchange: true, email: 'k2svc@contoso.com'},
	});
	const user = walk(terminal);
	await user.press('enter');
	await settled(terminal);
	await user.press('enter');
	await user.until('Configure Exchange On-premises');

	await user.press('tab');
	await user.press('space');
	await user.press('tab');
	await user.press('space');
	await user.until('[x] Enable administrative');
	await user.shot('3 configuration, administrative only');

	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('tab');
	await user.type(String.raw`CONTOSO\svc-k2`);
	await user.press('tab');
	await user.until('› Mailbox database');
	await user.press('space');
	await user.until('› DB01');
	await user.shot('4 accounts, database list open');

	await user.press('down');
	await user.press('enter');
	await user.until('Mailbox database: DB02');
	await user.shot('4 accounts, database chosen');

	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary');

	await user.press('enter');
	await user.until('Done');
	await user.press('enter');
	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document).toMatchObject({
		exchange: {standard: false, administrative: true},
		serviceInstances: [
			{name: 'Exchange Meta Data'},
			{
				name: 'Exchange Administration',
				settings: {'Mailbox Database': 'DB02'},
			},
		],
	});
});
