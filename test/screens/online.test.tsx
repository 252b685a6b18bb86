import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('exchange online through an entra app registration', async () => {
	terminal = await renderWizard({
		scenario: 'online-tailspin',
		answers: {useExchange: true, email: 'k2svc@tailspintoys.com'},
	});
	const user = walk(terminal);
	await user.press('enter');
	await settled(terminal);
	await user.shot('2 detecting, exchange online');
	await user.press('enter');
	await user.until('Configure Exchange Online');
	await user.shot('3 configuration, online proposed');

	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('tab');
	await user.type('72f988bf-86f1-41af-91ab-2d7cd011db47');
	await user.press('tab');
	await user.type('0d5c1b8a-2f0e-4c55-9a1e-6c3f1a7b9e21');
	await user.press('tab');
	await user.type('not hex');
	await user.press('enter');
	await user.until('40 hexadecimal');
	await user.shot('4 accounts, bad thumbprint');

	for (let erase = 0; erase < 7; erase++) {
		// eslint-disable-next-line no-await-in-loop
		await user.press('backspace');
	}

	await user.type('3F2A9C7B1D4E5F60718293A4B5C6D7E8F9012345');
	await user.until('F9012345');
	await user.shot('4 accounts, filled in');

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
		deployment: 'online',
		administrative: false,
	});
});
