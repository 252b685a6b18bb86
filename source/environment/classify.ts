/*
Turns a raw failure (a PowerShell ErrorRecord, a Node network error, a
resolver error) into a category an administrator can act on.

Identifiers are checked before message text: PowerShell messages are
localised, its FullyQualifiedErrorId and the WinRM transport codes are not.
English messages are the fallback.
*/
import type {ErrorCategory} from './types.js';

export type RawError = {
	/** PowerShell's FullyQualifiedErrorId, or a Node error code. */
	readonly errorId?: string;
	readonly message: string;
	/** The .NET exception type, e.g. System.Management.Automation.PSSecurityException. */
	readonly exceptionType?: string;
	/** PSRemotingTransportException.ErrorCode: decimal, negative or hex. */
	readonly transportCode?: number | string;
};

type Rule = readonly [RegExp, ErrorCategory];

const errorIdRules: readonly Rule[] = [
	[/ComputerNotFound/i, 'dns'],
	[/AccessDenied/i, 'access-denied'],
	[/ScriptsNotAllowed|NoLanguage/i, 'no-language'],
	[/CommandNotFound/i, 'permission'],
	[/UnauthorizedAccess|PSSecurityException/i, 'policy'],
	[/CannotConnect/i, 'unreachable'],
	[/OperationTimeout|TimeoutException/i, 'timeout'],
	[/^(?:ENOTFOUND|EAI_AGAIN|EAI_NONAME|ENODATA|ESERVFAIL|NXDOMAIN)$/, 'dns'],
	[/^ECONNREFUSED$/, 'connection-refused'],
	[
		/^(?:ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/,
		'timeout',
	],
	[/^(?:ECONNRESET|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|EPIPE)$/, 'unreachable'],
	[
		/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/,
		'tls-untrusted',
	],
	[/^ENOENT$/, 'shell-missing'],
	// What the probe runtime answers on PowerShell 2.0.
	[/^PowerShellVersionTooOld$/, 'shell-too-old'],
	[/^(?:ABORT_ERR|AbortError)$/, 'cancelled'],
];

/** WinRM and Win32 codes, unsigned. */
const transportCodes = new Map<number, ErrorCategory>([
	[5, 'access-denied'],
	[53, 'unreachable'],
	[1396, 'kerberos'],
	[1460, 'timeout'],
	[0x80_33_80_12, 'unreachable'],
	[0x80_33_80_9d, 'kerberos'],
	[0x80_09_03_0e, 'kerberos'],
	[0x80_09_03_22, 'kerberos'],
	[0x80_07_00_05, 'access-denied'],
]);

const exceptionRules: readonly Rule[] = [
	[/PSSecurityException/, 'policy'],
	[/CommandNotFoundException/, 'permission'],
	[/PlatformNotSupportedException/, 'platform'],
	[/TimeoutException/, 'timeout'],
	[/OperationCanceledException|TaskCanceledException/, 'cancelled'],
	[/AuthenticationException/, 'tls-untrusted'],
];

// Order matters: Kerberos failures also say "cannot find the computer", and
// many remoting failures start with "Connecting to remote server … failed".
const messageRules: readonly Rule[] = [
	[/no supported WSMan client library/i, 'platform'],
	[
		/using Kerberos authentication|target principal name is incorrect|destination is an IP address|\bKerberos\b/i,
		'kerberos',
	],
	[
		/not supported by this runspace|syntax is not supported|NoLanguage mode|ScriptsNotAllowed/i,
		'no-language',
	],
	[
		/running scripts is disabled|is not digitally signed|execution polic|language mode|ConstrainedLanguage/i,
		'policy',
	],
	[/access is denied|access denied/i, 'access-denied'],
	[
		/PowerShell not found|pwsh not found|spawn \S*(?:pwsh|powershell)\S* ENOENT|cannot find (?:the )?(?:PowerShell|pwsh)/i,
		'shell-missing',
	],
	[
		/name cannot be resolved|could not be resolved|No such host is known|ENOTFOUND|EAI_AGAIN|no such record|NXDOMAIN|ENODATA|name or service not known/i,
		'dns',
	],
	[
		/is not recognized as (?:the )?name of a cmdlet|is not recognized as a cmdlet/i,
		'permission',
	],
	[
		/requested HTTP URL was not available|HTTP server error status \(5\d\d\)|HTTP (?:status )?500|Internal Server Error|status code 500/i,
		'endpoint',
	],
	[/ECONNREFUSED|connection refused|actively refused/i, 'connection-refused'],
	[
		/certificate|self[- ]signed|UNABLE_TO_VERIFY|SSL\/TLS secure channel|trust relationship/i,
		'tls-untrusted',
	],
	[
		/cannot connect to the destination|WinRM cannot complete the operation|Unable to connect to the remote server|network path was not found|unreachable|EHOSTUNREACH|ENETUNREACH|ECONNRESET|socket hang up/i,
		'unreachable',
	],
	[/timed out|\btimeout\b|ETIMEDOUT/i, 'timeout'],
	[/\b404\b|\bNot Found\b/i, 'not-found'],
	[/\b401\b|\bUnauthorized\b/i, 'unauthorized'],
	[/\baborted\b|\bcancell?ed\b|AbortError/i, 'cancelled'],
	[
		/exited unexpectedly|stopped unexpectedly|crashed|SIGSEGV|SIGKILL|exit code \d+/i,
		'shell-crashed',
	],
];

function parseTransportCode(code: number | string): number | undefined {
	const value =
		typeof code === 'number'
			? code
			: /^0x[\da-f]+$/i.test(code.trim())
				? Number.parseInt(code.trim().slice(2), 16)
				: Number(code.trim());
	if (!Number.isFinite(value) || !Number.isInteger(value)) {
		return undefined;
	}

	// PowerShell prints HRESULTs as negative Int32 values.
	// eslint-disable-next-line no-bitwise -- to the unsigned 32-bit value
	return value >>> 0;
}

function firstMatch(
	rules: readonly Rule[],
	text: string | undefined,
): ErrorCategory | undefined {
	if (!text) {
		return undefined;
	}

	return rules.find(([pattern]) => pattern.test(text))?.[1];
}

/**
The category of a failure. Pure: the same input gives the same category.
*/
export function classifyError(error: RawError): ErrorCategory {
	const byId = firstMatch(errorIdRules, error.errorId);
	if (byId) {
		return byId;
	}

	if (error.transportCode !== undefined) {
		const code = parseTransportCode(error.transportCode);
		const byCode = code === undefined ? undefined : transportCodes.get(code);
		if (byCode) {
			return byCode;
		}
	}

	return (
		firstMatch(exceptionRules, error.exceptionType) ??
		firstMatch(messageRules, error.message) ??
		(error.exceptionType?.includes('PSRemotingTransportException')
			? 'unreachable'
			: 'unknown')
	);
}

export type CategoryExplanation = {
	/** What is wrong, in a few words (it shares a line with a check's name). */
	readonly problem: string;
	/** One line: how to fix it. */
	readonly fix: string;
};

const retryFix = 'retry (R) or raise --timeout';

export const categoryExplanations: Readonly<
	Record<ErrorCategory, CategoryExplanation>
> = {
	dns: {
		problem: 'name not found in DNS',
		fix: "Check the name: use the server's fully qualified name (FQDN) and check DNS from this computer",
	},
	unreachable: {
		problem: 'server unreachable',
		fix: 'Check that the server is running and that ports 80 and 443 are open from this computer',
	},
	kerberos: {
		problem: 'Kerberos authentication failed',
		fix: 'Use the FQDN, not an IP address; check the clock and that this computer is in the domain, then run klist purge',
	},
	'access-denied': {
		problem: 'access denied',
		fix: 'Add the account to an Exchange role group and allow remote PowerShell: Set-User <account> -RemotePowerShellEnabled $true',
	},
	endpoint: {
		problem: 'Exchange PowerShell endpoint failed',
		fix: 'Check the PowerShell virtual directory in IIS on the server: Get-PowerShellVirtualDirectory',
	},
	'no-language': {
		problem: 'endpoint refused the probe (NoLanguage)',
		fix: 'This is a bug in k2-exchange-setup: report it with the transcript from --log FILE',
	},
	permission: {
		problem: 'cmdlet not allowed for this account',
		fix: 'Add the installation account to View-Only Organization Management, then log off and on',
	},
	platform: {
		problem: 'remoting unavailable on this platform',
		fix: 'Run on Windows, or try the app with --simulate',
	},
	policy: {
		problem: 'blocked by PowerShell policy',
		fix: 'Set-ExecutionPolicy RemoteSigned -Scope LocalMachine, or run from an account outside the AppLocker/WDAC policy',
	},
	timeout: {problem: 'timed out', fix: retryFix},
	cancelled: {problem: 'cancelled', fix: retryFix},
	'shell-missing': {
		problem: 'PowerShell not found',
		fix: 'Install Windows Management Framework 5.1 (KB3191564), then run with --reconfigure',
	},
	'shell-too-old': {
		problem: 'PowerShell older than 3.0',
		fix: 'Install Windows Management Framework 5.1 (KB3191564) for PowerShell 5.1, then run with --reconfigure',
	},
	'shell-crashed': {
		problem: 'PowerShell stopped unexpectedly',
		fix: 'Retry (R); if it happens again, run with --log FILE and read the transcript',
	},
	'connection-refused': {
		problem: 'connection refused',
		fix: 'Check that IIS is running on the server and the port is open in its firewall',
	},
	'tls-untrusted': {
		problem: 'TLS certificate not trusted',
		fix: 'Import the issuing CA certificate into the Trusted Root store of this computer',
	},
	'not-found': {
		problem: '404 not found',
		fix: 'Check the Autodiscover virtual directory on the server: Get-AutodiscoverVirtualDirectory',
	},
	unauthorized: {
		problem: '401: needs credentials',
		fix: 'Check the Autodiscover authentication settings, or untick Use Autodiscover and give the server',
	},
	unknown: {
		problem: 'unexpected error',
		fix: 'Run with --log FILE and read the transcript for the full error',
	},
};

export function explainCategory(category: ErrorCategory): CategoryExplanation {
	return categoryExplanations[category];
}
