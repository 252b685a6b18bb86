import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build, type Plugin} from 'esbuild';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	dependencyPatches,
	stringWidthFastPath,
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

async function load(
	file: string,
	name: string,
	plugins: Plugin[],
): Promise<StringWidth> {
	const outfile = path.join(work, `${name}.mjs`);
	await build({
		entryPoints: [path.join(root, file)],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		logLevel: 'silent',
		plugins,
	});
	const module = (await import(outfile)) as {default: StringWidth};
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
				splitting: true,
				outdir: path.join(work, 'cli'),
				platform: 'node',
				format: 'esm',
				logLevel: 'silent',
				external: ['react-devtools-core'],
				plugins: dependencyPatches,
			}),
		).resolves.toBeDefined();
	});
});
