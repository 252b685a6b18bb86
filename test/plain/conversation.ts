import type {Buffer} from 'node:buffer';
import {PassThrough} from 'node:stream';

/**
Both ends of a plain-face run held by a test: what the face wrote so far,
and a way to answer its next question once it has been asked.
*/
export type Conversation = {
	readonly input: PassThrough;
	readonly output: PassThrough;
	/** Everything written so far. */
	readonly transcript: () => string;
	/**
	Waits until the text after the last answer matches `question`, then
	types `answer` and Enter.
	*/
	readonly answer: (question: RegExp, answer: string) => Promise<void>;
	/** Waits until the text after the last answer matches. */
	readonly expectText: (text: RegExp, timeoutMs?: number) => Promise<string>;
	readonly endInput: () => void;
};

export function createConversation(): Conversation {
	const input = new PassThrough();
	const output = new PassThrough();
	let text = '';
	let answeredAt = 0;
	output.on('data', (chunk: Buffer) => {
		text += chunk.toString('utf8');
	});

	async function expectText(pattern: RegExp, timeoutMs = 10_000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = text.slice(answeredAt);
			if (pattern.test(fresh)) {
				return fresh;
			}

			if (Date.now() > deadline) {
				throw new Error(
					`Timed out waiting for ${String(pattern)}; since the last answer the face wrote:\n${fresh}`,
				);
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => {
				setTimeout(resolve, 5);
			});
		}
	}

	return {
		input,
		output,
		transcript: () => text,
		async answer(question, answer) {
			await expectText(question);
			answeredAt = text.length;
			input.write(`${answer}\n`);
		},
		expectText,
		endInput() {
			input.end();
		},
	};
}
