/*
Questions asked one line at a time over plain streams: a dumb terminal, a
screen reader's console, or a test's byte streams. No cursor movement, no
colour: each prompt is written, then a whole line is read.
*/
import readline from 'node:readline';

export type LineReader = {
	/** Writes a line of text. */
	readonly say: (text?: string) => void;
	/** Writes the prompt and resolves with the next line, or undefined at the end of input. */
	readonly ask: (prompt: string) => Promise<string | undefined>;
	readonly close: () => void;
};

export function createLineReader(
	input: NodeJS.ReadableStream,
	output: NodeJS.WritableStream,
): LineReader {
	// Terminal mode off: the terminal's own line editing stays in charge, and
	// Ctrl+C stays the terminal's interrupt rather than a character read here.
	const lines = readline.createInterface({input, terminal: false});
	const waiting: Array<(line: string | undefined) => void> = [];
	const queued: string[] = [];
	let ended = false;

	lines.on('line', line => {
		const next = waiting.shift();
		if (next) {
			next(line);
		} else {
			queued.push(line);
		}
	});
	lines.on('close', () => {
		ended = true;
		for (const next of waiting.splice(0)) {
			next(undefined);
		}
	});

	return {
		say(text = '') {
			output.write(`${text}\n`);
		},
		async ask(prompt) {
			output.write(prompt);
			const line = queued.shift();
			if (line !== undefined) {
				return line;
			}

			if (ended) {
				return undefined;
			}

			return new Promise(resolve => {
				waiting.push(resolve);
			});
		},
		close() {
			lines.close();
		},
	};
}
