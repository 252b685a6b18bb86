/*
The transport between Node and PowerShell. Each call is exactly one ASCII
line: a script block and its arguments, both base64, so no user text is ever
parsed as PowerShell and no newline or code page can break node-powershell's
line protocol. The answer comes back as one framed line of base64 JSON.
*/
import {Buffer} from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The probe scripts shipped in probes/. */
export type ScriptName = '_startup' | 'host' | 'exchange' | 'protect-secret';

const marker = '@@PROBE@@';

let probeDirectory: string | undefined;

/**
The probes/ folder at the package root, found from this module's location so
it works both from source/ and from the dist/cli.js bundle.
*/
export function findProbeDirectory(): string {
	if (probeDirectory) {
		return probeDirectory;
	}

	let directory = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(directory, 'probes');
		if (fs.existsSync(path.join(candidate, '_runtime.ps1'))) {
			probeDirectory = candidate;
			return candidate;
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			throw new Error(
				'The probes folder (probes/_runtime.ps1) is missing from the installed package.',
			);
		}

		directory = parent;
	}
}

const cache = new Map<string, string>();

/**
The text of a file in probes/, without its byte order mark.
*/
export function readProbeFile(fileName: string): string {
	let text = cache.get(fileName);
	if (text === undefined) {
		text = fs
			.readFileSync(path.join(findProbeDirectory(), fileName), 'utf8')
			.replace(/^\uFEFF/, '');
		cache.set(fileName, text);
	}

	return text;
}

/**
The full script block of a probe: the shared runtime, then the probe.
*/
export function probeScript(name: ScriptName): string {
	return readProbeFile('_runtime.ps1') + '\n' + readProbeFile(`${name}.ps1`);
}

/**
Every string gets a one-character prefix that the runtime strips again:
ConvertFrom-Json in PowerShell 6 and later turns date-like strings into
DateTime values, and 5.1 does the same for "\/Date(…)\/"; a prefixed string
never looks like a date.
*/
export function packArguments(value: unknown): unknown {
	if (typeof value === 'string') {
		return '~' + value;
	}

	if (Array.isArray(value)) {
		return value.map(item => packArguments(item));
	}

	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, packArguments(item)]),
		);
	}

	return value;
}

/**
The one line sent to PowerShell for a script and its arguments.
*/
export function commandLine(
	script: string,
	arguments_: Record<string, unknown>,
): string {
	const scriptBase64 = Buffer.from(script, 'utf8').toString('base64');
	const argumentsBase64 = Buffer.from(
		JSON.stringify(packArguments(arguments_)),
		'utf8',
	).toString('base64');
	return (
		'& ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString(' +
		`[Convert]::FromBase64String('${scriptBase64}')))) '${argumentsBase64}'`
	);
}

export type RemoteError = {
	readonly message: string;
	readonly errorId?: string;
	readonly exceptionType?: string;
	readonly category?: string;
	readonly transportCode?: number;
};

export type ProbeResult =
	| {readonly ok: true; readonly data: unknown; readonly ms: number}
	| {readonly ok: false; readonly error: RemoteError; readonly ms: number};

export type Envelope =
	| {readonly ok: true; readonly results: Record<string, ProbeResult>}
	| {readonly ok: false; readonly error: RemoteError};

/**
The envelope in a script's standard output, or undefined when there is none
or it cannot be read. The last framed line wins.
*/
export function parseEnvelope(stdout: string): Envelope | undefined {
	const matches = [...stdout.matchAll(/@@PROBE@@([A-Za-z\d+/=]*)/g)];
	const last = matches.at(-1);
	if (!last?.[1]) {
		return undefined;
	}

	try {
		const json = Buffer.from(last[1], 'base64').toString('utf8');
		return normalizeEnvelope(JSON.parse(json));
	} catch {
		return undefined;
	}
}

function normalizeEnvelope(value: unknown): Envelope | undefined {
	if (!isRecord(value)) {
		return undefined;
	}

	if (value.ok === false) {
		return {ok: false, error: normalizeError(value.error)};
	}

	if (value.ok !== true || !isRecord(value.results)) {
		return undefined;
	}

	const results: Record<string, ProbeResult> = {};
	for (const [name, result] of Object.entries(value.results)) {
		if (!isRecord(result)) {
			continue;
		}

		const ms = typeof result.ms === 'number' ? result.ms : 0;
		results[name] =
			result.ok === true
				? {ok: true, data: result.data, ms}
				: {ok: false, error: normalizeError(result.error), ms};
	}

	return {ok: true, results};
}

function normalizeError(value: unknown): RemoteError {
	if (!isRecord(value)) {
		return {message: 'PowerShell reported an error without details.'};
	}

	const text = (key: string) =>
		typeof value[key] === 'string' && value[key] !== ''
			? value[key]
			: undefined;
	const code = value.transportCode;
	return {
		message: text('message') ?? 'PowerShell reported an error.',
		errorId: text('errorId'),
		exceptionType: text('exceptionType'),
		category: text('category'),
		transportCode: typeof code === 'number' && code !== 0 ? code : undefined,
	};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export {marker as envelopeMarker};
