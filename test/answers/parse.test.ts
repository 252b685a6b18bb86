import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {InputError} from '../../source/answers/errors.js';
import {answersFromFlags, mergeAnswers} from '../../source/answers/flags.js';
import {loadAnswersFile} from '../../source/answers/parse.js';

let directory: string;
beforeAll(async () => {
	directory = await mkdtemp(path.join(tmpdir(), 'answers-'));
});

async function fileWith(name: string, text: string) {
	const file = path.join(directory, name);
	await writeFile(file, text);
	return file;
}

async function loadError(file: string): Promise<InputError> {
	let error: unknown;
	try {
		await loadAnswersFile(file);
	} catch (error_) {
		error = error_;
	}

	expect(error).toBeInstanceOf(InputError);
	return error as InputError;
}

describe('answer files', () => {
	test('a valid file gives its answers', async () => {
		const file = await fileWith(
			'good.json',
			'{"useExchange": true, "deployment": "online", "standard": true}',
		);
		await expect(loadAnswersFile(file)).resolves.toEqual({
			useExchange: true,
			deployment: 'online',
			standard: true,
		});
	});

	test('a $schema key for editors is accepted and dropped', async () => {
		const file = await fileWith(
			'schema.json',
			'{"$schema": "./answers.schema.json", "useExchange": false}',
		);
		await expect(loadAnswersFile(file)).resolves.toEqual({useExchange: false});
	});

	test.each([
		[
			'wrong type',
			'{"standard": "yes"}',
			/^"standard" in .*wrong-type\.json: "yes" is not allowed; allowed: true or false\.$/,
		],
		[
			'unknown key',
			'{"useExchange": true, "exchangeServer": "x"}',
			/^"exchangeServer" in .*: not a known key; allowed: useExchange, autodiscover, email/,
		],
		[
			'bad enum',
			'{"deployment": "hybrid"}',
			/^"deployment" in .*: "hybrid" is not allowed; allowed: on-premises or online\.$/,
		],
		[
			'bad format',
			'{"server": "exch 01"}',
			/^"server" in .*: "exch 01" must be a fully qualified domain name such as exch01\.contoso\.com\.$/,
		],
		[
			'not an object',
			'[1, 2]',
			/: must be a JSON object of answers such as \{"useExchange": true\}\.$/,
		],
		[
			'malformed JSON',
			'{\n  "useExchange": true,\n}',
			/^--answers .*: not valid JSON \(line 3, column 1: Expected double-quoted property name\); allowed: a JSON object/,
		],
	])('%s is named in one line', async (name, text, expected) => {
		const error = await loadError(
			await fileWith(`${name.replaceAll(' ', '-')}.json`, text),
		);
		expect(error.lines).toHaveLength(1);
		expect(error.lines[0]).toMatch(expected);
	});

	test('a missing file says so', async () => {
		const error = await loadError(path.join(directory, 'absent.json'));
		expect(error.message).toMatch(/absent\.json: no such file/);
	});

	test('every problem in a file is reported', async () => {
		const error = await loadError(
			await fileWith('many.json', '{"standard": 1, "email": "nope"}'),
		);
		expect(error.lines).toHaveLength(2);
	});
});

describe('field flags', () => {
	test('flags not given are absent', () => {
		expect(
			answersFromFlags({useExchange: true, server: undefined, json: true}),
		).toEqual({useExchange: true});
	});

	test('a flag with a bad value is named with its dashes', () => {
		expect(() => answersFromFlags({exchangeVersion: '2020'})).toThrow(
			'--exchange-version: "2020" is not allowed; allowed: 2007, 2010, 2013, 2016, 2019, se or online.',
		);
	});

	test('a flag with no value says it needs one', () => {
		expect(() => answersFromFlags({tenantId: ''})).toThrow(
			'--tenant-id needs a value; allowed: a GUID',
		);
	});

	test('flags override the file field by field', () => {
		expect(
			mergeAnswers(
				{useExchange: true, server: 'a.contoso.com', standard: true},
				{server: 'b.contoso.com', standard: undefined},
			),
		).toEqual({useExchange: true, server: 'b.contoso.com', standard: true});
	});
});
