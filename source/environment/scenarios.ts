/*
Finding, reading and validating scenario files: the built-in ones shipped in
scenarios/ and any JSON file an administrator or a test points at.
*/
import {existsSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {z} from 'zod';
import {scenarioSchema, type Scenario} from './scenario.js';

export const defaultScenarioName = 'contoso-2019';

/**
A scenario that cannot be used. The message is one line that names the
file or scenario, the key and what is allowed; it is meant to be shown as is.
*/
export class ScenarioError extends Error {
	override name = 'ScenarioError';
}

// The module runs from source/environment/ in tests and from dist/cli.js in
// the bundle, so look upwards for the folder rather than assume a depth.
function findScenarioDir(): string {
	let directory = path.dirname(fileURLToPath(import.meta.url));
	for (let depth = 0; depth < 6; depth++) {
		const candidate = path.join(directory, 'scenarios');
		if (existsSync(path.join(candidate, `${defaultScenarioName}.json`))) {
			return candidate;
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			break;
		}

		directory = parent;
	}

	return path.join(
		path.dirname(fileURLToPath(import.meta.url)),
		'..',
		'..',
		'scenarios',
	);
}

export const builtinScenarioDir = findScenarioDir();

function isPath(nameOrPath: string): boolean {
	return /[/\\]/.test(nameOrPath) || nameOrPath.toLowerCase().endsWith('.json');
}

async function builtinNames(): Promise<string[]> {
	try {
		const entries = await readdir(builtinScenarioDir);
		return entries
			.filter(entry => entry.endsWith('.json'))
			.map(entry => entry.slice(0, -'.json'.length))
			.sort();
	} catch {
		return [];
	}
}

function formatPath(keys: readonly PropertyKey[]): string {
	let text = '';
	for (const key of keys) {
		if (typeof key === 'number') {
			text += `[${key}]`;
		} else {
			const name = String(key);
			text += /^[A-Za-z_$][\w$]*$/.test(name)
				? `${text ? '.' : ''}${name}`
				: `[${JSON.stringify(name)}]`;
		}
	}

	return text || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'unrecognized_keys': {
			const keys = issue.keys.map(key => JSON.stringify(key)).join(', ');
			return `unknown key ${keys}`;
		}

		case 'invalid_value': {
			const allowed = issue.values.map(value => JSON.stringify(value));
			return `must be one of ${allowed.join(', ')}`;
		}

		case 'invalid_type': {
			return `must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
		}

		case 'too_big':
		case 'too_small':
		case 'invalid_format':
		case 'not_multiple_of':
		case 'invalid_union':
		case 'invalid_key':
		case 'invalid_element':
		case 'custom': {
			// Formats, lengths, unions: zod's own words name what is allowed.
			return issue.message;
		}
	}
}

function allowedKeysHint(issue: z.core.$ZodIssue): string {
	if (issue.code !== 'unrecognized_keys') {
		return '';
	}

	// Walk the schema along the issue's path to list the keys that are allowed.
	let schema: unknown = scenarioSchema;
	for (const key of issue.path) {
		schema = unwrap(schema);
		const {shape, element, def} = schema as {
			shape?: Record<string, unknown>;
			element?: unknown;
			def?: {valueType?: unknown};
		};
		const valueType = def?.valueType;
		if (shape && typeof key === 'string') {
			schema = shape[key];
		} else if (element && typeof key === 'number') {
			schema = element;
		} else if (valueType) {
			schema = valueType;
		} else {
			return '';
		}
	}

	const {shape} = unwrap(schema) as {shape?: Record<string, unknown>};
	return shape ? ` (allowed: ${Object.keys(shape).join(', ')})` : '';
}

function unwrap(schema: unknown): unknown {
	let current = schema as {def?: {innerType?: unknown}} | undefined;
	while (current?.def?.innerType) {
		current = current.def.innerType;
	}

	return current;
}

/**
Validates a parsed scenario. `source` names it in the error ("file
my.json", "scenario contoso-2019").
*/
export function parseScenario(data: unknown, source: string): Scenario {
	const result = scenarioSchema.safeParse(data);
	if (result.success) {
		return result.data;
	}

	const issue = result.error.issues[0]!;
	throw new ScenarioError(
		`${source}: ${formatPath(issue.path)}: ${describeIssue(issue)}${allowedKeysHint(issue)}`,
	);
}

async function readJson(file: string, source: string): Promise<unknown> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		const reason =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EACCES'
					? 'permission denied'
					: code === 'EISDIR'
						? 'is a folder, not a file'
						: 'cannot be read';
		throw new ScenarioError(`${source}: ${reason}`);
	}

	try {
		return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
	} catch (error) {
		const detail = (error as Error).message.split('\n')[0];
		throw new ScenarioError(`${source}: not valid JSON (${detail})`);
	}
}

/**
Loads a built-in scenario by name (`contoso-2019`) or a scenario file by
path. Throws ScenarioError with a one-line message on bad input.
*/
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
	if (isPath(nameOrPath)) {
		const source = `scenario file ${nameOrPath}`;
		return parseScenario(await readJson(nameOrPath, source), source);
	}

	const names = await builtinNames();
	if (!names.includes(nameOrPath)) {
		throw new ScenarioError(
			`unknown scenario "${nameOrPath}": use one of ${names.join(', ')}, or a path to a JSON file`,
		);
	}

	const source = `scenario ${nameOrPath}`;
	const file = path.join(builtinScenarioDir, `${nameOrPath}.json`);
	return parseScenario(await readJson(file, source), source);
}

/**
The built-in scenarios, default first, then by name.
*/
export async function listScenarios(): Promise<
	Array<{name: string; description: string}>
> {
	const names = await builtinNames();
	const list = await Promise.all(
		names.map(async name => {
			const scenario = await loadScenario(name);
			return {name, description: scenario.description};
		}),
	);
	return list.sort((a, b) =>
		a.name === defaultScenarioName
			? -1
			: b.name === defaultScenarioName
				? 1
				: a.name.localeCompare(b.name),
	);
}
