/*
The JSON Schema shipped for answer files (schema/answers.schema.json), made
from the zod schema so the two cannot drift; `npm run schema` rewrites it
and a test fails when the shipped file is stale.
*/
import {z} from 'zod';
import {fieldNames, fields} from './fields.js';
import {answersSchema} from './schema.js';

export function answersJsonSchema(): Record<string, unknown> {
	const generated = z.toJSONSchema(answersSchema) as {
		properties: Record<string, Record<string, unknown>>;
	} & Record<string, unknown>;
	const properties: Record<string, unknown> = {
		$schema: {
			type: 'string',
			description: 'Where editors find this schema; ignored by the tool',
		},
	};
	for (const field of fieldNames) {
		properties[field] = {
			description: `${fields[field].description}; flag --${fields[field].flag}`,
			...generated.properties[field],
		};
	}

	return {
		...generated,
		title: 'k2-exchange-setup answer file',
		description:
			'The field flags as camelCase keys; replayed with k2-exchange-setup --answers FILE --non-interactive',
		properties,
	};
}

export function serializeJsonSchema(): string {
	return `${JSON.stringify(answersJsonSchema(), null, '\t')}\n`;
}
