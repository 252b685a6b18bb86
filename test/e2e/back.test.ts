/*
Esc goes Back page by page to the first one and Enter comes forward again,
in the built command in a real 80x24 terminal: nothing entered on the way
is lost.
*/
import {afterEach, expect, test} from 'vitest';
import {
	allOf,
	disposeAll,
	fileTimeoutMs,
	fillExchangePage,
	filesIn,
	keys,
	startWizard,
} from '../helpers/e2e.js';

afterEach(disposeAll);

test(
	'Back to the first page and forward again keeps every field',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({scenario: 'contoso-2019'});
		await fillExchangePage(run, 'k2svc@contoso.com');
		await run.press(keys.enter, allOf('Step 2 of 6', 'Enter next'));
		await run.press(keys.enter, 'Step 3 of 6');
		await run.press(keys.tab, '› [x] Enable standard');
		await run.press(keys.tab, '› [ ] Enable administrative');
		await run.press(keys.space, '› [x] Enable administrative');
		await run.press(keys.enter, 'Step 4 of 6');
		await run.press(keys.tab, '› Service account');
		await run.type(String.raw`CONTOSO\svc-k2`);

		// Back, page by page.
		await run.press(keys.escape, 'Step 3 of 6');
		expect(run.terminal.screen()).toContain('[x] Enable administrative');
		await run.press(keys.escape, allOf('Step 2 of 6', 'Enter next'));
		const first = await run.press(keys.escape, 'Step 1 of 6');
		expect(first).toContain('[x] Use Exchange for mail integration');
		expect(first).toContain('Email address: k2svc@contoso.com');

		// Forward again: the same choices are waiting on every page.
		await run.press(keys.enter, allOf('Step 2 of 6', 'Enter next'));
		const configuration = await run.press(keys.enter, 'Step 3 of 6');
		expect(configuration).toContain('[x] Enable standard');
		expect(configuration).toContain('[x] Enable administrative');
		const accounts = await run.press(keys.enter, 'Step 4 of 6');
		expect(accounts).toMatch(/Service account: +CONTOSO\\svc-k2/);
		expect(filesIn(run.folder)).toEqual([]);
	},
);
