/** Key sequences as a VT terminal sends them, one key per write. */
export const keys = {
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	space: ' ',
	f1: '\u001BOP',
	ctrlC: '\u0003',
	backspace: '\u007F',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
} as const;
