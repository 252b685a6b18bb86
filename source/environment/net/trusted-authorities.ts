/*
Which certificate authorities HTTPS trusts. By default, Node's own: the
bundled list, plus the file NODE_EXTRA_CA_CERTS names. Authorities given to
createNetwork (a test authority, or ones a deployment exports from the
Windows certificate store) are added to those, not put in their place.

Node drops NODE_EXTRA_CA_CERTS as soon as a list of authorities is passed,
so that file is read back in here. As Node does at startup, a file that
cannot be read is passed over (Node has already warned about it).
*/
import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import process from 'node:process';
import {rootCertificates} from 'node:tls';

/** PEM, as text or bytes; each may hold several certificates. */
export type Authorities =
	string | Uint8Array | ReadonlyArray<string | Uint8Array>;

function listOf(authorities: Authorities): ReadonlyArray<string | Uint8Array> {
	return typeof authorities === 'string' || authorities instanceof Uint8Array
		? [authorities]
		: authorities;
}

function extraFromEnvironment(
	environment: NodeJS.ProcessEnv,
): string | undefined {
	const file = environment.NODE_EXTRA_CA_CERTS;
	if (!file) {
		return undefined;
	}

	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

/**
The `ca` option for node:https, or undefined to keep Node's default store.
*/
export function trustedAuthorities(
	extra: Authorities | undefined,
	environment: NodeJS.ProcessEnv = process.env,
): string[] | undefined {
	if (extra === undefined) {
		return undefined;
	}

	const fromEnvironment = extraFromEnvironment(environment);
	return [
		...rootCertificates,
		...(fromEnvironment === undefined ? [] : [fromEnvironment]),
		...listOf(extra).map(entry =>
			typeof entry === 'string' ? entry : Buffer.from(entry).toString('utf8'),
		),
	];
}
