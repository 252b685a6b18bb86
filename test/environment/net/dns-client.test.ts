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
