import {Text, type Key} from 'ink';
import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {useKeyListener} from '../hooks/use-keys.js';

export type Props = {
	readonly value: string;
	/** Whether typed keys edit this value. */
	readonly isActive: boolean;
	readonly onChange: (value: string) => void;
	/** Shown dimmed while the value is empty. */
	readonly placeholder?: string;
	/** Hide what is typed: each character shows as this one. */
	readonly mask?: string;
};

/**
The editable text of a field, with a cursor that Left and Right move.

It listens from the moment it is drawn, with one callback that reads the
latest value, focus and cursor from a ref. Ink subscribes useInput callbacks
in an effect that runs a moment after the frame is drawn, so an editor that
subscribed on focus, or a new callback on every render as ink-text-input
does, loses or misplaces keys typed in that moment: the first letter after
Tab, or letters typed quickly over a slow connection. In the app it hears
keys from the app's listener, which hands typed-ahead keys over one at a
time (see use-keys.ts).
*/
export default function LineEditor({
	value,
	isActive,
	onChange,
	placeholder = '',
	mask,
}: Props) {
	const [cursor, setCursor] = useState(value.length);
	const at = Math.min(cursor, value.length);
	const latest = useRef({value, at, isActive, onChange});
	useLayoutEffect(() => {
		latest.current = {value, at, isActive, onChange};
	});

	const onInput = useCallback((input: string, key: Key) => {
		const state = latest.current;
		const edit = editLine(state.value, state.at, input, key);
		if (!state.isActive || !edit) {
			return;
		}

		// A second key read before React draws again builds on this one.
		latest.current = {...state, value: edit.value, at: edit.at};
		setCursor(edit.at);
		if (edit.value !== state.value) {
			state.onChange(edit.value);
		}
	}, []);
	useKeyListener(onInput);

	const shown = mask ? mask.repeat(value.length) : value;
	if (!isActive) {
		return (
			<Text dimColor={value === ''}>{value === '' ? placeholder : shown}</Text>
		);
	}

	if (value === '') {
		return (
			<Text>
				<Text inverse>{placeholder.slice(0, 1) || ' '}</Text>
				<Text dimColor>{placeholder.slice(1)}</Text>
			</Text>
		);
	}

	return (
		<Text>
			{shown.slice(0, at)}
			<Text inverse>{shown.slice(at, at + 1) || ' '}</Text>
			{shown.slice(at + 1)}
		</Text>
	);
}

/**
What a key does to the line: undefined for keys that are not the editor's
(focus moves, Next, Back, Ctrl and Alt chords), which the page handles.
*/
export function editLine(
	value: string,
	at: number,
	input: string,
	key: Key,
): {value: string; at: number} | undefined {
	if (key.leftArrow) {
		return {value, at: Math.max(0, at - 1)};
	}

	if (key.rightArrow) {
		return {value, at: Math.min(value.length, at + 1)};
	}

	if (key.home) {
		return {value, at: 0};
	}

	if (key.end) {
		return {value, at: value.length};
	}

	// Ink 6 reports the Backspace key (0x7F) as delete; both erase backwards.
	if (key.backspace || key.delete) {
		return at === 0
			? {value, at}
			: {value: value.slice(0, at - 1) + value.slice(at), at: at - 1};
	}

	if (
		key.upArrow ||
		key.downArrow ||
		key.tab ||
		key.return ||
		key.escape ||
		key.pageUp ||
		key.pageDown ||
		key.ctrl ||
		key.meta ||
		input === ''
	) {
		return undefined;
	}

	// A paste arrives as one input; line breaks in it have no place here.
	// eslint-disable-next-line no-control-regex -- they are what it removes
	const text = input.replaceAll(/[\u0000-\u001F\u007F]/g, '');
	return {
		value: value.slice(0, at) + text + value.slice(at),
		at: at + text.length,
	};
}
