/*
The terminal's size, kept current as the window is resized, so the page is
laid out again for the new size.
*/
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

/** A stream that reports no size (a pipe, a test double) counts as 80x24. */
function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export default function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = sizeOf(stdout);
			setSize(current =>
				current.columns === next.columns && current.rows === next.rows
					? current
					: next,
			);
		};

		stdout.on('resize', onResize);
		// A resize between the first frame and this effect is not missed.
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
