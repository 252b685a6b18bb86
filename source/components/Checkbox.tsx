import {Box, Text} from 'ink';
import {useGlyphs} from './Glyphs.js';

export type Props = {
	readonly label: string;
	readonly isChecked: boolean;
	/** Whether keyboard focus is on this checkbox. */
	readonly isFocused: boolean;
	/**
	A checkbox that cannot be ticked here, shown greyed with this reason
	underneath instead of being hidden.
	*/
	readonly disabledReason?: string;
};

/** A tick box; Space ticks and unticks it (the page handles the key). */
export default function Checkbox({
	label,
	isChecked,
	isFocused,
	disabledReason,
}: Props) {
	const glyphs = useGlyphs();
	const mark = isChecked ? glyphs.checked : glyphs.unchecked;
	if (disabledReason) {
		return (
			<Box flexDirection="column">
				<Text dimColor>
					{'  '}
					{glyphs.unchecked} {label}
				</Text>
				<Box marginLeft={6}>
					<Text dimColor>{disabledReason}</Text>
				</Box>
			</Box>
		);
	}

	return (
		<Text>
			<Pointer isFocused={isFocused} />
			<Text color={isFocused ? 'cyan' : undefined}>
				{mark} {label}
			</Text>
		</Text>
	);
}

/** Two columns that show where focus is, even without colour. */
export function Pointer({isFocused}: {readonly isFocused: boolean}) {
	const glyphs = useGlyphs();
	return <Text color="cyan">{isFocused ? `${glyphs.pointer} ` : '  '}</Text>;
}
