import {readFile} from 'node:fs/promises';
import {expect, test} from 'vitest';
import {fieldNames} from '../../source/answers/fields.js';
import {serializeJsonSchema} from '../../source/answers/json-schema.js';

test('the shipped JSON Schema is up to date (npm run schema)', async () => {
	const shipped = await readFile(
		new URL('../../schema/answers.schema.json', import.meta.url),
		'utf8',
	);
	expect(shipped).toBe(serializeJsonSchema());
});

test('the JSON Schema describes every answer and forbids others', () => {
	const schema = JSON.parse(serializeJsonSchema()) as {
		properties: Record<string, {description?: string}>;
		additionalProperties: boolean;
	};
	expect(Object.keys(schema.properties)).toEqual(['$schema', ...fieldNames]);
	expect(schema.properties['deployment']).toMatchObject({
		enum: ['on-premises', 'online'],
		description: expect.stringContaining('--deployment'),
	});
	expect(schema.additionalProperties).toBe(false);
});
