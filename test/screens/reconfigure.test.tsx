import {afterEach, expect, test} from 'vitest';
import {answersFromConfiguration} from '../../source/answers/from-configuration.js';
import {createPlan} from '../../source/plan/plan.js';
import {settled, walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

// What an earlier install wrote: standard integration only, without
// Autodiscover, against the server by name.
const existing = createPlan({
	answers: {
		useExchange: true,
		autodiscover: false,
		email: 'k2svc@contoso.com',
		deployment: 'on-premises',
		standard: true,
		administrative: false,
		server: 'exch16.contoso.com',
		exchangeVersion: '2016',
		authentication: 'impersonate',
		serviceAccount: String.raw`CONTOSO\svc-k2`,
	},
});

test('reconfigure starts from the configuration on disk and shows the difference', async () => {
	terminal = await renderWizard({
		scenario: 'reconfigure-2016',
		installMode: 'reconfigure',
		existing,
		answers: answersFromConfiguration(existing),
	});
	const user = walk(terminal);
	await user.shot('1 exchange, from the existing configuration');
	await user.press('enter');
	await settled(terminal);
	await user.press('enter');
	await user.until('Configure Exchange On-premises');
	await user.press('tab');
	await user.press('tab');
	await user.press('space');
	await user.until('[x] Enable administrative');
	await user.shot('3 configuration, administrative added');
	await user.press('enter');
	await user.until('Accounts and permissions');
	// The account was kept in the configuration, so nothing is asked again.
	await user.until(String.raw`account:          CONTOSO\svc-k2`);
	await user.shot('4 accounts, service account from the configuration');
	await user.press('enter');
	await user.until('Summary');
	await user.shot('5 summary');
	await user.press('pageDown');
	await user.until('PgUp');
	await user.shot('5 summary, changes');
	await user.press('enter');
	await user.until('Done');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind === 'applied' && result.document.exchange).toMatchObject({
		administrative: true,
		standard: true,
	});
	expect(result.kind === 'applied' && result.answers.serviceAccount).toBe(
		String.raw`CONTOSO\svc-k2`,
	);
});
