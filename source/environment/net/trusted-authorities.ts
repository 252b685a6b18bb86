/*
Which certificate authorities HTTPS trusts.

An administrator expects the tool to trust what Windows trusts: an internal
Exchange server usually has a certificate from the organisation's own
authority, which Windows trusts and Node's bundled (Mozilla) list does not.
Node 22.15 and later can read the system's store; there the tool trusts
Node's default list plus the system's. Older Node cannot, and keeps its
default list: the bundled one plus the file NODE_EXTRA_CA_CERTS names.

Authorities given to createNetwork (a test authority, or ones a deployment
exports) are added to that, not put in its place. Node drops
NODE_EXTRA_CA_CERTS as soon as a list is passed, so on older Node the file is
read back in here; as Node does at startup, a file that cannot be read is
passed over (Node has already warned about it).
*/
import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import process from 'node:process';
import tls from 'node:tls';

/** PEM, as text or bytes; each may hold several certificates. */
export type Authorities =
	string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/** What Node offers; a parameter so each Node generation can be tested. */
export type AuthoritySource = {
	/** Node's bundled list (tls.rootCertificates). */
	readonly bundled: readonly string[];
	/** Node's tls.getCACertificates, from 22.15 on. */
	readonly read?: (type: 'default' | 'system') => string[];
	/** The text of the NODE_EXTRA_CA_CERTS file, if set and readable. */
	extraFile(): string | undefined;
};

type CaReader = (type: 'default' | 'system') => string[];

export function nodeAuthoritySource(
	environment: NodeJS.ProcessEnv = process.env,
): AuthoritySource {
	// Not in the type definitions for Node 20, which this package supports.
	const read = (tls as {getCACertificates?: CaReader}).getCACertificates;
	return {
		bundled: tls.rootCertificates,
		read: read && (type => read(type)),
		extraFile() {
			const file = environment.NODE_EXTRA_CA_CERTS;
			if (!file) {
				return undefined;
			}

			try {
				return readFileSync(file, 'utf8');
			} catch {
				return undefined;
			}
		},
	};
}

function listOf(authorities: Authorities | undefined): string[] {
	if (authorities === undefined) {
		return [];
	}

	const list =
		typeof authorities === 'string' || authorities instanceof Uint8Array
			? [authorities]
			: authorities;
	return list.map(entry =>
		typeof entry === 'string' ? entry : Buffer.from(entry).toString('utf8'),
	);
}

/**
The `ca` option for node:https, or undefined to keep Node's default store.
*/
export function trustedAuthorities(
	extra: Authorities | undefined,
	source: AuthoritySource = nodeAuthoritySource(),
): string[] | undefined {
	const given = listOf(extra);
	if (source.read) {
		return [
			...new Set([
				...source.read('default'),
				...source.read('system'),
				...given,
			]),
		];
	}

	if (given.length === 0) {
		return undefined;
	}

	const fromEnvironment = source.extraFile();
	return [
		...source.bundled,
		...(fromEnvironment === undefined ? [] : [fromEnvironment]),
		...given,
	];
}
