/*
Ctrl+C on every screen of the wizard: the built command quits at once with
130, leaves nothing in the configuration folder (no configuration, backup,
temporary file or answer file) and gives the terminal back as it was.

One row per screen: a screen added later is one more row.
*/
import {afterEach, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {
	detectingSettled,
	disposeAll,
	fileTimeoutMs,
	filesIn,
	keys,
	prose,
	startWizard,
	toAccounts,
	toConfiguration,
	toSummary,
	type WizardRun,
} from '../helpers/e2e.js';
import type {Match} from '../helpers/pty.js';

afterEach(disposeAll);

/** Pre-filled so Enter walks from page to page. */
const answers: Answers = {
	useExchange: true,
	email: 'k2svc@contoso.com',
	standard: true,
	administrative: true,
	serviceAccount: String.raw`CONTOSO\svc-k2`,
};

type Row = {
	readonly screen: string;
	readonly scenario: string;
	readonly answers?: Answers;
	/** From the first page to the screen. */
	readonly reach: (run: WizardRun) => Promise<unknown>;
	/** What shows that the screen is up, just before Ctrl+C. */
	readonly shows: Match;
};

const rows: Row[] = [
	{
		screen: 'Exchange, the first field',
		scenario: 'contoso-2019',
		reach: async () => undefined,
		shows: '› [ ] Use Exchange for mail integration',
	},
	{
		screen: 'Exchange, typing the email address',
		scenario: 'contoso-2019',
		async reach(run) {
			await run.press(keys.tab, '› [x] Use Autodiscover');
			await run.press(keys.tab, '› Email address');
			await run.type('k2svc@con');
		},
		shows: '› Email address: k2svc@con',
	},
	{
		screen: 'Detecting, while a check runs',
		scenario: 'hanging-servers',
		answers,
		reach: async run => run.press(keys.enter, 'Esc cancel checks'),
		shows: screen =>
			/Exchange servers +checking/.test(screen) &&
			screen.includes('✔ Autodiscover'),
	},
	{
		screen: 'Detecting, after the checks',
		scenario: 'contoso-2019',
		answers,
		reach: detectingSettled,
		shows: 'Proposal:',
	},
	{
		screen: 'Configuration',
		scenario: 'contoso-2019',
		answers,
		reach: toConfiguration,
		shows: '› (•) Configure Exchange On-premises',
	},
	{
		screen: 'Configuration, server dropdown open',
		scenario: 'contoso-2019',
		answers,
		async reach(run) {
			await toConfiguration(run);
			await run.press(keys.tab, '› [x] Enable standard');
			await run.press(keys.tab, '› [x] Enable administrative');
			await run.press(keys.tab, '› Exchange Server');
			await run.press(keys.space, 'Esc close');
		},
		shows: 'Enter choose',
	},
	{
		screen: 'Accounts',
		scenario: 'contoso-2019',
		answers,
		reach: toAccounts,
		shows: String.raw`Recipient Management for CONTOSO\svc-k2`,
	},
	{
		screen: 'Summary',
		scenario: 'contoso-2019',
		answers,
		reach: toSummary,
		shows: 'Save answer file only',
	},
	{
		screen: 'Summary, integration off',
		scenario: 'contoso-2019',
		reach: async run => run.press(keys.enter, 'Step 5 of 6'),
		shows: 'Save answer file only',
	},
	{
		screen: 'Help, over the Summary',
		scenario: 'contoso-2019',
		answers,
		async reach(run) {
			await toSummary(run);
			await run.press(keys.f1, 'Help: Summary');
		},
		shows: 'Esc close help',
	},
	{
		screen: 'Help, over the first page (? key)',
		scenario: 'contoso-2019',
		reach: async run => run.press('?', 'Help: Exchange'),
		shows: 'Esc close help',
	},
	{
		screen: 'Page not shown: PowerShell 2.0',
		scenario: 'legacy-2013-ps2',
		answers,
		async reach(run) {
			await detectingSettled(run);
			await run.press(keys.enter, 'This page is not shown.');
		},
		shows: 'Why: PowerShell 2.0 is too old',
	},
	{
		screen: 'Page not shown: upgrade install',
		scenario: 'upgrade-install',
		answers,
		async reach(run) {
			await detectingSettled(run);
			await run.press(keys.enter, 'This page is not shown.');
		},
		shows: 'Why: This is an upgrade',
	},
];

test.each(rows)(
	'Ctrl+C on $screen: exit 130, nothing written, terminal restored',
	async row => {
		const run = startWizard({scenario: row.scenario, answers: row.answers});
		await run.see('Step 1 of 6');
		await row.reach(run);
		await run.see(row.shows);

		run.terminal.write(keys.ctrlC);
		const exit = await run.exit();
		expect(exit.code).toBe(130);
		expect(filesIn(run.folder)).toEqual([]);
		expect(prose(run.terminal.screen())).toContain(
			'Interrupted; nothing was written.',
		);
	},
	fileTimeoutMs,
);

test(
	'Ctrl+C on Done, after applying: the run ends as applied (exit 0), the files stay, terminal restored',
	async () => {
		const run = startWizard({scenario: 'contoso-2019', answers});
		await run.see('Step 1 of 6');
		await toSummary(run);
		await run.press(keys.enter, 'Step 6 of 6');
		const written = filesIn(run.folder);
		expect(written).toEqual(['answers.json', 'config.json']);

		run.terminal.write(keys.ctrlC);
		const exit = await run.exit();
		// Everything was written already: saying otherwise would mislead.
		expect(exit.code).toBe(0);
		expect(filesIn(run.folder)).toEqual(written);
		expect(prose(run.terminal.screen())).toContain(
			`Configuration written to ${run.configPath}`,
		);
	},
	fileTimeoutMs,
);

test.each(['SIGINT', 'SIGTERM'])(
	'%s from outside, while a check runs: exit 130, nothing written, terminal restored',
	async signal => {
		const run = startWizard({scenario: 'hanging-servers', answers});
		await run.see('Step 1 of 6');
		await run.press(keys.enter, 'Esc cancel checks');
		await run.see(screen => /Exchange servers +checking/.test(screen));

		run.terminal.kill(signal);
		const exit = await run.exit();
		expect(exit.code).toBe(130);
		expect(filesIn(run.folder)).toEqual([]);
	},
	fileTimeoutMs,
);
