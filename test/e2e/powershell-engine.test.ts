/*
The wizard with the real probe scripts in a real PowerShell (--engine
powershell), in the built command in a real 80x24 terminal. Without pwsh
these tests are skipped with a loud warning, and fail in CI.
*/
import {afterEach, expect, test} from 'vitest';
import {
	allOf,
	disposeAll,
	fileTimeoutMs,
	filesIn,
	keys,
	startWizard,
} from '../helpers/e2e.js';
import {noPwsh} from '../helpers/pwsh.js';

afterEach(disposeAll);

const answers = {
	useExchange: true,
	email: 'k2svc@contoso.com',
	serviceAccount: String.raw`CONTOSO\svc-k2`,
};

/** PowerShell takes seconds to start, more on a loaded machine. */
const pwshTimeoutMs = 60_000;

test.skipIf(noPwsh)(
	'detection through real PowerShell reaches the configuration page',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({
			scenario: 'contoso-2019',
			answers,
			flags: ['--engine', 'powershell'],
		});
		await run.see('Step 1 of 6');
		await run.press(keys.enter, 'Step 2 of 6');
		await run.see(allOf('Step 2 of 6', 'Enter next'), pwshTimeoutMs);
		for (const label of ['PowerShell', 'Exchange servers', 'Permissions']) {
			expect(run.check(label), label).toMatch(/^│ ✔ /);
		}

		const configuration = await run.press(keys.enter, 'Step 3 of 6');
		expect(configuration).toContain('Exchange Server: exch01.contoso.com');

		run.terminal.write(keys.ctrlC);
		const exit = await run.exit();
		expect(exit.code).toBe(130);
		expect(filesIn(run.folder)).toEqual([]);
	},
);

test.skipIf(noPwsh)(
	'a PowerShell call that hangs is cancelled with Esc and run again with R',
	{timeout: fileTimeoutMs},
	async () => {
		const run = startWizard({
			scenario: 'hanging-servers',
			answers,
			flags: ['--engine', 'powershell'],
		});
		await run.see('Step 1 of 6');
		await run.press(keys.enter, 'Esc cancel checks');
		await run.see(
			screen =>
				screen.includes('✔ View-Only Org Mgmt') &&
				/Exchange servers +checking/.test(screen),
			pwshTimeoutMs,
		);
		const cancelled = await run.press(keys.escape, 'R retry failed');
		expect(run.check('Exchange servers')).toMatch(/✖ .* cancelled/);
		expect(cancelled).toContain('Step 2 of 6');

		const mark = run.terminal.output().length;
		run.terminal.write('r');
		await run.see(
			() => run.terminal.output().slice(mark).includes('checking'),
			pwshTimeoutMs,
		);
		run.terminal.write(keys.ctrlC);
		const exit = await run.exit();
		expect(exit.code).toBe(130);
		expect(filesIn(run.folder)).toEqual([]);
	},
);
