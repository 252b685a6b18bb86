import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('integration off records that nothing is configured', async () => {
	terminal = await renderWizard({scenario: 'contoso-2019'});
	const user = walk(terminal);
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary, nothing configured');
	await user.press('enter');
	await user.until('Done');
	await user.shot('6 done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind).toBe('applied');
	const written = JSON.parse(
		await readFile(path.join(terminal.folder, 'k2-exchange.json'), 'utf8'),
	) as unknown;
	expect(written).toEqual({
		schemaVersion: 1,
		exchange: {
			enabled: false,
			skippedReason: 'Use Exchange for mail integration is off',
		},
		serviceInstances: [],
		environmentLibrary: [],
	});
});
