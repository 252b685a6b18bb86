import {useState} from 'react';
import {expect, test} from 'vitest';
import LineEditor from '../../source/components/LineEditor.js';
import {keys} from '../helpers/keys.js';
import {renderTerminal, tick} from '../helpers/terminal.js';

function Field({isActive = true}: {readonly isActive?: boolean}) {
	const [value, setValue] = useState('');
	return <LineEditor value={value} isActive={isActive} onChange={setValue} />;
}

test('keeps every letter of keys read before the next redraw', async () => {
	const terminal = await renderTerminal(<Field />);
	// Two reads in one turn of the event loop: the second comes before React
	// has drawn the first, as when letters arrive quickly over SSH.
	terminal.stdin.write('k');
	terminal.stdin.write('2');
	terminal.stdin.write('s');
	await terminal.waitForFrame(screen => screen.startsWith('k2s'));
});

test('edits at the cursor and erases backwards', async () => {
	const terminal = await renderTerminal(<Field />);
	for (const key of ['a', 'c', keys.left, 'b', keys.right, keys.backspace]) {
		// eslint-disable-next-line no-await-in-loop
		await terminal.press(key);
	}

	expect(terminal.screen().trimEnd()).toBe('ab');
});

test('takes a paste whole and drops its line breaks', async () => {
	const terminal = await renderTerminal(<Field />);
	await terminal.press('k2svc@contoso.com\r\n');
	expect(terminal.screen().trimEnd()).toBe('k2svc@contoso.com');
});

test('ignores keys while inactive and leaves focus keys to the page', async () => {
	const inactive = await renderTerminal(<Field isActive={false} />);
	await inactive.press('x');
	expect(inactive.screen().trim()).toBe('');
	const active = await renderTerminal(<Field />);
	for (const key of [keys.tab, keys.up, keys.down, keys.enter, keys.escape]) {
		// eslint-disable-next-line no-await-in-loop
		await active.press(key);
	}

	await tick();
	expect(active.screen().trim()).toBe('');
});
