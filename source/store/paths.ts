/*
Where the files go when no flag says otherwise. On Windows, beside the K2
installation's other machine-wide data; elsewhere (simulations, tests,
development) under the user's configuration directory.
*/
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

export type Paths = {
	/** The folder that holds the files below. */
	readonly directory: string;
	readonly configuration: string;
	readonly answers: string;
	/** The detection transcript, when --log names no other file. */
	readonly log: string;
	/** The protected Static-authentication credential. */
	readonly credential: string;
};

const names = {
	configuration: 'configuration.json',
	answers: 'answers.json',
	log: 'detection.log.jsonl',
	credential: 'credential.json',
} as const;

/**
The default paths. Windows: `%ProgramData%\K2\ExchangeSetup\`; elsewhere
`$XDG_CONFIG_HOME/k2-exchange-setup/`, or `~/.config/k2-exchange-setup/`.
*/
export function defaultPaths(
	platform: NodeJS.Platform = process.platform,
	environment: NodeJS.ProcessEnv = process.env,
): Paths {
	if (platform === 'win32') {
		const programData =
			environment['ProgramData'] ?? String.raw`C:\ProgramData`;
		return pathsIn(
			path.win32.join(programData, 'K2', 'ExchangeSetup'),
			path.win32,
		);
	}

	const xdg = environment['XDG_CONFIG_HOME'];
	const base =
		xdg && path.posix.isAbsolute(xdg)
			? xdg
			: path.posix.join(environment['HOME'] ?? os.homedir(), '.config');
	return pathsIn(path.posix.join(base, 'k2-exchange-setup'), path.posix);
}

/**
The paths that go with a configuration file named by --config: the answer
file, log and credential sit beside it.
*/
export function pathsBeside(
	configuration: string,
	platform: NodeJS.Platform = process.platform,
): Paths {
	const style = platform === 'win32' ? path.win32 : path.posix;
	const resolved = style.resolve(configuration);
	return {
		...pathsIn(style.dirname(resolved), style),
		configuration: resolved,
	};
}

function pathsIn(directory: string, style: path.PlatformPath): Paths {
	return {
		directory,
		configuration: style.join(directory, names.configuration),
		answers: style.join(directory, names.answers),
		log: style.join(directory, names.log),
		credential: style.join(directory, names.credential),
	};
}
