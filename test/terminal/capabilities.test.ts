import {expect, test} from 'vitest';
import {
	isDumbTerminal,
	wantsAscii,
} from '../../source/terminal/capabilities.js';

const unix = (env: Record<string, string>) =>
	wantsAscii({env, platform: 'linux'});
const windows = (env: Record<string, string>) =>
	wantsAscii({env, platform: 'win32'});

test('a UTF-8 locale on Unix draws Unicode', () => {
	expect(unix({TERM: 'xterm-256color', LANG: 'en_US.UTF-8'})).toBe(false);
	expect(unix({TERM: 'xterm', LANG: 'C', LC_ALL: 'de_DE.utf8'})).toBe(false);
	expect(unix({TERM: 'screen', LC_CTYPE: 'C.UTF-8'})).toBe(false);
});

test('a locale that is not UTF-8 draws ASCII', () => {
	expect(unix({TERM: 'xterm', LANG: 'en_US.ISO-8859-1'})).toBe(true);
	expect(unix({TERM: 'xterm', LANG: 'C'})).toBe(true);
	expect(unix({TERM: 'xterm', LANG: 'POSIX'})).toBe(true);
	// LC_ALL wins over LANG, and an empty one counts as unset.
	expect(unix({TERM: 'xterm', LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(true);
	expect(unix({TERM: 'xterm', LC_ALL: '', LANG: 'en_US.UTF-8'})).toBe(false);
});

test('with no locale set, nothing speaks against Unicode', () => {
	expect(unix({TERM: 'xterm-256color'})).toBe(false);
});

test('the Linux console draws ASCII whatever the locale', () => {
	expect(unix({TERM: 'linux', LANG: 'en_US.UTF-8'})).toBe(true);
});

test('the classic Windows console draws ASCII', () => {
	expect(windows({})).toBe(true);
	expect(windows({LANG: 'en_US.UTF-8'})).toBe(true);
});

test('Windows Terminal, ConEmu, editors, mintty and SSH sessions draw Unicode', () => {
	expect(windows({WT_SESSION: '0b6c7d4e-1b1f-4a7e-9d3e-2f5b8f1c9a00'})).toBe(
		false,
	);
	expect(windows({ConEmuANSI: 'ON'})).toBe(false);
	expect(windows({ConEmuANSI: 'OFF'})).toBe(true);
	expect(windows({TERM_PROGRAM: 'vscode'})).toBe(false);
	expect(windows({TERM: 'xterm'})).toBe(false);
	expect(windows({SSH_CONNECTION: '192.0.2.5 50022 192.0.2.9 22'})).toBe(false);
});

test('only TERM=dumb is a dumb terminal', () => {
	expect(isDumbTerminal({env: {TERM: 'dumb'}})).toBe(true);
	expect(isDumbTerminal({env: {TERM: 'xterm'}})).toBe(false);
	expect(isDumbTerminal({env: {}})).toBe(false);
});
