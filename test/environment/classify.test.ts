import {describe, expect, test} from 'vitest';
import {
	categoryExplanations,
	classifyError,
	type RawError,
} from '../../source/environment/classify.js';
import type {ErrorCategory} from '../../source/environment/types.js';

const cases: Array<[string, RawError, ErrorCategory]> = [
	[
		'remoting to a name DNS does not know',
		{
			errorId: 'ComputerNotFound,PSSessionOpenFailed',
			message:
				'Connecting to remote server exch99 failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved.',
		},
		'dns',
	],
	[
		'access denied by errorId, whatever the language',
		{
			errorId: 'AccessDenied,PSSessionOpenFailed',
			message: 'Zugriff verweigert',
		},
		'access-denied',
	],
	[
		'access denied by message',
		{
			message:
				'Connecting to remote server exch01 failed with the following error message : Access is denied.',
		},
		'access-denied',
	],
	[
		'Kerberos cannot find the computer',
		{
			message:
				'WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer exch01.',
		},
		'kerberos',
	],
	[
		'Kerberos with an IP address',
		{
			message:
				'The WinRM client cannot process the request. Default authentication may be used with an IP address under the following conditions … cannot be used when the destination is an IP address',
		},
		'kerberos',
	],
	[
		'a Kerberos HRESULT as a negative transport code',
		{message: 'Logon failure', transportCode: -2_146_893_042},
		'kerberos',
	],
	[
		'the destination unreachable transport code',
		{message: 'ignored', transportCode: 2_150_858_770},
		'unreachable',
	],
	[
		'the same code in hex',
		{message: 'ignored', transportCode: '0x80338012'},
		'unreachable',
	],
	[
		'WinRM cannot complete the operation',
		{
			message:
				'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network',
		},
		'unreachable',
	],
	[
		'a broken PowerShell virtual directory',
		{
			message:
				'Connecting to remote server exch01 failed with the following error message : The WinRM client received an HTTP server error status (500)',
		},
		'endpoint',
	],
	[
		'the requested HTTP URL was not available',
		{message: 'The requested HTTP URL was not available.'},
		'endpoint',
	],
	[
		'a NoLanguage endpoint refusing script',
		{
			errorId: 'ScriptsNotAllowed',
			message: 'The syntax is not supported by this runspace.',
		},
		'no-language',
	],
	[
		'the NoLanguage message alone',
		{
			message:
				'The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode.',
		},
		'no-language',
	],
	[
		'an Exchange cmdlet hidden by RBAC',
		{
			errorId: 'CommandNotFoundException',
			message:
				"The term 'Get-ManagementRoleAssignment' is not recognized as the name of a cmdlet",
		},
		'permission',
	],
	[
		'the cmdlet message alone',
		{
			message:
				"The term 'Get-MailboxDatabase' is not recognized as the name of a cmdlet, function, script file, or operable program.",
		},
		'permission',
	],
	[
		'no WSMan on Linux',
		{
			message:
				'This parameter set requires WSMan, and no supported WSMan client library was found.',
		},
		'platform',
	],
	[
		'execution policy',
		{
			errorId: 'UnauthorizedAccess',
			message: String.raw`File C:\probe.ps1 cannot be loaded because running scripts is disabled on this system.`,
		},
		'policy',
	],
	[
		'a PSSecurityException by type',
		{
			message: 'blocked',
			exceptionType: 'System.Management.Automation.PSSecurityException',
		},
		'policy',
	],
	[
		'constrained language',
		{
			message:
				'Cannot invoke method. Method invocation is supported only on core types in this language mode.',
		},
		'policy',
	],
	[
		'a Node DNS failure',
		{errorId: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x'},
		'dns',
	],
	[
		'a DNS failure by message',
		{message: 'getaddrinfo ENOTFOUND autodiscover.contoso.com'},
		'dns',
	],
	['a missing record', {message: 'no such record: MX contoso.com'}, 'dns'],
	[
		'connection refused by code',
		{errorId: 'ECONNREFUSED', message: ''},
		'connection-refused',
	],
	[
		'connection refused by message',
		{message: 'connect ECONNREFUSED 192.0.2.1:443'},
		'connection-refused',
	],
	[
		'an untrusted certificate',
		{
			errorId: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			message: 'unable to verify the first certificate',
		},
		'tls-untrusted',
	],
	[
		'a self-signed certificate',
		{message: 'self-signed certificate in certificate chain'},
		'tls-untrusted',
	],
	[
		'a wrong host name in the certificate',
		{
			errorId: 'ERR_TLS_CERT_ALTNAME_INVALID',
			message: "Hostname/IP does not match certificate's altnames",
		},
		'tls-untrusted',
	],
	[
		'a socket timeout',
		{errorId: 'ETIMEDOUT', message: 'connect ETIMEDOUT'},
		'timeout',
	],
	[
		'a timeout by message',
		{message: 'The operation has timed out.'},
		'timeout',
	],
	[
		'a reset connection',
		{errorId: 'ECONNRESET', message: 'socket hang up'},
		'unreachable',
	],
	['an HTTP 404', {message: '404 Not Found'}, 'not-found'],
	['an HTTP 401', {message: '401 Unauthorized'}, 'unauthorized'],
	[
		'an abort',
		{errorId: 'ABORT_ERR', message: 'This operation was aborted'},
		'cancelled',
	],
	[
		'a missing shell',
		{errorId: 'ENOENT', message: 'spawn pwsh ENOENT'},
		'shell-missing',
	],
	[
		'a missing shell by message',
		{message: 'PowerShell not found'},
		'shell-missing',
	],
	[
		'the probes on a PowerShell older than 3.0',
		{
			errorId: 'PowerShellVersionTooOld',
			message: 'PowerShell 2.0 is older than 3.0',
		},
		'shell-too-old',
	],
	[
		'a crashed shell',
		{message: 'PowerShell exited unexpectedly with exit code 3'},
		'shell-crashed',
	],
	[
		'a transport exception with nothing else to go on',
		{
			message: 'Etwas ist schiefgegangen',
			exceptionType:
				'System.Management.Automation.Remoting.PSRemotingTransportException',
		},
		'unreachable',
	],
	['anything else', {message: 'Something odd happened.'}, 'unknown'],
];

describe('classifyError', () => {
	test.each(cases)('%s', (_, error, category) => {
		expect(classifyError(error)).toBe(category);
	});

	test('the errorId wins over a misleading message', () => {
		expect(
			classifyError({
				errorId: 'ComputerNotFound,PSSessionOpenFailed',
				message: 'Access is denied.',
			}),
		).toBe('dns');
	});

	test('a transport code wins over the message', () => {
		expect(
			classifyError({
				message: 'Access is denied.',
				transportCode: 2_150_858_770,
			}),
		).toBe('unreachable');
	});
});

describe('explanations', () => {
	test('every category has one line of problem and one of fix', () => {
		for (const [category, {problem, fix}] of Object.entries(
			categoryExplanations,
		)) {
			expect(problem, category).not.toBe('');
			expect(fix, category).not.toBe('');
			expect(problem + fix, category).not.toContain('\n');
		}
	});

	test('timeouts and cancels say how to go on', () => {
		expect(categoryExplanations.timeout.fix).toBe(
			'retry (R) or raise --timeout',
		);
		expect(categoryExplanations.cancelled.fix).toBe(
			'retry (R) or raise --timeout',
		);
	});
});
