import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {build, type Plugin} from 'esbuild';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	ansiSameStyles,
	dependencyPatches,
	inkFrameCaches,
	sliceAnsiLazySegmenter,
	stringWidthFastPath,
	tokenizeNarrowLines,
	yogaSynchronous,
	yogaWithoutAwait,
} from '../../scripts/bundle-patches.js';
import {narrowCharacters} from '../../scripts/narrow-characters.js';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'k2-patches-'));
type StringWidth = (text: string) => number;
type Versions = Array<{
	file: string;
	original: StringWidth;
	patched: StringWidth;
}>;
let versions: Versions = [];

/** Every string-width file the bundled Ink uses. */
async function stringWidthFiles(): Promise<string[]> {
	const {metafile} = await build({
		stdin: {contents: "import 'ink';", resolveDir: root},
		bundle: true,
		write: false,
		metafile: true,
		platform: 'node',
		format: 'esm',
		logLevel: 'silent',
		external: ['react-devtools-core'],
	});
	return Object.keys(metafile.inputs).filter(input =>
		/string-width[/\\]index\.js$/.test(input),
	);
}

/** Ink loads React DevTools only when DEV=true; it is not installed. */
const noDevtools: Plugin = {
	name: 'no-devtools',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'react-devtools-core',
			namespace: 'absent',
		}));
		build.onLoad({filter: /.*/, namespace: 'absent'}, () => ({
			contents: 'export default {};',
		}));
	},
};

/** Bundles `contents` (resolved as Ink resolves) and imports it. */
async function bundled<T>(
	contents: string,
	name: string,
	plugins: Plugin[],
): Promise<T> {
	const outfile = path.join(work, `${name}.mjs`);
	await build({
		stdin: {contents, resolveDir: path.join(root, 'node_modules', 'ink')},
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		logLevel: 'silent',
		define: {'process.env.NODE_ENV': '"production"'},
		plugins: [...plugins, noDevtools],
	});
	return (await import(outfile)) as T;
}

async function load(
	file: string,
	name: string,
	plugins: Plugin[],
): Promise<StringWidth> {
	const module = await bundled<{default: StringWidth}>(
		`export {default} from ${JSON.stringify(path.join(root, file))};`,
		name,
		plugins,
	);
	return module.default;
}

beforeAll(async () => {
	const files = await stringWidthFiles();
	versions = await Promise.all(
		files.map(async (file, index) => ({
			file,
			original: await load(file, `original-${index}`, []),
			patched: await load(file, `patched-${index}`, [stringWidthFastPath]),
		})),
	);
}, 60_000);

afterAll(() => {
	rmSync(work, {recursive: true, force: true});
});

function narrowCodePoints(): number[] {
	const narrow = new RegExp(`^[${narrowCharacters}]$`);
	const points: number[] = [];
	for (let point = 0; point <= 0xff_ff; point++) {
		if (narrow.test(String.fromCodePoint(point))) {
			points.push(point);
		}
	}

	return points;
}

describe('the string-width fast path', () => {
	test('Ink uses both string-width versions the patch knows', () => {
		expect(versions.length).toBeGreaterThanOrEqual(2);
	});

	test('every narrow character is one column in the real string-width and a grapheme of its own', () => {
		const points = narrowCodePoints();
		// Some 865 characters: the class must not have shrunk to nothing.
		expect(points.length).toBeGreaterThan(800);
		const segmenter = new Intl.Segmenter();
		const wrong: string[] = [];
		for (const point of points) {
			const character = String.fromCodePoint(point);
			for (const {file, original} of versions) {
				if (original(character) !== 1) {
					wrong.push(`U+${point.toString(16)} in ${file}`);
				}
			}

			if ([...segmenter.segment(`a${character}b`)].length !== 3) {
				wrong.push(`U+${point.toString(16)} joins its neighbours`);
			}
		}

		expect(wrong).toEqual([]);
	});

	test('the patched string-width measures as the original does', () => {
		const all = narrowCodePoints()
			.map(point => String.fromCodePoint(point))
			.join('');
		const samples = [
			'',
			'plain',
			all,
			'╭─ Exchange ─╮ › (•) … ↑ 3 more ▾',
			'\u001B[36m› Exchange Server\u001B[39m',
			'✔ passed ⚠ warning ✖ failed',
			'日本語のテキスト',
			'e\u0301 combining',
			'👍🏽 family 👨‍👩‍👧',
			'tab\there',
			'\u00AD soft hyphen',
			'\u200B zero width',
			'keycap 1\u20E3',
		];
		for (const {file, original, patched} of versions) {
			for (const sample of samples) {
				expect(patched(sample), `${file}: ${JSON.stringify(sample)}`).toBe(
					original(sample),
				);
			}
		}
	});
});

describe('the dependency patches', () => {
	test('each applies to the installed packages when the CLI is bundled', async () => {
		// A patch whose text is gone fails the build with its name.
		await expect(
			build({
				entryPoints: [path.join(root, 'source/cli.tsx')],
				bundle: true,
				write: false,
				outdir: path.join(work, 'cli'),
				platform: 'node',
				// As scripts/bundle.js builds it: a classic script, which holds
				// no top-level await (the patches take them out of Ink and yoga).
				format: 'cjs',
				define: {'import.meta': 'importMeta'},
				logLevel: 'silent',
				plugins: dependencyPatches,
			}),
		).resolves.toBeDefined();
	});
});

/** Lines as Ink's Text writes them: colours, bold, dim, nested and reset. */
const styledLines = [
	'',
	'plain text, no styles',
	'\u001B[36m› Exchange Server\u001B[39m: exch01',
	'\u001B[1m\u001B[2mbold and dim\u001B[22m then plain',
	'\u001B[2m\u001B[36mdim cyan\u001B[39m dim only\u001B[22m',
	'a\u001B[31mb\u001B[32mc\u001B[39md\u001B[4me\u001B[24m',
	'\u001B[7m inverse \u001B[27m  \u001B[90mgrey\u001B[39m',
	'\u001B[38;2;255;0;0mtrue colour\u001B[39m ╭─╮ ✔',
];

describe('the ANSI style comparison', () => {
	type Tokenize = {
		tokenize: (text: string) => unknown[];
		styledCharsFromTokens: (tokens: unknown[]) => unknown[];
		styledCharsToString: (chars: unknown[]) => string;
	};
	const entry =
		"export {tokenize, styledCharsFromTokens, styledCharsToString} from '@alcalzone/ansi-tokenize';";

	test('neighbours with the same styles give the same text as before', async () => {
		const original = await bundled<Tokenize>(entry, 'ansi-original', []);
		const patched = await bundled<Tokenize>(entry, 'ansi-patched', [
			ansiSameStyles,
		]);
		for (const line of styledLines) {
			const chars = original.styledCharsFromTokens(original.tokenize(line));
			expect(patched.styledCharsToString(chars), JSON.stringify(line)).toBe(
				original.styledCharsToString(chars),
			);
		}
	});
});

describe('grapheme splitting without a segmenter for narrow lines', () => {
	type Tokenize = {tokenize: (text: string) => unknown[]};
	type Slice = {default: (text: string, start: number, end?: number) => string};
	const samples = [
		...styledLines,
		'╭─ Exchange ─╮ › (•) … ↑ 3 more ▾ ⠋',
		'日本語 \u001B[1mwide\u001B[22m',
		'e\u0301 combining, a\u0308',
		'👍🏽 family 👨‍👩‍👧 flag 🇬🇧 keycap 1\u20E3',
		'\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007',
		'tab\there \u00AD soft',
	];

	test('ansi-tokenize cuts every line as the segmenter does', async () => {
		const entry = "export {tokenize} from '@alcalzone/ansi-tokenize';";
		const original = await bundled<Tokenize>(entry, 'tokenize-original', []);
		const patched = await bundled<Tokenize>(entry, 'tokenize-patched', [
			tokenizeNarrowLines,
		]);
		const all = narrowCodePoints()
			.map(point => String.fromCodePoint(point))
			.join('');
		for (const sample of [...samples, all, `\u001B[36m${all}\u001B[39m`]) {
			expect(patched.tokenize(sample), JSON.stringify(sample)).toEqual(
				original.tokenize(sample),
			);
		}
	});

	test('slice-ansi slices as before', async () => {
		const entry = "export {default} from 'slice-ansi';";
		const original = await bundled<Slice>(entry, 'slice-original', []);
		const patched = await bundled<Slice>(entry, 'slice-patched', [
			sliceAnsiLazySegmenter,
		]);
		for (const sample of samples) {
			for (const [start, end] of [
				[0, 3],
				[2, 9],
				[1, undefined],
			] as const) {
				expect(
					patched.default(sample, start, end),
					`${JSON.stringify(sample)} ${start}-${end}`,
				).toBe(original.default(sample, start, end));
			}
		}
	});
});

describe('yoga without a top-level await', () => {
	test('the layout engine is ready when its module has run, and lays out', async () => {
		type Yoga = {
			default: {
				Node: {create: () => YogaNode};
				DIRECTION_LTR: number;
				FLEX_DIRECTION_ROW: number;
			};
		};
		type YogaNode = {
			setWidth: (width: number) => void;
			setHeight: (height: number) => void;
			setFlexDirection: (direction: number) => void;
			setFlexGrow: (grow: number) => void;
			insertChild: (child: YogaNode, index: number) => void;
			calculateLayout: (w?: number, h?: number, d?: number) => void;
			getComputedWidth: () => number;
			getComputedLeft: () => number;
		};
		const {default: yoga} = await bundled<Yoga>(
			"export {default} from 'yoga-layout';",
			'yoga-synchronous',
			[yogaSynchronous, yogaWithoutAwait],
		);
		const root = yoga.Node.create();
		root.setWidth(80);
		root.setHeight(24);
		root.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
		const left = yoga.Node.create();
		const right = yoga.Node.create();
		left.setWidth(30);
		right.setFlexGrow(1);
		root.insertChild(left, 0);
		root.insertChild(right, 1);
		root.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
		expect(right.getComputedLeft()).toBe(30);
		expect(right.getComputedWidth()).toBe(50);
	});
});

describe("Ink's caches kept from frame to frame", () => {
	type Ink = {
		renderToString: (node: unknown, options?: {columns?: number}) => string;
		createElement: (
			type: unknown,
			props: unknown,
			...children: unknown[]
		) => unknown;
		Box: unknown;
		Text: unknown;
	};
	const entry =
		"export {renderToString, Box, Text} from 'ink'; export {createElement} from 'react';";

	test('frame after frame, the output is the one fresh caches give', async () => {
		// Colours on, so the frames carry styles (chalk reads this on loading).
		const forceColor = process.env['FORCE_COLOR'];
		process.env['FORCE_COLOR'] = '1';
		let original: Ink;
		let patched: Ink;
		try {
			original = await bundled<Ink>(entry, 'ink-original', []);
			patched = await bundled<Ink>(entry, 'ink-patched', [inkFrameCaches]);
		} finally {
			if (forceColor === undefined) {
				delete process.env['FORCE_COLOR'];
			} else {
				process.env['FORCE_COLOR'] = forceColor;
			}
		}

		// Many frames, sharing lines and not, past the caches' size limit.
		const frame = (ink: Ink, step: number) =>
			ink.renderToString(
				ink.createElement(
					ink.Box,
					{flexDirection: 'column', borderStyle: 'round', width: 40},
					...Array.from({length: 12}, (_, row) =>
						ink.createElement(
							ink.Text,
							{
								key: row,
								color: row === step % 12 ? 'cyan' : undefined,
								bold: row % 3 === 0,
								wrap: 'truncate-end',
							},
							`row ${row} ${row % 2 === 0 ? 'same' : `step ${step}`} ${'x'.repeat(step % 50)}`,
						),
					),
				),
				{columns: 60},
			);
		expect(frame(original, 1)).toContain('\u001B[36m');
		for (let step = 0; step < 120; step++) {
			expect(frame(patched, step), `frame ${step}`).toBe(frame(original, step));
		}
	}, 60_000);
});
