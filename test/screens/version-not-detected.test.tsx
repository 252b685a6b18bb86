import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('the version is chosen from a list when it was not detected', async () => {
	terminal = await renderWizard({
		scenario: 'version-unknown',
		answers: {
			useExchange: true,
			email: 'k2svc@contoso.com',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		},
	});
	const user = walk(terminal);
	await user.press('enter');
	await settled(terminal);
	await user.shot('2 detecting, version unreadable');
	await user.press('enter');
	await user.until('not detected; choose one');
	await user.shot('3 configuration, version to choose');

	await user.press('enter');
	await user.until('› Exchange Version');
	await user.shot('3 configuration, version required');

	await user.press('space');
	await user.until('Exchange 2007');
	await user.shot('3 configuration, version list open');
	for (let step = 0; step < 4; step++) {
		// eslint-disable-next-line no-await-in-loop
		await user.press('down');
	}

	await user.press('enter');
	await user.until('Exchange Version: Exchange 2019');
	await user.shot('3 configuration, 2019 chosen');

	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toMatchObject({
		version: {name: 'Exchange2019', detected: false},
	});
});
