import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import {Buffer} from 'node:buffer';
import type {EventEmitter} from 'node:events';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	cacheDirectoryFor,
	cacheFileOf,
	firstFrameEvent,
	runScript,
	type Script,
} from '../../source/code-cache.js';

let work: string;
let script: Script;
const runs = (): number =>
	(globalThis as {codeCacheRuns?: number}).codeCacheRuns ?? 0;

function firstFrame() {
	const events: EventEmitter = process;
	events.emit(firstFrameEvent);
}

beforeEach(() => {
	work = mkdtempSync(path.join(os.tmpdir(), 'k2-code-cache-'));
	const file = path.join(work, 'app.cjs');
	// Enough functions that V8 has something to cache, and a visible effect.
	const functions = Array.from(
		{length: 50},
		(_, index) => `function f${index}(x) { return x + ${index}; }`,
	);
	writeFileSync(
		file,
		[
			...functions,
			'globalThis.codeCacheRuns = (globalThis.codeCacheRuns ?? 0) + f1(0);',
			"module.exports.dirname = __dirname; module.exports.req = typeof require('node:path').join;",
		].join('\n'),
	);
	script = {file, hash: 'abc123', cacheDirectory: path.join(work, 'cache')};
});

afterEach(() => {
	process.removeAllListeners(firstFrameEvent);
	rmSync(work, {recursive: true, force: true});
});

describe('code cache', () => {
	test('a first start runs the script and keeps its compiled code after the first frame', () => {
		const before = runs();
		expect(runScript(script)).toBe('none');
		expect(runs()).toBe(before + 1);
		const file = cacheFileOf(script)!;
		expect(existsSync(script.cacheDirectory!)).toBe(false);

		firstFrame();
		expect(statSync(file).size).toBeGreaterThan(0);
		if (process.platform !== 'win32') {
			expect(statSync(file).mode.toString(8).slice(-3)).toBe('600');
			expect(statSync(script.cacheDirectory!).mode.toString(8).slice(-3)).toBe(
				'700',
			);
		}
	});

	test('the next start runs from the kept code', () => {
		runScript(script);
		firstFrame();
		const before = runs();
		expect(runScript(script)).toBe('used');
		expect(runs()).toBe(before + 1);
	});

	test('a broken cache is refused, the script still runs, and the cache is made again', () => {
		const file = cacheFileOf(script)!;
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, Buffer.alloc(4096, 7));
		const before = runs();
		expect(runScript(script)).toBe('rejected');
		expect(runs()).toBe(before + 1);
		firstFrame();
		expect(runScript(script)).toBe('used');
	});

	test('a start without a first frame writes nothing', () => {
		runScript(script);
		expect(existsSync(script.cacheDirectory!)).toBe(false);
	});

	test('the two newest caches of other versions stay, older ones and leftovers of a cut-off write go', () => {
		const directory = script.cacheDirectory!;
		mkdirSync(directory, {recursive: true});
		const names = [
			'app-1-v20.0.0-x64.v8',
			'app-2-v20.0.0-x64.v8',
			'app-3-v20.0.0-x64.v8',
		];
		for (const [index, name] of names.entries()) {
			const file = path.join(directory, name);
			writeFileSync(file, 'x');
			const at = new Date(Date.UTC(2026, 0, 1 + index));
			utimesSync(file, at, at);
		}

		writeFileSync(path.join(directory, `${names[0]}.4242.tmp`), 'x');
		writeFileSync(path.join(directory, 'notes.txt'), 'x');

		runScript(script);
		firstFrame();
		expect(new Set(readdirSync(directory))).toEqual(
			new Set([
				path.basename(cacheFileOf(script)!),
				names[1],
				names[2],
				'notes.txt',
			]),
		);
	});

	test('without a cache folder the script runs and nothing is kept', () => {
		const before = runs();
		expect(runScript({...script, cacheDirectory: undefined})).toBe('none');
		expect(runs()).toBe(before + 1);
		firstFrame();
		expect(readdirSync(work)).toEqual(['app.cjs']);
	});

	test('the cache file names the bundle hash and the node version', () => {
		expect(path.basename(cacheFileOf(script)!)).toBe(
			`app-abc123-${process.version}-${process.arch}.v8`,
		);
	});
});

describe('cache folder', () => {
	test('windows keeps it under LOCALAPPDATA', () => {
		expect(
			cacheDirectoryFor(
				{LOCALAPPDATA: String.raw`C:\Users\k2\AppData\Local`},
				'win32',
				String.raw`C:\Users\k2`,
			),
		).toBe(
			path.join(
				String.raw`C:\Users\k2\AppData\Local`,
				'k2-exchange-setup',
				'Cache',
			),
		);
		expect(cacheDirectoryFor({}, 'win32', String.raw`C:\Users\k2`)).toBe(
			undefined,
		);
	});

	test('elsewhere XDG_CACHE_HOME, else ~/.cache', () => {
		expect(
			cacheDirectoryFor({XDG_CACHE_HOME: '/var/cache/k2'}, 'linux', '/home/k2'),
		).toBe(path.join('/var/cache/k2', 'k2-exchange-setup'));
		expect(cacheDirectoryFor({}, 'linux', '/home/k2')).toBe(
			path.join('/home/k2', '.cache', 'k2-exchange-setup'),
		);
		expect(cacheDirectoryFor({}, 'linux', undefined)).toBe(undefined);
	});
});
