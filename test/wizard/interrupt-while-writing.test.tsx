/*
Ctrl+C while the configuration is being written: the write is let finish,
and the run ends as it went (applied, or interrupted when the write failed),
so what the administrator is told matches what is on disk. The write is
held open here, which a real disk does only for a moment.
*/
import {afterEach, expect, test} from 'vitest';
import App from '../../source/app.js';
import {checkRights} from '../../source/detection/rights.js';
import {startDetection} from '../../source/detection/run.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {Environment} from '../../source/environment/types.js';
import type {WizardResult} from '../../source/wizard/types.js';
import {keys} from '../helpers/keys.js';
import {renderTerminal, type Terminal} from '../helpers/terminal.js';

let terminal: Terminal | undefined;
let environment: Environment | undefined;
afterEach(async () => {
	terminal?.unmount();
	await environment?.dispose();
});

async function summaryWithHeldWrite(writeFails: boolean) {
	environment = createSimulatedEnvironment(await loadScenario('contoso-2019'));
	let release: () => void = () => undefined;
	const held = new Promise<void>(resolve => {
		release = resolve;
	});
	let finished: WizardResult | undefined;
	let settle: (result: WizardResult) => void = () => undefined;
	const result = new Promise<WizardResult>(resolve => {
		settle = resolve;
	});
	const screen = await renderTerminal(
		<App
			services={{startDetection, checkRights}}
			options={{
				environment,
				initialAnswers: {
					useExchange: true,
					email: 'k2svc@contoso.com',
					serviceAccount: String.raw`CONTOSO\svc-k2`,
				},
				configPath: '/k2.json',
				async apply() {
					await held;
					if (writeFails) {
						throw new Error('disk full');
					}

					return {configPath: '/k2.json', backupPath: null, changed: true};
				},
				async saveAnswers() {
					return '/answers.json';
				},
			}}
			onFinish={outcome => {
				finished = outcome;
				settle(outcome);
			}}
		/>,
	);
	terminal = screen;
	for (const step of ['Step 2 of 6', 'Step 3 of 6', 'Step 4 of 6']) {
		// eslint-disable-next-line no-await-in-loop
		await screen.press(keys.enter);
		// eslint-disable-next-line no-await-in-loop
		await screen.waitForFrame(
			frame => frame.includes(step) && !frame.includes('Esc cancel checks'),
		);
	}

	await screen.press(keys.enter);
	await screen.waitForFrame(frame => frame.includes('Step 5 of 6'));
	await screen.press(keys.enter);
	await screen.waitForFrame(frame =>
		frame.includes('Writing the configuration'),
	);
	await screen.press(keys.ctrlC);
	return {
		screen,
		result,
		release,
		finished: () => finished,
	};
}

test('Ctrl+C during the write waits for it and ends the run as applied', async () => {
	const run = await summaryWithHeldWrite(false);
	// Nothing is decided while the write is still under way.
	expect(run.finished()).toBeUndefined();
	run.release();
	const result = await run.result;
	expect(result).toMatchObject({kind: 'applied', configPath: '/k2.json'});
});

test('Ctrl+C during a write that fails ends the run as interrupted', async () => {
	const run = await summaryWithHeldWrite(true);
	expect(run.finished()).toBeUndefined();
	run.release();
	const result = await run.result;
	expect(result).toEqual({kind: 'interrupted'});
});
