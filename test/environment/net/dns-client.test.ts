import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createNetwork} from '../../../source/environment/net/index.js';
import {
	type DnsServer,
	startDnsServer,
} from '../../fixtures/loopback/dns-server.js';

let server: DnsServer;

beforeAll(async () => {
	server = await startDnsServer({
		addresses: new Map([
			['mail.contoso.com', '127.0.0.1'],
			['contoso.com', '127.0.0.1'],
		]),
		mx: new Map([
			[
				'contoso.com',
				[
					{exchange: 'mail.contoso.com', priority: 10},
					{exchange: 'backup.contoso.com', priority: 20},
				],
			],
			['slow.example', [{exchange: 'mx.slow.example', priority: 0}]],
		]),
		srv: new Map([
			[
				'_autodiscover._tcp.contoso.com',
				[{name: 'mail.contoso.com', port: 443, priority: 0, weight: 5}],
			],
		]),
	});
});

afterAll(async () => {
	await server.close();
});

describe('resolveMx', () => {
	test('returns the records the DNS server holds', async () => {
		const network = createNetwork({dnsServers: [server.address]});
		const outcome = await network.resolveMx('contoso.com');
		await network.dispose();
		expect(outcome).toEqual({
			ok: true,
			value: [
				{exchange: 'mail.contoso.com', priority: 10},
				{exchange: 'backup.contoso.com', priority: 20},
			],
		});
	});

	test('a name that does not exist is a dns error', async () => {
		const network = createNetwork({dnsServers: [server.address]});
		const outcome = await network.resolveMx('nowhere.example');
		await network.dispose();
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.error.category).toBe('dns');
		expect(!outcome.ok && outcome.error.message).toContain('ENOTFOUND');
	});

	test('a name without mx records is a dns error too', async () => {
		const network = createNetwork({dnsServers: [server.address]});
		const outcome = await network.resolveMx('mail.contoso.com');
		await network.dispose();
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.error.category).toBe('dns');
		expect(!outcome.ok && outcome.error.message).toContain('ENODATA');
	});
});

describe('resolveSrv', () => {
	test('returns target, port, priority and weight', async () => {
		const network = createNetwork({dnsServers: [server.address]});
		const outcome = await network.resolveSrv('_autodiscover._tcp.contoso.com');
		await network.dispose();
		expect(outcome).toEqual({
			ok: true,
			value: [{name: 'mail.contoso.com', port: 443, priority: 0, weight: 5}],
		});
	});
});

describe('a dns server in trouble', () => {
	const zone = {
		addresses: new Map(),
		mx: new Map([
			['contoso.com', [{exchange: 'mail.contoso.com', priority: 10}]],
		]),
		srv: new Map(),
	};

	test('no answer runs into the time limit', async () => {
		const silent = await startDnsServer({
			...zone,
			faults: {mx: {kind: 'hang'}},
		});
		const network = createNetwork({dnsServers: [silent.address]});
		const outcome = await network.resolveMx('contoso.com', {timeoutMs: 150});
		await network.dispose();
		await silent.close();
		expect(outcome).toEqual({
			ok: false,
			error: {category: 'timeout', message: 'No answer within 150 ms.'},
		});
	});

	test('aborting the signal cancels the lookup', async () => {
		const silent = await startDnsServer({
			...zone,
			faults: {mx: {kind: 'hang'}},
		});
		const network = createNetwork({dnsServers: [silent.address]});
		const controller = new AbortController();
		const call = network.resolveMx('contoso.com', {signal: controller.signal});
		setTimeout(() => {
			controller.abort();
		}, 30);
		const outcome = await call;
		await network.dispose();
		await silent.close();
		expect(!outcome.ok && outcome.error.category).toBe('cancelled');
	});

	test('a slow answer within the limit is still an answer', async () => {
		const slow = await startDnsServer({
			...zone,
			faults: {mx: {kind: 'delay', ms: 100}},
		});
		const network = createNetwork({dnsServers: [slow.address]});
		const outcome = await network.resolveMx('contoso.com', {timeoutMs: 20_000});
		await network.dispose();
		await slow.close();
		expect(outcome).toEqual({
			ok: true,
			value: [{exchange: 'mail.contoso.com', priority: 10}],
		});
	});

	test('a server failure is a dns error', async () => {
		const failing = await startDnsServer({
			...zone,
			faults: {mx: {kind: 'error'}},
		});
		const network = createNetwork({dnsServers: [failing.address]});
		const outcome = await network.resolveMx('contoso.com', {timeoutMs: 20_000});
		await network.dispose();
		await failing.close();
		expect(!outcome.ok && outcome.error.category).toBe('dns');
		expect(!outcome.ok && outcome.error.message).toContain('ESERVFAIL');
	});
});

test('a dns server that is not an ip address is refused at once', () => {
	expect(() => createNetwork({dnsServers: ['dns.contoso.com']})).toThrow(
		/IP address/,
	);
});
