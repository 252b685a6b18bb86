/*
How big the frame is drawn on a terminal of a given size, and whether the
terminal is big enough for the pages at all.
*/

/** The smallest terminal every page is designed for (SPEC: 80x24). */
export const minimumSize = {columns: 80, rows: 24} as const;

/**
Wider than this, lines of text get hard to follow; the frame stops growing
and the rest of the window stays empty.
*/
export const widestFrame = 120;

export type FrameSize =
	| {readonly fits: true; readonly width: number; readonly height: number}
	| {readonly fits: false; readonly columns: number; readonly rows: number};

/**
The frame keeps one row and one column free: a frame as tall as the
terminal flickers in Ink 6, and Windows consoles wrap a line that fills the
last column.
*/
export function frameSize(columns: number, rows: number): FrameSize {
	if (columns < minimumSize.columns || rows < minimumSize.rows) {
		return {fits: false, columns, rows};
	}

	return {
		fits: true,
		width: Math.min(columns, widestFrame + 1) - 1,
		height: rows - 1,
	};
}
