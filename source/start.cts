/*
The command's entry point (package.json "bin"), in CommonJS because node
starts a CommonJS file sooner than an ES module. `--version` alone is
answered here, before anything else loads, so scripts that probe the version
pay little more than node's own start-up; everything else runs app.cjs, the
whole command in one bundle, through V8's code cache (see code-cache.ts).
*/
/* eslint-disable unicorn/prefer-module -- a CommonJS file on purpose */
import {readFileSync, writeSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {cacheDirectoryFor, runScript} from './code-cache.js';

// The bundle's content hash, set by scripts/bundle.js.
declare const appHash: string;

const arguments_ = process.argv.slice(2);
if (arguments_.length === 1 && arguments_[0] === '--version') {
	// The package file sits one level up both from source/ and from dist/.
	const packageFile = path.join(__dirname, '..', 'package.json');
	const {version} = JSON.parse(readFileSync(packageFile, 'utf8')) as {
		version: string;
	};
	// A direct write: creating process.stdout costs more than the rest.
	writeSync(1, `${version}\n`);
} else {
	runScript({
		file: path.join(__dirname, 'app.cjs'),
		hash: appHash,
		cacheDirectory: cacheDirectoryFor(process.env, process.platform, home()),
	});
}

function home(): string | undefined {
	try {
		return os.homedir();
	} catch {
		return undefined;
	}
}
