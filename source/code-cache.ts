/*
Runs the bundled command (dist/app.cjs) as a classic script through V8's
code cache. Compiling the bundle (Ink, React, zod, meow: some 2 MB) costs
the wizard's first frame more than anything else it does, and Node 20 can
reuse compiled code only for a script run this way, not for an ES module.

The cache is kept per user, never in a shared folder, because what is in it
runs as code. Its file name carries a hash of the bundle, so a new version
never reads the compiled code of an old one; V8 itself refuses a cache made
by another Node version. Only the wizard uses it: scripted runs leave no
file that their caller did not ask for.
*/
import {
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import type {Buffer} from 'node:buffer';
import {createRequire} from 'node:module';
import path from 'node:path';
import process from 'node:process';
import vm from 'node:vm';

/** Emitted by the wizard once its first frame is on screen. */
export const firstFrameEvent = 'k2-exchange-setup:first-frame';

export type Script = {
	/** The bundle to run, as a CommonJS module. */
	readonly file: string;
	/** A hash of the bundle's content, computed when it was built. */
	readonly hash: string;
	/** Where the compiled code is kept; undefined: compile every time. */
	readonly cacheDirectory: string | undefined;
};

/** What node passes a CommonJS module: exports, require, module, paths. */
type ModuleFunction = (
	...parameters: [unknown, NodeJS.Require, {exports: unknown}, string, string]
) => void;

/**
The folder for compiled code: under %LOCALAPPDATA% on Windows, else under
$XDG_CACHE_HOME or ~/.cache; undefined when there is none.
*/
export function cacheDirectoryFor(
	env: NodeJS.ProcessEnv,
	platform: NodeJS.Platform,
	home: string | undefined,
): string | undefined {
	if (platform === 'win32') {
		const local = env['LOCALAPPDATA'];
		return local ? path.join(local, 'k2-exchange-setup', 'Cache') : undefined;
	}

	const base = env['XDG_CACHE_HOME'] ?? (home && path.join(home, '.cache'));
	return base ? path.join(base, 'k2-exchange-setup') : undefined;
}

/** The cache file of one bundle on this Node version and machine kind. */
export function cacheFileOf(script: Script): string | undefined {
	if (script.cacheDirectory === undefined) {
		return undefined;
	}

	const name = path.basename(script.file, path.extname(script.file));
	const node = `${process.version}-${process.arch}`;
	return path.join(script.cacheDirectory, `${name}-${script.hash}-${node}.v8`);
}

/** What became of the cache: none kept, used, or refused by V8. */
export type CacheUse = 'none' | 'used' | 'rejected';

/**
Runs the script, from its cached compiled code when there is a usable one.
When there is none, the code compiled up to the wizard's first frame (the
functions that frame needed, not only the top level) is saved for the next
start.
*/
export function runScript(script: Script): CacheUse {
	// The bundle is pure ASCII (scripts/bundle.js checks), and Latin-1 reads
	// it as such in a third of the time UTF-8 takes.
	const source = readFileSync(script.file, 'latin1');
	const cacheFile = cacheFileOf(script);
	const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
	// The same wrapper node puts around a CommonJS module.
	const compiled = new vm.Script(
		`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
		{filename: script.file, cachedData},
	);
	let use: CacheUse = 'used';
	if (cachedData === undefined) {
		use = 'none';
	} else if (compiled.cachedDataRejected === true) {
		use = 'rejected';
	}

	if (cacheFile !== undefined && use !== 'used') {
		process.once(firstFrameEvent, () => {
			saveCache(cacheFile, compiled);
		});
	}

	const run = compiled.runInThisContext() as ModuleFunction;
	const module = {exports: {}};
	run(
		module.exports,
		createRequire(script.file),
		module,
		script.file,
		path.dirname(script.file),
	);
	return use;
}

function readCache(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

/**
Writes the compiled code beside the caches of other versions, of which the
two newest are kept (two installs side by side must not take turns at
compiling) and older ones removed. A cache that cannot be written costs the
next start its speed and nothing else, so a failure is not reported.
*/
function saveCache(file: string, compiled: vm.Script): void {
	const directory = path.dirname(file);
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		mkdirSync(directory, {recursive: true, mode: 0o700});
		writeFileSync(temporary, compiled.createCachedData(), {mode: 0o600});
		renameSync(temporary, file);
		removeOldCaches(directory, path.basename(file));
	} catch {
		rmSync(temporary, {force: true});
	}
}

function removeOldCaches(directory: string, current: string): void {
	const others: Array<{name: string; writtenAt: number}> = [];
	for (const name of readdirSync(directory)) {
		// What a start that was ended while it wrote left behind.
		if (/\.v8\.\d+\.tmp$/.test(name)) {
			rmSync(path.join(directory, name), {force: true});
		} else if (name.endsWith('.v8') && name !== current) {
			others.push({
				name,
				writtenAt: statSync(path.join(directory, name)).mtimeMs,
			});
		}
	}

	others.sort((a, b) => b.writtenAt - a.writtenAt);
	for (const {name} of others.slice(2)) {
		rmSync(path.join(directory, name), {force: true});
	}
}
