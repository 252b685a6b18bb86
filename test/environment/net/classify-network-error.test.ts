import {expect, test} from 'vitest';
import {classifyNetworkError} from '../../../source/environment/net/classify-network-error.js';

const nodeError = (code: string, message: string) =>
	Object.assign(new Error(message), {code});

test.each([
	['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443', 'connection-refused'],
	['ENOTFOUND', 'getaddrinfo ENOTFOUND mail.contoso.com', 'dns'],
	['ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:443', 'timeout'],
	['EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.5:443', 'unreachable'],
	['ECONNRESET', 'socket hang up', 'unreachable'],
	[
		'ERR_TLS_CERT_ALTNAME_INVALID',
		"Hostname/IP does not match certificate's altnames",
		'tls-untrusted',
	],
	[
		'SELF_SIGNED_CERT_IN_CHAIN',
		'self-signed certificate in chain',
		'tls-untrusted',
	],
	['CERT_HAS_EXPIRED', 'certificate has expired', 'tls-untrusted'],
	['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'unreachable'],
	['EPROTO', 'write EPROTO ... wrong version number', 'unreachable'],
] as const)('%s is %s', (code, message, category) => {
	expect(classifyNetworkError(nodeError(code, message))).toEqual({
		category,
		message,
	});
});

test('an aggregate of connection attempts takes the code of its first part', () => {
	const error = new AggregateError(
		[
			nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:443'),
			nodeError('ECONNREFUSED', 'connect ECONNREFUSED [fd00::5]:443'),
		],
		// eslint-disable-next-line unicorn/error-message -- Node's own aggregate has none
		'',
	);
	expect(classifyNetworkError(error)).toEqual({
		category: 'connection-refused',
		message: 'connect ECONNREFUSED 10.0.0.5:443',
	});
});

test('an unknown code falls back to the message', () => {
	expect(
		classifyNetworkError(nodeError('EWHATEVER', 'The operation timed out')),
	).toEqual({category: 'timeout', message: 'The operation timed out'});
});

test('something that is not an error is unknown', () => {
	expect(classifyNetworkError('boom')).toEqual({
		category: 'unknown',
		message: 'boom',
	});
});
