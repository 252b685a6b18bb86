import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {createContext, useContext} from 'react';
import {Pointer} from './Checkbox.js';

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
A one-line text input. ink-text-input reads the keys while the field has
focus; it leaves Tab and the arrows alone, so the page can move focus.
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
	return (
		<Box>
			<Pointer isFocused={isFocused} />
			<Box width={labelWidth || undefined} flexShrink={0}>
				<Text color={isFocused ? 'cyan' : undefined}>{label}: </Text>
			</Box>
			{isFocused ? (
				<TextInput
					value={value}
					focus={enabled}
					placeholder={placeholder}
					mask={mask}
					onChange={onChange}
				/>
			) : (
				<Text dimColor={value === ''}>
					{value === ''
						? (placeholder ?? '')
						: mask
							? mask.repeat(value.length)
							: value}
				</Text>
			)}
		</Box>
	);
}
