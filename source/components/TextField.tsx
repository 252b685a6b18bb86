import {Box, Text} from 'ink';
import {createContext, useContext} from 'react';
import {Pointer} from './Checkbox.js';
import LineEditor from './LineEditor.js';

export type Props = {
	readonly label: string;
	readonly value: string;
	readonly isFocused: boolean;
	readonly onChange: (value: string) => void;
	/** Shown dimmed while the field is empty. */
	readonly placeholder?: string;
	/** Hide what is typed: each character shows as this one. */
	readonly mask?: string;
	/**
	Columns for the label, so the inputs of a page line up.
	@default 0
	*/
	readonly labelWidth?: number;
};

/**
False while something covers the page (the help screen): the field then
stops reading keys even though it keeps its focus.
*/
export const TextInputEnabled = createContext(true);

/**
A one-line text input. Its editor reads the keys while the field has focus;
it leaves Tab and Up/Down alone, so the page can move focus.
*/
export default function TextField({
	label,
	value,
	isFocused,
	onChange,
	placeholder,
	mask,
	labelWidth = 0,
}: Props) {
	const enabled = useContext(TextInputEnabled);
	const isActive = isFocused && enabled;
	return (
		<Box>
			<Pointer isFocused={isFocused} />
			<Box width={labelWidth || undefined} flexShrink={0}>
				<Text color={isFocused ? 'cyan' : undefined}>{label}: </Text>
			</Box>
			<LineEditor
				value={value}
				isActive={isActive}
				placeholder={placeholder}
				mask={mask}
				onChange={onChange}
			/>
		</Box>
	);
}
