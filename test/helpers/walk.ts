/*
Driving the wizard as an administrator would: one key at a time, waiting
for the screen each key leads to, and snapshotting every screen on the way.
*/
import {expect} from 'vitest';
import {keys} from './keys.js';
import {normalise} from './terminal.js';
import type {WizardTerminal} from './wizard.js';

export type Walk = {
	/** Presses a key, `times` times over, one press per write. */
	press(key: keyof typeof keys, times?: number): Promise<void>;
	type(text: string): Promise<void>;
	/** Waits until the screen shows the text. */
	until(text: string): Promise<string>;
	/** Snapshots the screen as a user sees it now, under a name. */
	shot(name: string): Promise<void>;
};

export function walk(terminal: WizardTerminal): Walk {
	return {
		async press(key, times = 1) {
			for (let press = 0; press < times; press++) {
				// eslint-disable-next-line no-await-in-loop
				await terminal.press(keys[key]);
			}
		},
		async type(text) {
			for (const character of text) {
				// eslint-disable-next-line no-await-in-loop
				await terminal.press(character);
			}
		},
		async until(text) {
			return terminal.waitForFrame(screen => screen.includes(text));
		},
		async shot(name) {
			const screen = terminal.screen();
			const lines = screen.split('\n');
			// Every page fits 80x24 with a row and a column to spare.
			expect(lines.length).toBeLessThanOrEqual(23);
			for (const line of lines) {
				expect(line.length).toBeLessThanOrEqual(79);
			}

			// The temporary folder differs from run to run; it is shown as
			// mkdtemp's template, at the same width so the frame stays whole.
			const template = terminal.folder.replace(/.{6}$/, 'XXXXXX');
			expect(
				normalise(screen).replaceAll(terminal.folder, template),
			).toMatchSnapshot(name);
		},
	};
}

/** Waits until detection has settled and the page offers Next. */
export async function settled(terminal: WizardTerminal): Promise<void> {
	await terminal.waitForFrame(screen => screen.includes('Enter next'));
}
