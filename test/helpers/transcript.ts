import {readFile} from 'node:fs/promises';

/** One line of a --log transcript. */
export type Line = Record<string, unknown>;

/**
The lines of a --log transcript, each checked to be one JSON object with
the time it was written and what it records.
*/
export async function readTranscript(file: string): Promise<Line[]> {
	const text = await readFile(file, 'utf8');
	if (!text.endsWith('\n')) {
		throw new Error(`${file} does not end with a whole line: ${text}`);
	}

	return text
		.slice(0, -1)
		.split('\n')
		.map(raw => {
			const line = JSON.parse(raw) as Line;
			if (
				typeof line['time'] !== 'string' ||
				Number.isNaN(Date.parse(line['time'])) ||
				typeof line['event'] !== 'string'
			) {
				throw new TypeError(`not a transcript line: ${raw}`);
			}

			return line;
		});
}
