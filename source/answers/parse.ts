/*
Answers from flags and from answer files go through the one schema. This
module turns the schema's findings into sentences that name the flag or the
key, say what was wrong, and say what is allowed.
*/
import {readFile} from 'node:fs/promises';
import type {core} from 'zod';
import {InputError} from './errors.js';
import {fieldNames, fields, nameOf, type Field, type Origin} from './fields.js';
import {answersSchema, type Answers} from './schema.js';

/** Validates answers; throws an InputError with one line per problem. */
export function parseAnswers(input: unknown, origin: Origin): Answers {
	const result = answersSchema.safeParse(input, {reportInput: true});
	if (result.success) {
		return result.data;
	}

	throw new InputError(
		result.error.issues.map(issue => explain(issue, origin)),
	);
}

function explain(issue: core.$ZodIssue, origin: Origin): string {
	const field = issue.path[0];
	if (issue.code === 'unrecognized_keys') {
		const keys = issue.keys.map(key => nameOf(key, origin)).join(', ');
		const known =
			origin.kind === 'file'
				? fieldNames.join(', ')
				: fieldNames.map(name => `--${fields[name].flag}`).join(', ');
		return `${keys}: not a known ${origin.kind === 'file' ? 'key' : 'flag'}; allowed: ${known}.`;
	}

	if (typeof field !== 'string') {
		return `${origin.kind === 'file' ? origin.path : 'The flags'}: must be a JSON object of answers such as {"useExchange": true}.`;
	}

	const name = nameOf(field, origin);
	const allowed = fields[field as Field]?.allowed ?? 'see --help';
	const given = describeValue(issue.input);
	if (issue.input === '' && origin.kind === 'flag') {
		return `${name} needs a value; allowed: ${allowed}.`;
	}

	if (issue.code === 'invalid_format') {
		// The schema words its patterns as "must be …", which already says
		// what is allowed.
		return `${name}: ${given} ${issue.message}.`;
	}

	return `${name}: ${given} is not allowed; allowed: ${allowed}.`;
}

function describeValue(value: unknown): string {
	if (typeof value === 'string') {
		const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
		return JSON.stringify(shown);
	}

	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'a list';
	}

	if (typeof value === 'object') {
		return 'an object';
	}

	// Objects, lists and null are described above; the rest prints as it is.
	// eslint-disable-next-line @typescript-eslint/no-base-to-string -- see above
	return String(value);
}

/**
Reads and validates an answer file. A `$schema` key, which editors use to
find the JSON Schema, is allowed and ignored.
*/
export async function loadAnswersFile(path: string): Promise<Answers> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		const why =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EISDIR'
					? 'is a directory, not a file'
					: code === 'EACCES' || code === 'EPERM'
						? 'permission denied'
						: (code ?? 'cannot be read');
		throw new InputError(
			`--answers ${path}: ${why}; allowed: a JSON answer file.`,
		);
	}

	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		throw new InputError(
			`--answers ${path}: not valid JSON (${jsonProblem(error, text)}); allowed: a JSON object such as {"useExchange": true}.`,
		);
	}

	if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
		const {$schema: _schema, ...answers} = data as Record<string, unknown>;
		data = answers;
	}

	return parseAnswers(data, {kind: 'file', path});
}

/** "line 3, column 14: Unexpected token }" from JSON.parse's message. */
function jsonProblem(error: unknown, text: string): string {
	const message = (error as Error).message.split('\n')[0] ?? 'unreadable';
	const position = /at position (\d+)/.exec(message);
	const reason = message
		.replace(/ in JSON at position \d+.*$/, '')
		.replace(/ \(line \d+ column \d+\)$/, '')
		.replace(/, ".*" is not valid JSON$/, '');
	if (!position) {
		return reason;
	}

	const before = text.slice(0, Number(position[1]));
	const line = before.split('\n').length;
	const column = before.length - before.lastIndexOf('\n');
	return `line ${line}, column ${column}: ${reason}`;
}
