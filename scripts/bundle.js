// Bundles the command into dist/: app.cjs holds all of it, as one classic
// script, because Node 20 keeps compiled code (V8's code cache) for scripts
// only, and compiling some 2 MB of Ink, React, zod and meow is what a start
// spends most on. The modules a run does not use are bundled but never run:
// `--help` and scripted runs never initialise Ink or React. dist/cli.cjs,
// the package's bin, answers `--version` alone and runs app.cjs through the
// cache (see source/start.cts and source/code-cache.ts).
import {createHash} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import {build} from 'esbuild';
import {dependencyPatches} from './bundle-patches.js';

await rm('dist', {recursive: true, force: true});

await build({
	entryPoints: {app: 'source/cli.tsx'},
	outdir: 'dist',
	outExtension: {'.js': '.cjs'},
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	// Whitespace and comments only: names stay as written, for stack traces.
	// A smaller file reads faster, and without comments it is pure ASCII
	// (esbuild escapes the rest), which code-cache.ts relies on.
	minifyWhitespace: true,
	charset: 'ascii',
	sourcemap: false,
	legalComments: 'none',
	define: {
		// React checks NODE_ENV at run time; pinning it drops the development
		// build and its warnings from the bundle.
		'process.env.NODE_ENV': '"production"',
		// A classic script has no import.meta; the banner makes one that
		// points at the bundle, which sits where the ES modules did.
		'import.meta': 'importMeta',
	},
	banner: {
		js: [
			"const importMeta = {url: require('node:url').pathToFileURL(__filename).href,",
			'\tdirname: __dirname, filename: __filename};',
		].join('\n'),
	},
	plugins: dependencyPatches,
	logLevel: 'warning',
});

const app = await readFile('dist/app.cjs');
const notAscii = app.findIndex(byte => byte > 0x7f);
if (notAscii !== -1) {
	throw new Error(
		`dist/app.cjs holds a byte that is not ASCII at ${notAscii}; source/code-cache.ts reads it as Latin-1.`,
	);
}

const appHash = createHash('sha256').update(app).digest('hex').slice(0, 16);

await build({
	entryPoints: {cli: 'source/start.cts'},
	outdir: 'dist',
	outExtension: {'.js': '.cjs'},
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	define: {appHash: JSON.stringify(appHash)},
	banner: {js: '#!/usr/bin/env node'},
	logLevel: 'warning',
});
