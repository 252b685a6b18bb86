/*
The detection transcript behind --log FILE: one JSON object per line for
every probe, so an administrator (or support) can see what ran, for how
long, in which shell, and how PowerShell answered.

It records the name of each script, never its arguments, and never a value
the user typed: secrets, accounts and server names stay out.
*/
import fs from 'node:fs';

export type TranscriptEntry = {
	/** What happened: a shell started or ended, or a script ran. */
	readonly event: 'shell-start' | 'shell-exit' | 'probe';
	/** The probe script's name, e.g. "host" or "exchange". */
	readonly script?: string;
	readonly ms?: number;
	readonly pid?: number;
	/** "Desktop 5.1.17763.1" or "Core 7.6.0". */
	readonly shell?: string;
	readonly executable?: string;
	/** ok, or the category the run ended with (timeout, shell-crashed...). */
	readonly outcome?: string;
	/** FullyQualifiedErrorIds of the checks that failed, by check name. */
	readonly errorIds?: Readonly<Record<string, string>>;
	/** Whatever PowerShell wrote on its error stream, trimmed. */
	readonly stderr?: string;
	readonly exitCode?: number | null;
};

export type Transcript = {
	write(entry: TranscriptEntry): void;
};

/**
A transcript that appends to a file. The file is opened at once, so a path
that cannot be written is an error before detection starts; after that, a
failed write is dropped rather than allowed to break detection.
*/
export function createTranscript(file: string): Transcript {
	try {
		fs.closeSync(fs.openSync(file, 'a', 0o600));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Cannot write the log file ${file}: ${reason}`);
	}

	return {
		write(entry) {
			const line =
				JSON.stringify({time: new Date().toISOString(), ...entry}) + '\n';
			try {
				fs.appendFileSync(file, line, 'utf8');
			} catch {
				// The transcript is a diagnostic; detection goes on without it.
			}
		},
	};
}

/** A transcript that keeps nothing. */
export const noTranscript: Transcript = {
	write() {
		// Nothing to keep.
	},
};
