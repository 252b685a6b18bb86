/*
Saving the answers of a run, to replay it unattended. The answers schema has
no field for a password, so none can be saved; the file is still readable by
its owner only, because it names accounts and servers.
*/
import {fieldNames} from '../answers/fields.js';
import type {Answers} from '../answers/schema.js';
import {writeFileAtomic, type WriteResult} from './atomic.js';

/** The answers as JSON, keys in the schema's order so replays diff cleanly. */
export function serializeAnswers(answers: Answers): string {
	const ordered: Record<string, unknown> = {};
	for (const field of fieldNames) {
		if (answers[field] !== undefined) {
			ordered[field] = answers[field];
		}
	}

	return `${JSON.stringify(ordered, null, 2)}\n`;
}

export async function saveAnswers(
	file: string,
	answers: Answers,
): Promise<WriteResult> {
	return writeFileAtomic(file, serializeAnswers(answers), {ownerOnly: true});
}
