/*
Ink 6 splits what it reads from the terminal only at escape sequences, so
keys typed ahead over a slow link, or sent by tmux or expect in one write,
reach the app as one input: "\t\tk2svc@contoso.com\r" would be neither two
Tabs, nor text, nor Enter. This takes such a chunk apart into the keys a
terminal sends one at a time, keeping each run of printable characters
together so a pasted text still arrives as text.
*/
import type {Key} from 'ink';

/** One key, or a run of text, with the flags Ink gives it when sent alone. */
export type KeyEvent = {
	readonly input: string;
	readonly key: Key;
};

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

function control(character: string): KeyEvent {
	switch (character) {
		case '\t': {
			return {input: '', key: {...noKey, tab: true}};
		}

		case '\r':
		case '\n': {
			return {input: '', key: {...noKey, return: true}};
		}

		// Ink 6 reports the Backspace key (0x7F) as delete and Ctrl+H as
		// backspace; the same flags keep pages from telling a difference.
		case '\u007F': {
			return {input: '', key: {...noKey, delete: true}};
		}

		case '\b': {
			return {input: '', key: {...noKey, backspace: true}};
		}

		default: {
			const code = character.codePointAt(0)!;
			// Ctrl+A to Ctrl+Z arrive as 1 to 26; Ink names them by the letter.
			const letter =
				code >= 1 && code <= 26 ? String.fromCodePoint(code + 96) : '';
			return {input: letter, key: {...noKey, ctrl: true}};
		}
	}
}

function text(run: string): KeyEvent {
	// As Ink does for a single key: an upper-case letter is a shifted one.
	return {input: run, key: {...noKey, shift: /^[A-Z]$/.test(run)}};
}

function isControl(character: string): boolean {
	const code = character.codePointAt(0)!;
	return code < 0x20 || code === 0x7f;
}

/**
Splits a chunk without escape sequences into keys and runs of text, in the
order they were sent. Carriage return and line feed together are one Enter,
as a pasted Windows line ends.
*/
export function splitKeys(chunk: string): KeyEvent[] {
	const events: KeyEvent[] = [];
	let run = '';
	let previous = '';
	for (const character of chunk) {
		if (!isControl(character)) {
			run += character;
			previous = character;
			continue;
		}

		if (run) {
			events.push(text(run));
			run = '';
		}

		if (!(character === '\n' && previous === '\r')) {
			events.push(control(character));
		}

		previous = character;
	}

	if (run) {
		events.push(text(run));
	}

	return events;
}

/**
Whether a chunk may hold more than one key, so Ink's reading of it as a
whole could lose some. Escape sequences are Ink's to read: it sends each
one on its own.
*/
export function holdsSeveralKeys(chunk: string): boolean {
	return !chunk.includes('\u001B') && [...chunk].length > 1;
}

/** A run of text taken apart into single keys, for a page not typing. */
export function firstCharacter(event: KeyEvent): [KeyEvent, KeyEvent?] {
	const [first, ...rest] = event.input;
	if (first === undefined || rest.length === 0 || event.key.ctrl) {
		return [event];
	}

	return [text(first), text(rest.join(''))];
}
