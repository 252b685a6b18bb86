/*
What the terminal can show, judged from the environment before anything is
drawn: whether it can draw Unicode symbols and box drawing, and whether it
is a dumb terminal that gets plain lines instead of a screen.
*/

export type TerminalEnvironment = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly platform: NodeJS.Platform;
};

function set(value: string | undefined): value is string {
	return value !== undefined && value !== '';
}

/** TERM=dumb: no cursor movement, so no screen; plain lines instead. */
export function isDumbTerminal({env}: Pick<TerminalEnvironment, 'env'>) {
	return env['TERM'] === 'dumb';
}

/**
Whether the screen is drawn in plain ASCII rather than Unicode symbols and
box drawing, when --ascii does not say so.

- Unix: the Linux virtual console (TERM=linux), whose fonts hold few
  symbols, and a locale that is not UTF-8 (C and POSIX included). The
  locale is the first of LC_ALL, LC_CTYPE and LANG that is set, as the C
  library reads it. With none set (containers, services) nothing is known
  about the terminal, and Node writes UTF-8 whatever the locale, so Unicode
  is kept.
- Windows: the classic console (conhost) draws with fonts that lack the
  check marks and spinner dots, so Unicode is used only where a modern
  terminal draws: Windows Terminal (WT_SESSION), ConEmu (ConEmuANSI=ON),
  an editor's terminal (TERM_PROGRAM), mintty (TERM set by it), or an SSH
  session, where the client's terminal draws.
*/
export function wantsAscii({env, platform}: TerminalEnvironment): boolean {
	if (platform === 'win32') {
		const modernTerminal =
			set(env['WT_SESSION']) ||
			env['ConEmuANSI'] === 'ON' ||
			set(env['TERM_PROGRAM']) ||
			set(env['TERM']) ||
			set(env['SSH_CONNECTION']) ||
			set(env['SSH_CLIENT']);
		return !modernTerminal;
	}

	if (env['TERM'] === 'linux') {
		return true;
	}

	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(value =>
		set(value),
	);
	return locale !== undefined && !/utf-?8/i.test(locale);
}
