import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {rootCertificates} from 'node:tls';
import {describe, expect, test} from 'vitest';
import {
	type AuthoritySource,
	nodeAuthoritySource,
	trustedAuthorities,
} from '../../../source/environment/net/trusted-authorities.js';

const extraVariable = 'NODE_EXTRA_CA_CERTS';
const given = '-----BEGIN CERTIFICATE-----\ngiven\n-----END CERTIFICATE-----\n';

const olderNode = (extraFile?: string): AuthoritySource => ({
	bundled: ['BUNDLED'],
	extraFile: () => extraFile,
});

describe('node before 22.15', () => {
	test('without extra authorities node keeps its default store', () => {
		expect(trustedAuthorities(undefined, olderNode('EXTRA'))).toBeUndefined();
	});

	test('extra authorities are added to the bundled list', () => {
		const bytes = new TextEncoder().encode('AS BYTES');
		expect(trustedAuthorities([given, bytes], olderNode())).toEqual([
			'BUNDLED',
			given,
			'AS BYTES',
		]);
	});

	test('the NODE_EXTRA_CA_CERTS file is kept', () => {
		expect(trustedAuthorities(given, olderNode('EXTRA'))).toEqual([
			'BUNDLED',
			'EXTRA',
			given,
		]);
	});
});

describe('node 22.15 and later', () => {
	const newerNode: AuthoritySource = {
		bundled: ['BUNDLED'],
		read: type =>
			type === 'system' ? ['WINDOWS ROOT', 'BUNDLED'] : ['BUNDLED', 'EXTRA'],
		extraFile: () => 'EXTRA',
	};

	test('the system store is trusted without being asked', () => {
		expect(trustedAuthorities(undefined, newerNode)).toEqual([
			'BUNDLED',
			'EXTRA',
			'WINDOWS ROOT',
		]);
	});

	test('extra authorities come on top', () => {
		expect(trustedAuthorities(given, newerNode)).toEqual([
			'BUNDLED',
			'EXTRA',
			'WINDOWS ROOT',
			given,
		]);
	});
});

describe('what this node offers', () => {
	test('the bundled list is node’s root certificates', () => {
		expect(nodeAuthoritySource({}).bundled).toBe(rootCertificates);
	});

	test('the NODE_EXTRA_CA_CERTS file is read', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'k2-extra-ca-'));
		const file = path.join(directory, 'extra.pem');
		await writeFile(file, 'PEM FROM THE ENVIRONMENT');
		try {
			const source = nodeAuthoritySource({[extraVariable]: file});
			expect(source.extraFile()).toBe('PEM FROM THE ENVIRONMENT');
		} finally {
			await rm(directory, {recursive: true, force: true});
		}
	});

	test('an unreadable NODE_EXTRA_CA_CERTS file is passed over, as node does', () => {
		const source = nodeAuthoritySource({
			[extraVariable]: path.join(tmpdir(), 'no-such-dir', 'none.pem'),
		});
		expect(source.extraFile()).toBeUndefined();
	});
});
