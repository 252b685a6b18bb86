/*
A failure outside React while the wizard runs (here a signal handler that
throws) ends the run with the terminal given back, as every other way out
does, instead of leaving it raw on the alternate screen.
*/
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {dependencyPatches} from '../../scripts/bundle-patches.js';
import {expectRestored, fileTimeoutMs, prose} from '../helpers/e2e.js';
import {startApp} from '../helpers/pty.js';

const root = path.resolve(import.meta.dirname, '../..');
mkdirSync(path.join(root, 'build'), {recursive: true});
// Inside the repository, so the fixture finds scenarios/ as the app does.
const work = mkdtempSync(path.join(root, 'build', 'crash-'));
const fixture = path.join(work, 'crashing-wizard.mjs');

beforeAll(async () => {
	await build({
		entryPoints: [
			path.join(import.meta.dirname, '../fixtures/crashing-wizard.ts'),
		],
		outfile: fixture,
		bundle: true,
		platform: 'node',
		format: 'esm',
		jsx: 'automatic',
		define: {'process.env.NODE_ENV': '"production"'},
		// As the app is bundled, which leaves React DevTools out.
		plugins: dependencyPatches,
		// The CommonJS packages inside (signal-exit) require node's modules.
		banner: {
			js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);",
		},
		logLevel: 'warning',
	});
}, 60_000);

afterAll(() => {
	rmSync(work, {recursive: true, force: true});
});

test(
	'a failure outside React ends the wizard with the terminal restored',
	async () => {
		const terminal = startApp([], {program: fixture});
		try {
			await terminal.waitFor('Step 1 of 6', 30_000);
			terminal.kill('SIGUSR2');
			const exit = await terminal.exited(30_000);
			expect(exit.code).toBe(1);
			expect(prose(terminal.screen())).toContain(
				'unexpected error: a handler outside React failed',
			);
			expectRestored(terminal, exit);
		} finally {
			terminal.dispose();
		}
	},
	fileTimeoutMs,
);
