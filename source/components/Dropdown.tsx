import {Box, Text} from 'ink';
import SelectInput, {
	type IndicatorProps,
	type ItemProps,
} from 'ink-select-input';
import type {Choice} from '../flow/choices.js';
import {Pointer} from './Checkbox.js';
import {useGlyphs} from './Glyphs.js';

export type Props<V extends string> = {
	readonly label: string;
	readonly options: ReadonlyArray<Choice<V>>;
	readonly value: V | undefined;
	readonly isFocused: boolean;
	readonly isOpen: boolean;
	/** The option the cursor is on while the list is open. */
	readonly highlight: number;
	/**
	Options shown at once; a longer list scrolls.
	@default 6
	*/
	readonly limit?: number;
	/** Columns for the closed field's text. */
	readonly width: number;
	/** Shown when nothing is chosen yet. */
	readonly placeholder?: string;
};

/**
A list to choose one item from. Closed, it shows the choice; Space opens it,
Up and Down move, Enter chooses, Esc closes (the page handles the keys).

ink-select-input draws the list but never listens to the keyboard here: it
would choose an item on a number key, and the contract says number keys
never choose by themselves. The page moves the highlight instead, and the
list is redrawn around it.
*/
export default function Dropdown<V extends string>({
	label,
	options,
	value,
	isFocused,
	isOpen,
	highlight,
	limit = 6,
	width,
	placeholder = 'choose one',
}: Props<V>) {
	const glyphs = useGlyphs();
	const chosen = options.find(option => option.value === value);
	const text = chosen?.label ?? value ?? placeholder;
	const top = windowTop(highlight, options.length, limit);
	const visible = options.slice(top, top + limit);
	const below = options.length - top - visible.length;

	return (
		<Box flexDirection="column">
			<Box>
				<Pointer isFocused={isFocused} />
				<Text color={isFocused ? 'cyan' : undefined}>{label}: </Text>
				<Box width={Math.max(8, width - label.length - 4)}>
					<Text wrap="truncate-end" dimColor={value === undefined}>
						{text} {glyphs.open}
					</Text>
				</Box>
			</Box>
			{chosen?.detail && !isOpen ? (
				<Box marginLeft={4}>
					<Text dimColor wrap="truncate-end">
						{chosen.detail}
					</Text>
				</Box>
			) : null}
			{isOpen ? (
				<Box flexDirection="column" marginLeft={4}>
					{top > 0 ? (
						<Text dimColor>
							{glyphs.more.up} {top} more
						</Text>
					) : null}
					<SelectInput
						key={`${top}:${highlight}`}
						isFocused={false}
						items={visible.map(option => ({
							key: option.value,
							label: option.detail
								? `${option.label}\n  ${option.detail}`
								: option.label,
							value: option.value,
						}))}
						initialIndex={highlight - top}
						indicatorComponent={Indicator}
						itemComponent={Item}
					/>
					{below > 0 ? (
						<Text dimColor>
							{glyphs.more.down} {below} more
						</Text>
					) : null}
				</Box>
			) : null}
		</Box>
	);
}

/** The first visible option: the highlight kept in the middle when it can be. */
export function windowTop(
	highlight: number,
	count: number,
	limit: number,
): number {
	if (count <= limit) {
		return 0;
	}

	const centred = highlight - Math.floor(limit / 2);
	return Math.max(0, Math.min(centred, count - limit));
}

function Indicator({isSelected = false}: IndicatorProps) {
	const glyphs = useGlyphs();
	return <Text color="cyan">{isSelected ? `${glyphs.pointer} ` : '  '}</Text>;
}

function Item({isSelected = false, label}: ItemProps) {
	// A label may carry a detail line, which is drawn dimmer.
	const [first, detail] = label.split('\n');
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={isSelected ? 'cyan' : undefined}>
				{first}
			</Text>
			{detail ? (
				<Text dimColor wrap="truncate-end">
					{detail}
				</Text>
			) : null}
		</Box>
	);
}
