import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useGlyphs} from './Glyphs.js';

export type Props = {
	/** One element per row. */
	readonly rows: readonly ReactNode[];
	/** The first row shown. */
	readonly offset: number;
	/** Rows shown at once, the scroll hints included. */
	readonly height: number;
};

/**
A window on rows too many for the page, with a hint above and below when
there is more to see (PgUp and PgDn scroll; the page handles the keys).
*/
export default function Viewport({rows, offset, height}: Props) {
	const glyphs = useGlyphs();
	if (rows.length <= height) {
		return <Box flexDirection="column">{rows}</Box>;
	}

	const top = clampOffset(offset, rows.length, height);
	const inner = height - 2;
	const below = rows.length - top - inner;
	return (
		<Box flexDirection="column">
			<Text dimColor>
				{top > 0 ? `${glyphs.more.up} ${top} more (PgUp)` : ' '}
			</Text>
			{rows.slice(top, top + inner)}
			<Text dimColor>
				{below > 0 ? `${glyphs.more.down} ${below} more (PgDn)` : ' '}
			</Text>
		</Box>
	);
}

/** Keeps an offset within what can be shown. */
export function clampOffset(
	offset: number,
	count: number,
	height: number,
): number {
	if (count <= height) {
		return 0;
	}

	return Math.max(0, Math.min(offset, count - (height - 2)));
}
