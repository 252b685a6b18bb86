import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

test('on-premises standard integration, typed in from a blank start', async () => {
	terminal = await renderWizard({scenario: 'contoso-2019'});
	const user = walk(terminal);
	await user.shot('1 exchange, as it opens');

	await user.press('space');
	await user.press('tab');
	await user.press('tab');
	await user.type('k2svc@contoso.com');
	await user.until('k2svc@contoso.com');
	await user.shot('1 exchange, filled in');

	await user.press('enter');
	await user.until('Detecting');
	await settled(terminal);
	await user.shot('2 detecting, settled');

	await user.press('enter');
	await user.until('Configure Exchange On-premises');
	await user.shot('3 configuration, as proposed');

	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('enter');
	await user.until('› Service account');
	await user.shot('4 accounts, service account missing');

	await user.type(String.raw`CONTOSO\svc-k2`);
	await user.until(String.raw`account:          CONTOSO\svc-k2`);
	await user.shot('4 accounts, rights checked');

	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary');
	await user.press('pageDown');
	await user.until('PgUp');
	await user.shot('5 summary, scrolled');

	await user.press('enter');
	await user.until('Done');
	await user.shot('6 done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind).toBe('applied');
	if (result.kind !== 'applied') {
		return;
	}

	const written = JSON.parse(
		await readFile(path.join(terminal.folder, 'k2-exchange.json'), 'utf8'),
	) as unknown;
	expect(written).toEqual(result.document);
	expect(
		result.document.serviceInstances.map(instance => instance.name),
	).toEqual(['Exchange Management', 'Exchange Meta Data']);
	expect(result.answers).toMatchObject({
		useExchange: true,
		email: 'k2svc@contoso.com',
		server: 'exch01.contoso.com',
		serviceAccount: String.raw`CONTOSO\svc-k2`,
	});
});
