/*
The three kinds of question the plain face asks: a numbered choice, a yes or
no (a choice of two), and free text checked by a rule. Each re-asks until the
answer is acceptable. Enter alone keeps the current value when there is one.
*/
import type {Choice} from '../flow/choices.js';
import type {LineReader} from './line-reader.js';

/** Typed at any question to return to the previous page. */
export const backWord = 'back';

/** The answer to a question when the administrator typed `back`. */
export const goBack = Symbol('back');

/** The input ended (Ctrl+D, a closed pipe) before the run was finished. */
export class InputEndedError extends Error {
	constructor() {
		super('The input ended before the setup was finished.');
		this.name = 'InputEndedError';
	}
}

async function readAnswer(
	reader: LineReader,
	prompt: string,
): Promise<string | typeof goBack> {
	const line = await reader.ask(prompt);
	if (line === undefined) {
		throw new InputEndedError();
	}

	const answer = line.trim();
	return answer.toLowerCase() === backWord ? goBack : answer;
}

export async function askChoice<V>(
	reader: LineReader,
	question: string,
	choices: ReadonlyArray<Choice<V>>,
	current: V | undefined,
): Promise<V | typeof goBack> {
	const currentIndex = choices.findIndex(choice => choice.value === current);
	reader.say(question);
	for (const [index, choice] of choices.entries()) {
		const mark = index === currentIndex ? '  (current)' : '';
		reader.say(`  ${index + 1}. ${choice.label}${mark}`);
	}

	const keep = currentIndex === -1 ? '' : `, Enter keeps ${currentIndex + 1}`;
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const answer = await readAnswer(
			reader,
			`Type a number from 1 to ${choices.length}${keep}: `,
		);
		if (answer === goBack) {
			return goBack;
		}

		if (answer === '' && currentIndex !== -1) {
			return choices[currentIndex]!.value;
		}

		const number = /^\d+$/.test(answer) ? Number(answer) : Number.NaN;
		const chosen = choices[number - 1];
		if (chosen) {
			return chosen.value;
		}

		reader.say(
			answer === ''
				? 'An answer is needed here.'
				: `"${answer}" is not one of the numbers 1 to ${choices.length}.`,
		);
	}
}

const yesNo: ReadonlyArray<Choice<boolean>> = [
	{value: true, label: 'Yes'},
	{value: false, label: 'No'},
];

export async function askYesNo(
	reader: LineReader,
	question: string,
	current: boolean | undefined,
): Promise<boolean | typeof goBack> {
	return askChoice(reader, question, yesNo, current);
}

export type TextRule = {
	/** The problem with a typed value, or undefined when it is acceptable. */
	readonly check: (value: string) => string | undefined;
	/** Whether Enter on an empty field (with no current value) is accepted. */
	readonly optional?: boolean;
};

/**
Free text. The current value is shown in brackets and kept by Enter; a typed
value is checked and the question asked again until it passes.
*/
export async function askText(
	reader: LineReader,
	question: string,
	current: string | undefined,
	rule: TextRule,
): Promise<string | undefined | typeof goBack> {
	const shown = current ? ` [${current}]` : '';
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		const answer = await readAnswer(reader, `${question}${shown}: `);
		if (answer === goBack) {
			return goBack;
		}

		if (answer === '') {
			if (current !== undefined || rule.optional) {
				return current;
			}

			reader.say(`${question} is required.`);
			continue;
		}

		const problem = rule.check(answer);
		if (problem === undefined) {
			return answer;
		}

		reader.say(problem);
	}
}
