/*
`ink-testing-library` with an 80x24 terminal. Its fake stdout reports 100
columns and no rows, and takes no size option, so the size is set once on
its prototype here, before any test renders.
*/
import {stripVTControlCharacters} from 'node:util';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

export const columns = 80;
export const rows = 24;

const probe = render(<Text />);
for (const [name, value] of [
	['columns', columns],
	['rows', rows],
] as const) {
	Object.defineProperty(Object.getPrototypeOf(probe.stdout), name, {
		get: () => value,
		configurable: true,
	});
}

probe.unmount();
probe.cleanup();

export type Terminal = ReturnType<typeof render> & {
	/** The last frame as plain text. */
	screen(): string;
	/** Sends one key, then lets Ink and React handle it. */
	press(key: string): Promise<void>;
	/** Resolves with the first frame that passes; rejects with the last one after the timeout. */
	waitForFrame(
		test: (screen: string) => boolean,
		timeoutMs?: number,
	): Promise<string>;
};

export async function tick(): Promise<void> {
	await new Promise(resolve => {
		setImmediate(resolve);
	});
}

async function settle(): Promise<void> {
	await tick();
	await tick();
	await new Promise(resolve => {
		setTimeout(resolve, 0);
	});
}

export async function renderTerminal(tree: ReactElement): Promise<Terminal> {
	const instance = render(tree);
	// Announce each frame, so a wait ends as soon as the screen changes.
	const {write} = instance.stdout;
	instance.stdout.write = (frame: string) => {
		write(frame);
		instance.stdout.emit('frame');
	};

	const screen = () => stripVTControlCharacters(instance.lastFrame() ?? '');
	// Input written before useInput subscribes is lost.
	await tick();
	return {
		...instance,
		screen,
		async press(key) {
			// React runs effects (where inputs subscribe) after a frame is
			// drawn; let them run before the key and after it.
			await settle();
			instance.stdin.write(key);
			await settle();
		},
		async waitForFrame(test, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const current = screen();
				if (test(current)) {
					return current;
				}

				if (Date.now() > deadline) {
					throw new Error(
						`No frame matched within ${timeoutMs} ms; the last was:\n${current}`,
					);
				}

				// eslint-disable-next-line no-await-in-loop
				await new Promise<void>(resolve => {
					const done = () => {
						clearTimeout(timer);
						instance.stdout.off('frame', done);
						resolve();
					};

					// A frame may be due to time alone (a spinner, a slow check),
					// so look again now and then even without one.
					const timer = setTimeout(done, 50);
					instance.stdout.on('frame', done);
				});
			}
		},
	};
}

/**
A screen as a snapshot stores it: plain text, durations and spinner frames
replaced by tokens of the same width, since timing varies from run to run.
*/
export function normalise(screen: string): string {
	return screen
		.replaceAll(/\b\d+(?:\.\d+)? m?s\b/g, match => 't'.padEnd(match.length))
		.replaceAll(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '*');
}
