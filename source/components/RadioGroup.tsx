import {Box, Text} from 'ink';
import type {Choice} from '../flow/choices.js';
import {Pointer} from './Checkbox.js';
import {useGlyphs} from './Glyphs.js';

export type Props<V extends string> = {
	readonly label?: string;
	readonly options: ReadonlyArray<Choice<V>>;
	/** The chosen option. */
	readonly value: V | undefined;
	/** The option the cursor is on while the group has focus. */
	readonly cursor: number;
	readonly isFocused: boolean;
	/**
	Lay the options out side by side, for short labels on a full page.
	@default 'column'
	*/
	readonly direction?: 'row' | 'column';
};

/**
One choice out of several. Up and Down move the cursor, Space chooses the
option under it (the page handles the keys).
*/
export default function RadioGroup<V extends string>({
	label,
	options,
	value,
	cursor,
	isFocused,
	direction = 'column',
}: Props<V>) {
	const glyphs = useGlyphs();
	const items = options.map((option, index) => {
		const underCursor = isFocused && index === cursor;
		const mark = option.value === value ? glyphs.chosen : glyphs.notChosen;
		return (
			<Text key={option.value}>
				<Pointer isFocused={underCursor} />
				<Text color={underCursor ? 'cyan' : undefined}>
					{mark} {option.label}
				</Text>
			</Text>
		);
	});

	// Side by side, an option's pointer fills the two columns before it; the
	// gap keeps a pointer from touching the end of the option on its left.
	const gap = direction === 'row' ? 1 : 0;
	return (
		<Box flexDirection="column">
			{label ? <Text bold={isFocused}>{label}</Text> : null}
			<Box flexDirection={direction} columnGap={gap}>
				{items}
			</Box>
		</Box>
	);
}
