/*
Vitest global setup: the pseudo-terminal tests start the built app, so make
sure dist/ is there and newer than every source file. `npm test` builds first
and this finds nothing to do; running vitest alone rebuilds a stale bundle.
*/
import {execFileSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '../..');

function newestIn(directory: string): number {
	let newest = 0;
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const full = path.join(directory, entry.name);
		newest = Math.max(
			newest,
			entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs,
		);
	}

	return newest;
}

function builtAt(): number {
	try {
		return statSync(path.join(root, 'dist', 'app.cjs')).mtimeMs;
	} catch {
		return 0;
	}
}

export default function setup() {
	const sources = Math.max(
		newestIn(path.join(root, 'source')),
		statSync(path.join(root, 'scripts', 'bundle.js')).mtimeMs,
	);
	if (builtAt() >= sources) {
		return;
	}

	process.stderr.write('dist/ is older than source/: bundling it again\n');
	execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.js')], {
		cwd: root,
		stdio: 'inherit',
	});
}
