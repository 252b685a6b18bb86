/*
The configuration file: read, checked against the contract's shape, and
written atomically with the previous version kept as `<name>.bak`.
*/
import type {Buffer} from 'node:buffer';
import {access} from 'node:fs/promises';
import {z} from 'zod';
import type {ConfigDocument} from '../plan/types.js';
import {readIfPresent, writeFileAtomic, type WriteResult} from './atomic.js';

const version = z.object({
	name: z.enum([
		'Exchange2007',
		'Exchange2010',
		'Exchange2013',
		'Exchange2016',
		'Exchange2019',
		'ExchangeSE',
		'ExchangeOnline',
	]),
	detected: z.boolean(),
	build: z.string().nullable(),
});

const documentSchema = z.object({
	schemaVersion: z.literal(1),
	exchange: z.union([
		z.object({
			enabled: z.literal(true),
			autodiscover: z.boolean(),
			email: z.string().nullable(),
			deployment: z.enum(['on-premises', 'online']),
			server: z.string().nullable(),
			version,
			standard: z.boolean(),
			administrative: z.boolean(),
		}),
		z.object({enabled: z.literal(false), skippedReason: z.string()}),
	]),
	serviceInstances: z.array(
		z.object({
			name: z.enum([
				'Exchange Management',
				'Exchange Meta Data',
				'Exchange Administration',
			]),
			authentication: z.enum([
				'Impersonate',
				'ServiceAccount',
				'SSO',
				'Static',
			]),
			settings: z.record(
				z.string(),
				z.union([z.string(), z.number(), z.boolean()]),
			),
		}),
	),
	environmentLibrary: z.array(z.object({field: z.string(), value: z.string()})),
});

/** The existing file cannot be used; the run stops with exit code 1. */
export class ConfigurationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigurationError';
	}
}

/** What to do with a broken file: restore the backup only when there is one. */
async function remedyFor(file: string): Promise<string> {
	try {
		await access(`${file}.bak`);
		return `restore it from ${file}.bak or delete it`;
	} catch {
		return 'correct it or delete it (there is no backup beside it)';
	}
}

/** The bytes written for a document: the same document, the same bytes. */
export function serializeConfiguration(document: ConfigDocument): string {
	return `${JSON.stringify(document, null, 2)}\n`;
}

/** The configuration at `file`, or undefined when there is none yet. */
export async function readConfiguration(
	file: string,
): Promise<ConfigDocument | undefined> {
	let bytes: Buffer | undefined;
	try {
		bytes = await readIfPresent(file);
	} catch (error) {
		throw new ConfigurationError(
			`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
		);
	}

	if (!bytes) {
		return undefined;
	}

	let data: unknown;
	try {
		data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		throw new ConfigurationError(
			`${file}: is not valid JSON; ${await remedyFor(file)}.`,
		);
	}

	const result = documentSchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0];
		const at = issue?.path.join('.') ?? '';
		const where = at === '' ? 'the document' : at;
		throw new ConfigurationError(
			`${file}: ${where} does not match the configuration format (${issue?.message ?? 'invalid'}); ${await remedyFor(file)}.`,
		);
	}

	return result.data;
}

/**
Writes the document atomically. Unchanged content is left alone and reported
as `changed: false`; otherwise the previous file is kept as `<file>.bak`.
*/
export async function writeConfiguration(
	file: string,
	document: ConfigDocument,
): Promise<WriteResult> {
	return writeFileAtomic(file, serializeConfiguration(document), {
		backup: true,
	});
}
