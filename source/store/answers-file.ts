/*
Saving the answers of a run, to replay it unattended. The answers schema has
no field for a password, so none can be saved; the file is still readable by
its owner only, because it names accounts and servers.
*/
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
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
	const result = await writeFileAtomic(file, serializeAnswers(answers), {
		mode: 0o600,
	});
	if (result.changed && process.platform === 'win32') {
		await restrictToOwner(file);
	}

	return result;
}

/**
Windows ignores the mode bits, and %ProgramData% lets every user read what is
created in it: replace the inherited access list with the owner and the
Administrators group. The path goes to icacls as an argument, never through
a shell.
*/
async function restrictToOwner(file: string) {
	const user = process.env['USERNAME'];
	const domain = process.env['USERDOMAIN'];
	if (!user) {
		return;
	}

	const owner = domain ? `${domain}\\${user}` : user;
	await promisify(execFile)('icacls', [
		file,
		'/inheritance:r',
		'/grant:r',
		`${owner}:F`,
		'*S-1-5-32-544:F',
	]);
}
