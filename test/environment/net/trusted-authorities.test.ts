import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {rootCertificates} from 'node:tls';
import {expect, test} from 'vitest';
import {trustedAuthorities} from '../../../source/environment/net/trusted-authorities.js';

const extraVariable = 'NODE_EXTRA_CA_CERTS';
const testPem =
	'-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n';

test('without extra authorities node keeps its default store', () => {
	expect(trustedAuthorities(undefined, {})).toBeUndefined();
});

test('extra authorities are added to node’s list, not put in its place', () => {
	const list = trustedAuthorities(
		[testPem, new TextEncoder().encode('-----BEGIN CERTIFICATE-----')],
		{},
	);
	expect(list?.slice(0, rootCertificates.length)).toEqual([
		...rootCertificates,
	]);
	expect(list?.slice(rootCertificates.length)).toEqual([
		testPem,
		'-----BEGIN CERTIFICATE-----',
	]);
});

test('the NODE_EXTRA_CA_CERTS file is kept', async () => {
	const directory = await mkdtemp(path.join(tmpdir(), 'k2-extra-ca-'));
	const file = path.join(directory, 'extra.pem');
	await writeFile(file, 'PEM FROM THE ENVIRONMENT');
	try {
		const list = trustedAuthorities(testPem, {[extraVariable]: file});
		expect(list?.slice(rootCertificates.length)).toEqual([
			'PEM FROM THE ENVIRONMENT',
			testPem,
		]);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});

test('an unreadable NODE_EXTRA_CA_CERTS file is passed over, as node does', () => {
	const list = trustedAuthorities(testPem, {
		[extraVariable]: path.join(tmpdir(), 'no-such-dir', 'none.pem'),
	});
	expect(list?.slice(rootCertificates.length)).toEqual([testPem]);
});
