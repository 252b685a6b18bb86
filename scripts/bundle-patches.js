// Edits to dependencies, made as esbuild bundles them, that take work off
// the wizard's first frame. Each edit must apply: when a package changes and
// the text is gone, the build fails rather than quietly shipping the slow
// path again. test/bundle/patches.test.ts checks what they change.
import {readFile} from 'node:fs/promises';
import {narrowCharacters, narrowTest} from './narrow-characters.js';

/**
An esbuild plugin that edits dependency files matching `filter` as they are
bundled; `edits` is a list of [from, to] texts, or a function from a file's
source to that list.
*/
function patch(name, filter, edits) {
	return {
		name,
		setup(build) {
			build.onLoad({filter}, async ({path}) => {
				let source = await readFile(path, 'utf8');
				const list = typeof edits === 'function' ? edits(source) : edits;
				for (const [from, to] of list) {
					// A function, so "$" in the new text is taken as it is.
					const patched = source.replaceAll(from, () => to);
					if (patched === source) {
						throw new Error(
							`${name}: ${path} changed, ${JSON.stringify(from)} is gone; see scripts/bundle.js`,
						);
					}

					source = patched;
				}

				return {contents: source, loader: 'js'};
			});
		},
	};
}

/**
The yoga-layout package (Ink's layout engine) compiles its inline
WebAssembly asynchronously and waits for it with a top-level await, which a
classic script cannot hold. Its loader offers a hook for instantiating the
module oneself; here the hook compiles the inline bytes synchronously (which
node allows at any size), so the layout engine is ready as soon as its module
has run, and without fetch(), which would load node's whole HTTP client only
to decode a data: URL.
*/
export const yogaSynchronous = patch(
	'yoga-synchronous',
	/yoga-wasm-base64-esm\.js$/,
	[
		[
			'if(h.instantiateWasm)try{return h.instantiateWasm(d,\na)}',
			[
				'try{',
				'const bytes=Buffer.from(H.slice(H.indexOf(",")+1),"base64");',
				'return a(new WebAssembly.Instance(new WebAssembly.Module(bytes),d)),{}',
				'}',
			].join(''),
		],
	],
);

export const yogaWithoutAwait = patch(
	'yoga-without-await',
	/yoga-layout[/\\]dist[/\\]src[/\\]index\.js$/,
	[
		[
			'const Yoga = wrapAssembly(await loadYoga());',
			'const yogaModule = {};\nloadYoga(yogaModule);\nconst Yoga = wrapAssembly(yogaModule);',
		],
	],
);

/**
Ink connects React DevTools when DEV=true, through a top-level await of a
package that is not installed; a classic script cannot hold the await, so
the bundle has no DevTools, and DEV=true changes nothing.
*/
export const inkWithoutDevtools = patch(
	'ink-without-devtools',
	/ink[/\\]build[/\\]reconciler\.js$/,
	[
		["await import('./devtools.js');", '// React DevTools: not bundled.'],
		['? await loadPackageJson()', "? {name: 'ink', version: undefined}"],
	],
);

/**
The meow package evaluates normalize-package-data, with the SPDX licence
lists, and Babel's code frame (for a package.json that does not parse), as
it loads, though it calls them only to print --help or --version from a
package.json, which this command does itself. They are loaded on the first
call instead.
*/
export const meowLazyNormalize = patch(
	'meow-lazy-normalize',
	/meow[/\\]build[/\\]dependencies\.js$/,
	[
		[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
			'const normalizePackageData = (...arguments_) =>\n\tgetDefaultExportFromCjs(requireNormalize())(...arguments_);',
		],
		// A statement left of a removed feature, whose import alone makes
		// node load child_process at every start.
		["import { execFile } from 'node:child_process';\n", ''],
		['promisify(execFile);\n', ''],
		[
			'var libExports = requireLib$1();',
			[
				'var libExports = {',
				'\tcodeFrameColumns: (...arguments_) =>',
				'\t\trequireLib$1().codeFrameColumns(...arguments_),',
				'};',
			].join('\n'),
		],
	],
);

/**
Ink measures every line with string-width (version 8, and version 7 inside
wrap-ansi). Both build a grapheme segmenter when they load, version 8 also
the Unicode emoji expression, and both compile their expressions on the
first line that is not plain ASCII: some 25 ms before the first frame, for
box-drawing borders and bullets. Here a string of narrow characters (see
narrow-characters.js) is answered by its length, and the segmenter and the
emoji expression are made on first use.
*/
export const stringWidthFastPath = patch(
	'string-width-fast-path',
	/string-width[/\\]index\.js$/,
	source => {
		const lazySegmenter = [
			['const segmenter = new Intl.Segmenter();', 'let segmenter;'],
			[
				'segmenter.segment(string)',
				'(segmenter ??= new Intl.Segmenter()).segment(string)',
			],
		];
		// Version 7 takes its emoji expression from emoji-regex.
		if (source.includes("from 'emoji-regex'")) {
			return [
				...lazySegmenter,
				[
					'\tlet width = 0;\n\tconst eastAsianWidthOptions',
					`\tif (${narrowTest}) {\n\t\treturn string.length;\n\t}\n\n\tlet width = 0;\n\tconst eastAsianWidthOptions`,
				],
			];
		}

		return [
			...lazySegmenter,
			[
				String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`,
				'let rgiEmojiRegex;',
			],
			[
				'rgiEmojiRegex.test(segment)',
				String.raw`(rgiEmojiRegex ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(segment)`,
			],
			[
				String.raw`if (/^[\u0020-\u007E]*$/.test(string)) {`,
				`if (${narrowTest}) {`,
			],
		];
	},
);

/**
Ink cuts each line of a frame into graphemes twice, through ansi-tokenize
(every line) and slice-ansi (lines it clips), and both packages make an
Intl.Segmenter as they load: some 10 ms of the first frame for the locale
data. A line of narrow characters and escape sequences (see
narrow-characters.js) is one grapheme per character, so both read it
character by character, and make their segmenter on first use.
*/
const narrowLine = `/^[\\u001B${narrowCharacters}]*$/`;

export const tokenizeNarrowLines = patch(
	'tokenize-narrow-lines',
	/ansi-tokenize[/\\]build[/\\]tokenize\.js$/,
	[
		[
			'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
			[
				'let segmenter;',
				'function graphemesOf(str) {',
				`\tif (${narrowLine}.test(str)) {`,
				'\t\tconst graphemes = [];',
				'\t\tfor (let index = 0; index < str.length; index++) {',
				'\t\t\tgraphemes.push({segment: str[index], index});',
				'\t\t}',
				'\t\treturn graphemes;',
				'\t}',
				'\tsegmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });',
				'\treturn segmenter.segment(str);',
				'}',
			].join('\n'),
		],
		['of segmenter.segment(str))', 'of graphemesOf(str))'],
	],
);

export const sliceAnsiLazySegmenter = patch(
	'slice-ansi-lazy-segmenter',
	/slice-ansi[/\\]tokenize-ansi\.js$/,
	[
		[
			"const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
			[
				'let graphemeSegmenter;',
				'const GRAPHEME_SEGMENTER = {',
				'\tsegment(string) {',
				`\t\tif (${narrowLine}.test(string)) {`,
				'\t\t\treturn narrowSegments(string);',
				'\t\t}',
				"\t\tgraphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
				'\t\treturn graphemeSegmenter.segment(string);',
				'\t},',
				'};',
				'// What Intl.Segmenter gives for a line of one-character graphemes.',
				'function narrowSegments(input) {',
				'\tconst at = index => ({segment: input[index], index, input});',
				'\treturn {',
				'\t\tcontaining(index) {',
				'\t\t\treturn index >= 0 && index < input.length ? at(index) : undefined;',
				'\t\t},',
				'\t\t*[Symbol.iterator]() {',
				'\t\t\tfor (let index = 0; index < input.length; index++) {',
				'\t\t\t\tyield at(index);',
				'\t\t\t}',
				'\t\t},',
				'\t};',
				'}',
			].join('\n'),
		],
	],
);

/**
Zod re-exports every message locale (z.locales), which puts some 350 KB of
translations into the bundle for node to parse at each start; this command
speaks English only, so the namespace holds just that one.
*/
export const zodEnglishOnly = {
	name: 'zod-english-only',
	setup(build) {
		build.onLoad({filter: /zod[/\\]v4[/\\]locales[/\\]index\.js$/}, () => ({
			contents: "export {default as en} from './en.js';",
			loader: 'js',
		}));
	},
};

/**
Each frame, Ink turns every cell of the screen into a styled character and
back into text, and for each pair of neighbours compared their styles by
building three sets and two arrays, even when neither had a style: with a
spinner turning, some megabytes a second of garbage, which the 1,000-server
run paid for in peak memory. Neighbours with the same styles (the text of
one word, the blanks between) now add nothing, as the comparison would have
found.
*/
export const ansiSameStyles = patch(
	'ansi-same-styles',
	/ansi-tokenize[/\\]build[/\\]styledChars\.js$/,
	[
		[
			'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
			'if (!sameCodes(chars[i - 1].styles, char.styles)) {\n\t\t\t\tret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));\n\t\t\t}',
		],
		[
			'ret += ansiCodesToString(diffAnsiCodes(char.styles, []));',
			'if (char.styles.length > 0) {\n\t\t\t\tret += ansiCodesToString(diffAnsiCodes(char.styles, []));\n\t\t\t}',
		],
		[
			'//# sourceMappingURL=styledChars.js.map',
			[
				'function sameCodes(from, to) {',
				'\tif (from === to) return true;',
				'\tif (from.length !== to.length) return false;',
				'\tfor (let i = 0; i < from.length; i++) {',
				'\t\tif (from[i].code !== to[i].code || from[i].endCode !== to[i].endCode) return false;',
				'\t}',
				'\treturn true;',
				'}',
			].join('\n'),
		],
	],
);

/**
Ink measures and tokenises each line of a frame through caches it makes new
for every frame, so a spinner's turn or a key press re-read every unchanged
line. The caches are kept from frame to frame here, and started afresh once
they hold a few frames' worth of lines, so they stay small (a few hundred
kilobytes at most). The blank cells of a frame share one frozen cell.
*/
export const inkFrameCaches = patch(
	'ink-frame-caches',
	/ink[/\\]build[/\\]output\.js$/,
	[
		['caches = new OutputCaches();', 'caches = frameCaches();'],
		[
			"row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
			'row.push(blankCell);',
		],
		[
			'//# sourceMappingURL=output.js.map',
			[
				"const blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});",
				'let caches;',
				'function frameCaches() {',
				'\tif (caches === undefined || caches.styledChars.size > 256 || caches.widths.size > 1024 || caches.blockWidths.size > 256) {',
				'\t\tcaches = new OutputCaches();',
				'\t}',
				'\treturn caches;',
				'}',
			].join('\n'),
		],
	],
);

/**
Two packages of Ink's load node modules at their start that a run seldom
uses: terminal-size requires child_process (some 3 ms, with net) for a
fallback that asks tput, and signal-exit requires assert (2 ms) for one
check of its argument. Both now take them on first use.
*/
export const terminalSizeLazyChildProcess = patch(
	'terminal-size-lazy-child-process',
	/terminal-size[/\\]index\.js$/,
	[
		[
			"import {execFileSync} from 'node:child_process';",
			[
				'const execFileSync = (...arguments_) =>',
				"\tprocess.getBuiltinModule('node:child_process')",
				'\t\t.execFileSync(...arguments_);',
			].join('\n'),
		],
	],
);

export const signalExitWithoutAssert = patch(
	'signal-exit-without-assert',
	/signal-exit[/\\]index\.js$/,
	[
		[
			"var assert = require('assert')",
			[
				'var assert = {',
				'\tequal: function (actual, expected, message) {',
				'\t\tif (actual != expected) {',
				"\t\t\tvar AssertionError = require('assert').AssertionError;",
				'\t\t\tthrow new AssertionError({',
				"\t\t\t\tmessage: message, actual: actual, expected: expected, operator: '==',",
				'\t\t\t});',
				'\t\t}',
				'\t},',
				'}',
			].join('\n'),
		],
	],
);

/**
A classic script imports node's built-in modules through esbuild's interop,
which copies every property of the module onto a new object, with a getter
each, at every importing module: for \`process\`, imported by some thirty
modules here, a few milliseconds of the first frame. The process object is
a global, so its module is the global itself (and the few names packages
import from it).
*/
export const processAsGlobal = {
	name: 'process-as-global',
	setup(build) {
		build.onResolve({filter: /^(?:node:)?process$/}, () => ({
			path: 'process',
			namespace: 'process-global',
		}));
		build.onLoad({filter: /.*/, namespace: 'process-global'}, () => ({
			// The names the bundled packages import; another one fails the
			// build, to be added here.
			contents: [
				'const {process} = globalThis;',
				'export default process;',
				'export const {env} = process;',
				'export const cwd = () => process.cwd();',
			].join('\n'),
			loader: 'js',
		}));
	},
};

export const dependencyPatches = [
	yogaSynchronous,
	yogaWithoutAwait,
	inkWithoutDevtools,
	meowLazyNormalize,
	stringWidthFastPath,
	zodEnglishOnly,
	ansiSameStyles,
	inkFrameCaches,
	tokenizeNarrowLines,
	sliceAnsiLazySegmenter,
	processAsGlobal,
	terminalSizeLazyChildProcess,
	signalExitWithoutAssert,
];
