/*
Which PowerShell to run, decided before anything is spawned: node-powershell
turns a missing executable into an unhandled rejection, so the file must be
known to exist first.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

export type LocateOptions = {
	/** An executable named by the caller; when given, nothing else is tried. */
	readonly executable?: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly platform?: NodeJS.Platform;
	readonly homedir?: string;
};

/**
The executables to try, in order: an explicit one, then NODE_POWERSHELL
(which node-powershell itself honours), then the platform's usual names.
*/
export function powerShellCandidates(options: LocateOptions = {}): string[] {
	const env = options.env ?? process.env;
	const platform = options.platform ?? process.platform;
	if (options.executable) {
		return [options.executable];
	}

	if (env.NODE_POWERSHELL) {
		return [env.NODE_POWERSHELL];
	}

	if (platform === 'win32') {
		return ['pwsh.exe', 'powershell.exe'];
	}

	const home = options.homedir ?? os.homedir();
	return ['pwsh', path.join(home, '.dotnet', 'tools', 'pwsh')];
}

/**
The full path of the first candidate that exists, or undefined.
*/
export function locatePowerShell(
	options: LocateOptions = {},
): string | undefined {
	const env = options.env ?? process.env;
	const platform = options.platform ?? process.platform;
	for (const candidate of powerShellCandidates(options)) {
		const found = resolveExecutable(candidate, env, platform);
		if (found) {
			return found;
		}
	}

	return undefined;
}

function resolveExecutable(
	name: string,
	env: NodeJS.ProcessEnv,
	platform: NodeJS.Platform,
): string | undefined {
	const separators = platform === 'win32' ? /[\\/]/ : /\//;
	if (separators.test(name)) {
		return isExecutableFile(name, platform) ? name : undefined;
	}

	const pathVariable = env.PATH ?? env.Path ?? '';
	const delimiter = platform === 'win32' ? ';' : ':';
	const extensions =
		platform === 'win32' && path.extname(name) === ''
			? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')
			: [''];
	for (const directory of pathVariable.split(delimiter)) {
		if (directory === '') {
			continue;
		}

		for (const extension of extensions) {
			const candidate = path.join(directory, name + extension);
			if (isExecutableFile(candidate, platform)) {
				return candidate;
			}
		}
	}

	return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
	try {
		if (!fs.statSync(file).isFile()) {
			return false;
		}

		if (platform !== 'win32') {
			fs.accessSync(file, fs.constants.X_OK);
		}

		return true;
	} catch {
		return false;
	}
}
