import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('powershell too old: the page is not shown, and why', async () => {
	terminal = await renderWizard({
		scenario: 'legacy-2013-ps2',
		answers: {useExchange: true, email: 'k2svc@litwareinc.com'},
	});
	const user = walk(terminal);
	await user.press('enter');
	await settled(terminal);
	await user.shot('2 detecting, powershell 2.0');
	await user.press('enter');
	await user.until('This page is not shown');
	await user.shot('3 not shown');
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary, skipped');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toEqual({
		enabled: false,
		skippedReason: 'PowerShell 2.0 is too old; 3.0 or later is needed',
	});
});
