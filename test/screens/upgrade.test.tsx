import {readdir} from 'node:fs/promises';
import {afterEach, expect, test} from 'vitest';
import {walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('an upgrade keeps the configuration and writes nothing', async () => {
	terminal = await renderWizard({
		scenario: 'upgrade-install',
		installMode: 'upgrade',
		answers: {useExchange: true, email: 'k2svc@contoso.com'},
	});
	const user = walk(terminal);
	await user.press('enter');
	await user.until('This page is not shown');
	await user.shot('3 not shown, upgrade');
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary, nothing written');
	await user.press('enter');
	await user.until('Done');
	await user.shot('6 done, not changed');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind).toBe('skipped');
	expect(await readdir(terminal.folder)).toEqual([]);
});
