import {expect, test} from 'vitest';
import {
	firstCharacter,
	holdsSeveralKeys,
	splitKeys,
} from '../../source/hooks/split-keys.js';

/** The events as short names, for readable expectations. */
function names(chunk: string): string[] {
	return splitKeys(chunk).map(({input, key}) => {
		if (key.tab) {
			return 'Tab';
		}

		if (key.return) {
			return 'Enter';
		}

		if (key.delete || key.backspace) {
			return key.delete ? 'Backspace' : 'Ctrl+H';
		}

		if (key.ctrl) {
			return `Ctrl+${input.toUpperCase()}`;
		}

		return JSON.stringify(input);
	});
}

test('typed-ahead Tabs, text and Enter come apart in the order sent', () => {
	expect(names('\t\tk2svc@contoso.com\r')).toEqual([
		'Tab',
		'Tab',
		'"k2svc@contoso.com"',
		'Enter',
	]);
});

test('a pasted text stays one run, spaces and all', () => {
	const pasted = String.raw`CONTOSO\svc k2 ü`;
	expect(names(pasted)).toEqual([JSON.stringify(pasted)]);
});

test('both Backspace codes, Ctrl+C and other control keys are keys', () => {
	expect(names('ab\u007F\bc\u0003\u0001')).toEqual([
		'"ab"',
		'Backspace',
		'Ctrl+H',
		'"c"',
		'Ctrl+C',
		'Ctrl+A',
	]);
});

test('a line feed is Enter, and a carriage return with a line feed is one', () => {
	expect(names('a\nb\r\nc\r\r')).toEqual([
		'"a"',
		'Enter',
		'"b"',
		'Enter',
		'"c"',
		'Enter',
		'Enter',
	]);
});

test('keys carry the flags Ink gives them when sent alone', () => {
	const [tab, upper, ctrlC] = splitKeys('\tK\u0003');
	expect(tab).toMatchObject({input: '', key: {tab: true, ctrl: false}});
	expect(upper).toMatchObject({input: 'K', key: {shift: true}});
	expect(ctrlC).toMatchObject({input: 'c', key: {ctrl: true, tab: false}});
});

test('only chunks of more than one character without escapes need splitting', () => {
	expect(holdsSeveralKeys('\t')).toBe(false);
	expect(holdsSeveralKeys('é')).toBe(false);
	expect(holdsSeveralKeys('\t\t')).toBe(true);
	expect(holdsSeveralKeys('ab')).toBe(true);
	expect(holdsSeveralKeys('\u001B[B')).toBe(false);
});

test('a run of text can be handed over a character at a time', () => {
	const [run] = splitKeys('xy');
	const [first, rest] = firstCharacter(run!);
	expect(first.input).toBe('x');
	expect(rest?.input).toBe('y');
	expect(firstCharacter(first)).toEqual([first]);
});
