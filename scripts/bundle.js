// Bundles the CLI into dist/, so start-up reads a few modules instead of
// hundreds from node_modules. Code splitting keeps what a run does not use
// out of the modules it loads: `--help` and the unattended runs never load
// Ink or React. dist/cli.cjs, the package's bin, answers `--version` alone
// before loading anything (see source/start.cts).
import {rm} from 'node:fs/promises';
import {build} from 'esbuild';
import {dependencyPatches} from './bundle-patches.js';

// Chunk names change with their content; old ones must not linger in dist/.
await rm('dist', {recursive: true, force: true});

await build({
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	entryNames: '[name]',
	// Chunks sit beside cli.js, so every module finds the package files
	// (scenarios/, probes/) at the same place relative to itself.
	chunkNames: '[name]-[hash]',
	bundle: true,
	splitting: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify: false,
	sourcemap: false,
	legalComments: 'none',
	// React checks NODE_ENV at run time; pinning it drops the development
	// build and its warnings from the bundle.
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: [
			'#!/usr/bin/env node',
			"import {createRequire as __createRequire} from 'node:module';",
			'const require = __createRequire(import.meta.url);',
		].join('\n'),
	},
	// Ink loads React DevTools only when DEV=true, and it is not installed;
	// a bundle has no lazy imports, so its module is stood in for here.
	plugins: [
		...dependencyPatches,
		{
			name: 'no-react-devtools',
			setup(build) {
				build.onResolve({filter: /^react-devtools-core$/}, () => ({
					path: 'react-devtools-core',
					namespace: 'absent',
				}));
				build.onLoad({filter: /.*/, namespace: 'absent'}, () => ({
					contents:
						"throw new Error('React DevTools is not part of this build; unset DEV.');",
				}));
			},
		},
	],
	logLevel: 'warning',
});

await build({
	entryPoints: {cli: 'source/start.cts'},
	outdir: 'dist',
	outExtension: {'.js': '.cjs'},
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['./cli.js'],
	banner: {js: '#!/usr/bin/env node'},
	logLevel: 'warning',
});
