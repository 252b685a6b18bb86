import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useGlyphs} from './Glyphs.js';
import KeyHints, {type Hint} from './KeyHints.js';

export type Props = {
	readonly title: string;
	/** Where this page stands, such as "3 of 6". */
	readonly step: string;
	readonly hints: readonly Hint[];
	/** Columns of the frame, borders included. */
	readonly width: number;
	/** Rows of the frame, borders included. */
	readonly height: number;
	readonly children: ReactNode;
};

/**
The box every page is drawn in: the title and step on top, the page, and the
keys in use at the bottom. Its size is fixed so the footer never moves and
the screen does not jump between pages.
*/
export default function Frame({
	title,
	step,
	hints,
	width,
	height,
	children,
}: Props) {
	const glyphs = useGlyphs();
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			borderStyle={glyphs.border}
			paddingX={1}
		>
			<Box justifyContent="space-between">
				<Text bold wrap="truncate-end">
					{title}
				</Text>
				<Text dimColor>Step {step}</Text>
			</Box>
			<Box flexDirection="column" flexGrow={1} overflow="hidden" marginTop={1}>
				{/* Rows that do not fit are cut off at the bottom, not squeezed
				on top of each other. */}
				<Box flexDirection="column" flexShrink={0}>
					{children}
				</Box>
			</Box>
			<KeyHints hints={hints} />
		</Box>
	);
}
