/*
Node reports network failures as errors with a `code`. These are sorted into
the categories an administrator acts on: a name that does not resolve is a
DNS problem, a refused connection means nothing listens there, a certificate
the computer does not trust is a TLS problem, and so on.
*/
import {classifyError} from '../classify.js';
import type {ErrorCategory, ProbeError} from '../types.js';

// Answers from the resolver (c-ares) and from getaddrinfo.
const dnsCodes = new Set([
	'ENOTFOUND',
	'ENODATA',
	'ESERVFAIL',
	'EREFUSED',
	'EFORMERR',
	'EBADRESP',
	'EBADNAME',
	'EBADQUERY',
	'EBADFAMILY',
	'ETIMEOUT',
	'ENONAME',
	'EAI_AGAIN',
	'EAI_NONAME',
	'EAI_FAIL',
	'EAI_NODATA',
]);

// Certificate checks that fail because the chain or the name is not trusted.
const untrustedCodes = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_UNTRUSTED',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_REVOKED',
	'CERT_SIGNATURE_FAILURE',
	'CERT_REJECTED',
	'HOSTNAME_MISMATCH',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const unreachableCodes = new Set([
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EHOSTDOWN',
	'ENETDOWN',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'EADDRNOTAVAIL',
	// OpenSSL's handshake failures (wrong version number, no shared cipher).
	'EPROTO',
]);

type NodeError = Error & {code?: unknown; errors?: unknown};

// With several addresses to try, Node reports one AggregateError whose parts
// carry the codes and messages.
function firstPart(error: NodeError): Error | undefined {
	const first: unknown = Array.isArray(error.errors)
		? error.errors[0]
		: undefined;
	return first instanceof Error ? first : undefined;
}

function codeOf(error: NodeError): string | undefined {
	if (typeof error.code === 'string') {
		return error.code;
	}

	const part = firstPart(error);
	return part ? codeOf(part) : undefined;
}

function categoryOf(code: string): ErrorCategory | undefined {
	if (code === 'ECONNREFUSED') {
		return 'connection-refused';
	}

	if (code === 'ETIMEDOUT') {
		return 'timeout';
	}

	if (dnsCodes.has(code)) {
		return 'dns';
	}

	if (untrustedCodes.has(code)) {
		return 'tls-untrusted';
	}

	// A failed handshake (no common TLS version, plain HTTP on port 443) is
	// not a question of trust: the server cannot be talked to.
	if (unreachableCodes.has(code) || code.startsWith('ERR_SSL_')) {
		return 'unreachable';
	}

	return undefined;
}

/**
Turns an error from node:net, node:tls or node:http into a ProbeError that
keeps the original message. Codes this module does not know go to the
project's general classifier, which also reads the message.
*/
export function classifyNetworkError(error: unknown): ProbeError {
	if (!(error instanceof Error)) {
		return {category: 'unknown', message: String(error)};
	}

	const code = codeOf(error);
	const texts = [error.message, firstPart(error)?.message, code];
	const message = texts.find(Boolean) ?? 'Network error.';
	const category =
		(code === undefined ? undefined : categoryOf(code)) ??
		classifyError({errorId: code, message});
	return {category, message};
}
