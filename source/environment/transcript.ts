/*
The detection transcript behind --log FILE: one JSON object per line for
every probe, so an administrator (or support) can see what ran, for how
long, and what failed, without running it again.

It holds what an administrator needs to act on: server names, URLs, DNS
names and their answers, the email address Autodiscover was asked about
(it is in the v2 URL), error ids and the error messages the world gave.
It never holds a password or other secret: no script's arguments, no HTTP
body, and from a run marked sensitive (the one given a secret) only its
script name, time, outcome and error ids.
*/
import fs from 'node:fs';
import type {ErrorCategory} from './types.js';

export type TranscriptEntry = ShellEntry | AutodiscoverEntry | DnsEntry;

/** A PowerShell started or ended, or a probe script ran. */
export type ShellEntry = {
	/** What happened: a shell started or ended, or a script ran. */
	readonly event: 'shell-start' | 'shell-exit' | 'probe';
	/** The probe script's name, e.g. "host" or "exchange". */
	readonly script?: string;
	readonly ms?: number;
	readonly pid?: number;
	/** "Desktop 5.1.17763.1", "Core 7.6.0"; "simulated" for --simulate. */
	readonly shell?: string;
	readonly executable?: string;
	/** `ok`, or the category the run ended with (timeout, shell-crashed...). */
	readonly outcome?: string;
	/**
	The FullyQualifiedErrorId of each check that failed, by check name. A
	check without one gives its message, or "error" in a sensitive run.
	*/
	readonly errorIds?: Readonly<Record<string, string>>;
	/** Whatever PowerShell wrote on its error stream, trimmed. */
	readonly stderr?: string;
	readonly exitCode?: number | null;
};

/** One Autodiscover candidate, as the Detecting page lists it. */
export type AutodiscoverEntry = {
	readonly event: 'autodiscover';
	/** The step: scp, domain, autodiscover-domain, redirect, srv or json. */
	readonly step: string;
	/** The URL asked; the SRV name or "Active Directory" when none was. */
	readonly url: string;
	readonly outcome: 'found' | 'failed' | 'redirected' | 'not-tried';
	/** The HTTP status, when a server answered. */
	readonly status?: number;
	/** How the call failed, as classified: dns, not-found, timeout... */
	readonly error?: ErrorCategory;
	/** As on screen: "404 not found", "302 to https://...", "EWS at ...". */
	readonly detail: string;
	readonly ms: number;
};

/** One DNS lookup. */
export type DnsEntry = {
	readonly event: 'dns';
	readonly type: 'MX' | 'SRV';
	readonly name: string;
	readonly ms: number;
	/** `ok`, or the category of the failure. */
	readonly outcome: string;
	/** "10 mail.contoso.com" (MX) or "0 0 443 mail.contoso.com" (SRV). */
	readonly records?: readonly string[];
	/** The resolver's message, when the lookup failed. */
	readonly message?: string;
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
