import {expect, test} from 'vitest';
import {frameSize} from '../../source/components/frame-size.js';

test('80x24 gets a frame one column and one row smaller', () => {
	expect(frameSize(80, 24)).toEqual({fits: true, width: 79, height: 23});
});

test('a larger window gets a larger frame, up to a readable width', () => {
	expect(frameSize(100, 40)).toEqual({fits: true, width: 99, height: 39});
	expect(frameSize(300, 50)).toEqual({fits: true, width: 120, height: 49});
});

test('a window narrower or shorter than 80x24 does not fit', () => {
	expect(frameSize(79, 24)).toEqual({fits: false, columns: 79, rows: 24});
	expect(frameSize(200, 23)).toEqual({fits: false, columns: 200, rows: 23});
});
