import {Box, Text} from 'ink';
import {minimumSize} from './frame-size.js';

export type Props = {
	readonly columns: number;
	readonly rows: number;
};

/**
Shown instead of the page while the terminal is smaller than the pages
need; the page comes back, as it was, once the window is large enough.
*/
export default function SizeNotice({columns, rows}: Props) {
	return (
		<Box flexDirection="column" width={Math.max(1, columns - 1)}>
			<Text bold>The window is too small.</Text>
			<Text>
				It is {columns}x{rows}; this setup needs at least {minimumSize.columns}x
				{minimumSize.rows} (columns x rows).
			</Text>
			<Text>Make the window larger: what you entered is kept.</Text>
			<Text dimColor>Ctrl+C quits.</Text>
		</Box>
	);
}
