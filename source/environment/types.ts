/*
What the tool asks of the world, behind one interface.

Three implementations answer it: the simulated one (a scenario file), the
real one (PowerShell, DNS, HTTPS), and in tests the real one pointed at
stand-ins built from a scenario. Each call returns facts, never verdicts:
turning facts into pass, warn or fail is the detection module's job, so every
implementation is judged by the same rules.

No call rejects for a failure of the world. A failure is data: an Outcome
with ok false and a classified error. Calls reject only for misuse.
*/
import type {Transcript} from './transcript.js';

/**
Why a call failed, in terms an administrator can act on.
*/
export type ErrorCategory =
	| 'dns'
	| 'unreachable'
	| 'kerberos'
	| 'access-denied'
	| 'endpoint'
	| 'no-language'
	| 'permission'
	| 'platform'
	| 'policy'
	| 'timeout'
	| 'cancelled'
	| 'shell-missing'
	/** A PowerShell older than 3.0, which cannot run the probes. */
	| 'shell-too-old'
	| 'shell-crashed'
	| 'connection-refused'
	| 'tls-untrusted'
	| 'not-found'
	| 'unauthorized'
	| 'unknown';

export type ProbeError = {
	readonly category: ErrorCategory;
	/** The message as the world gave it (PowerShell, the resolver, HTTP). */
	readonly message: string;
	/** PowerShell's FullyQualifiedErrorId, when there is one. */
	readonly errorId?: string;
};

export type Outcome<T> =
	| {readonly ok: true; readonly value: T}
	| {readonly ok: false; readonly error: ProbeError};

export type CallOptions = {
	/** Aborts the call; the outcome is then a 'cancelled' error. */
	readonly signal?: AbortSignal;
	/** Ends the call with a 'timeout' error after this many milliseconds. */
	readonly timeoutMs?: number;
};

export type PowerShellFacts = {
	readonly computerName: string;
	/** $PSVersionTable.PSVersion, e.g. "5.1.17763.1". */
	readonly version: string;
	/** "Desktop" (Windows PowerShell) or "Core" (pwsh). */
	readonly edition: string;
	/** FullLanguage, ConstrainedLanguage, RestrictedLanguage or NoLanguage. */
	readonly languageMode: string;
	/** The effective execution policy, e.g. "RemoteSigned". */
	readonly executionPolicy: string;
};

export type AccountFacts = {
	/** DOMAIN\user of the account running the tool. */
	readonly name: string;
	/** DOMAIN\group names from the account's logon token. */
	readonly groups: readonly string[];
};

/**
The local checks, answered in one round trip.
*/
export type HostFacts = {
	readonly powershell: Outcome<PowerShellFacts>;
	/** The WinRM service status, e.g. "Running" or "Stopped". */
	readonly winrm: Outcome<string>;
	readonly account: Outcome<AccountFacts>;
	/** Autodiscover URLs from Active Directory's service connection points. */
	readonly scp: Outcome<readonly string[]>;
	/** `new`, `upgrade` or `reconfigure`: what kind of K2 install this is. */
	readonly installMode: InstallMode;
};

export type InstallMode = 'new' | 'upgrade' | 'reconfigure';

export type ExchangeServerFacts = {
	readonly name: string;
	readonly fqdn: string;
	/** As Get-ExchangeServer reports it: "Version 15.2 (Build 1544.4)". */
	readonly adminDisplayVersion: string;
	readonly roles: readonly string[];
	readonly site: string;
};

export type MailboxDatabaseFacts = {
	readonly name: string;
	/** FQDN of the server that holds it. */
	readonly server: string;
	/** Exchange 2007 only; null elsewhere. */
	readonly storageGroup: string | null;
};

export type RoleAssignmentFacts = {
	readonly role: string;
	readonly assignee: string;
};

/**
What one Exchange remote session found. The session is opened once; each
query inside it succeeds or fails on its own.
*/
export type ExchangeFacts = {
	/** FQDN of the server the session was opened to. */
	readonly connectedTo: Outcome<string>;
	readonly servers: Outcome<readonly ExchangeServerFacts[]>;
	/** Service name to status, per server FQDN. */
	readonly services: Outcome<
		Readonly<Record<string, Readonly<Record<string, string>>>>
	>;
	readonly databases: Outcome<readonly MailboxDatabaseFacts[]>;
	/** Role group name to its members (DOMAIN\user). */
	readonly roleGroups: Outcome<Readonly<Record<string, readonly string[]>>>;
	readonly roleAssignments: Outcome<readonly RoleAssignmentFacts[]>;
};

export type MxRecord = {readonly exchange: string; readonly priority: number};

export type SrvRecord = {
	readonly name: string;
	readonly port: number;
	readonly priority: number;
	readonly weight: number;
};

export type HttpRequest = {
	readonly method: 'GET' | 'POST';
	readonly url: string;
	readonly body?: string;
	readonly headers?: Readonly<Record<string, string>>;
};

export type HttpResponse = {
	readonly status: number;
	/** Header names in lower case. */
	readonly headers: Readonly<Record<string, string>>;
	readonly body: string;
};

export type Environment = {
	/** One line for the screen: "simulated: contoso-2019", "this computer". */
	readonly description: string;
	/**
	Where this environment's calls are recorded (--log). Detection adds its
	Autodiscover attempts, as only it knows each candidate's step.
	*/
	readonly transcript?: Transcript;
	/** PowerShell, WinRM, the account, SCP: one round trip. */
	probeHost(options?: CallOptions): Promise<HostFacts>;
	/** Servers, services, databases and rights: one remote session. */
	probeExchange(server: string, options?: CallOptions): Promise<ExchangeFacts>;
	resolveMx(
		domain: string,
		options?: CallOptions,
	): Promise<Outcome<MxRecord[]>>;
	resolveSrv(
		name: string,
		options?: CallOptions,
	): Promise<Outcome<SrvRecord[]>>;
	/** One HTTP exchange, redirects not followed. */
	fetch(
		request: HttpRequest,
		options?: CallOptions,
	): Promise<Outcome<HttpResponse>>;
	/** Ends every process and socket the environment holds. Idempotent. */
	dispose(): Promise<void>;
};
