import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	createNetwork,
	type Network,
} from '../../../source/environment/net/index.js';
import {scenarioSchema} from '../../../source/environment/scenario.js';
import type {
	HttpRequest,
	Outcome,
	HttpResponse,
} from '../../../source/environment/types.js';
import {createServerCredentials} from '../../fixtures/loopback/certificates.js';
import {startDnsServer} from '../../fixtures/loopback/dns-server.js';
import {
	type Loopback,
	startLoopback,
} from '../../fixtures/loopback/start-loopback.js';
import {startWebServers} from '../../fixtures/loopback/web-servers.js';

const ews = 'https://mail.contoso.com/EWS/Exchange.asmx';
const pox = 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml';
const json =
	'https://autodiscover.contoso.com/autodiscover/autodiscover.json?Email=k2@contoso.com&Protocol=EWS';
const redirect =
	'http://autodiscover.contoso.com/autodiscover/autodiscover.xml';
const refused = 'https://contoso.com/autodiscover/autodiscover.xml';
const silent = 'https://slow.contoso.com/autodiscover/autodiscover.xml';
const rogue = 'https://rogue.contoso.com/autodiscover/autodiscover.xml';
const locked = 'https://mail.contoso.com/autodiscover/autodiscover.xml';
const missing = 'https://gone.contoso.com/autodiscover/autodiscover.xml';
const delayed = 'https://delayed.contoso.com/autodiscover/autodiscover.xml';

const scenario = scenarioSchema.parse({
	name: 'http-client',
	autodiscover: {
		endpoints: {
			[pox]: {
				ewsUrl: ews,
				server: 'exch01.contoso.com',
				serverVersion: '73C18880',
			},
			[json]: {ewsUrl: ews},
			[redirect]: {status: 302, redirect: locked},
			[refused]: {fail: 'connection-refused'},
			[silent]: {fail: 'timeout'},
			[rogue]: {fail: 'tls-untrusted'},
			[locked]: {fail: 'unauthorized'},
			[missing]: {fail: 'not-found'},
			[delayed]: {ewsUrl: ews},
		},
	},
	faults: [{check: 'autodiscover', endpoint: delayed, kind: 'delay', ms: 300}],
});

const poxRequest = (url: string): HttpRequest => ({
	method: 'POST',
	url,
	headers: {'Content-Type': 'text/xml; charset=utf-8'},
	body: '<Autodiscover><Request><EMailAddress>k2@contoso.com</EMailAddress></Request></Autodiscover>',
});

function errorOf(outcome: Outcome<HttpResponse>) {
	if (outcome.ok) {
		throw new Error(`Expected an error, got HTTP ${outcome.value.status}.`);
	}

	return outcome.error;
}

let loopback: Loopback;
let network: Network;

beforeAll(async () => {
	loopback = await startLoopback(scenario);
	network = createNetwork(loopback.network);
});

afterAll(async () => {
	await network.dispose();
	await loopback.close();
});

describe('answers', () => {
	test('a pox request gets the settings, sent with the url host and sni', async () => {
		const outcome = await network.fetch(poxRequest(pox), {timeoutMs: 20_000});
		expect(outcome.ok).toBe(true);
		const response = outcome.ok ? outcome.value : undefined;
		expect(response?.status).toBe(200);
		expect(response?.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(response?.body).toContain(`<EwsUrl>${ews}</EwsUrl>`);
		expect(response?.body).toContain('<ServerVersion>73C18880</ServerVersion>');
		expect(response?.body).toContain(
			'<AutoDiscoverSMTPAddress>k2@contoso.com</AutoDiscoverSMTPAddress>',
		);
		// The Host header names the URL's host without the test port.
		expect(loopback.requests).toContain(`POST ${pox}`);
	});

	test('the v2 json endpoint answers the ews url', async () => {
		const outcome = await network.fetch({method: 'GET', url: json});
		const body = outcome.ok ? outcome.value.body : '';
		expect(body).toBe(`{"Protocol":"EWS","Url":"${ews}"}`);
	});

	test('a redirect is returned with its location, not followed', async () => {
		const before = loopback.requests.length;
		const outcome = await network.fetch({method: 'GET', url: redirect});
		expect(outcome.ok && outcome.value.status).toBe(302);
		expect(outcome.ok && outcome.value.headers.location).toBe(locked);
		expect(loopback.requests.slice(before)).toEqual([`GET ${redirect}`]);
	});

	test('a delayed endpoint answers after its delay', async () => {
		const started = performance.now();
		const outcome = await network.fetch(poxRequest(delayed), {
			timeoutMs: 20_000,
		});
		expect(outcome.ok && outcome.value.status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(290);
	});
});

describe('without dns servers', () => {
	test('an address url with its own port connects directly', async () => {
		// The system resolver is never asked: the URL names an address.
		const direct = createNetwork({ca: loopback.network.ca});
		const url = `https://127.0.0.1:${loopback.network.ports.https}/nothing-here`;
		const error = errorOf(await direct.fetch({method: 'GET', url}));
		await direct.dispose();
		// 404 from the loopback server: TLS (checked against the IP address
		// in the certificate) and HTTP both went through.
		expect(error.category).toBe('not-found');
		expect(loopback.requests).toContain(`GET ${url}`);
	});
});

describe('failures', () => {
	test('nothing listening is connection-refused', async () => {
		const error = errorOf(await network.fetch(poxRequest(refused)));
		expect(error.category).toBe('connection-refused');
		expect(error.message).toContain('ECONNREFUSED');
	});

	test('a certificate from another authority is tls-untrusted', async () => {
		const error = errorOf(await network.fetch(poxRequest(rogue)));
		expect(error.category).toBe('tls-untrusted');
	});

	test('the test authority is trusted only when given', async () => {
		const {ca: _, ...withoutCa} = loopback.network;
		const stranger = createNetwork(withoutCa);
		const error = errorOf(await stranger.fetch(poxRequest(pox)));
		await stranger.dispose();
		expect(error.category).toBe('tls-untrusted');
	});

	test('several authorities can be trusted at once', async () => {
		const {ca: untrustedCa} = await createServerCredentials(
			'an authority nobody trusts',
			['rogue.contoso.com'],
		);
		const trusting = createNetwork({
			...loopback.network,
			ca: [loopback.network.ca, untrustedCa],
		});
		const outcome = await trusting.fetch(poxRequest(rogue));
		await trusting.dispose();
		// Past TLS, the loopback server drops a request meant to fail in TLS.
		expect(!outcome.ok && outcome.error.category).toBe('unreachable');
	});

	test('401 is an unauthorized error', async () => {
		const error = errorOf(await network.fetch(poxRequest(locked)));
		expect(error).toEqual({
			category: 'unauthorized',
			message: '401 Unauthorized',
		});
	});

	test('404 is a not-found error', async () => {
		const error = errorOf(await network.fetch(poxRequest(missing)));
		expect(error).toEqual({category: 'not-found', message: '404 Not Found'});
	});

	test('a host no dns server knows is a dns error', async () => {
		const error = errorOf(
			await network.fetch(
				poxRequest('https://nowhere.example/autodiscover/autodiscover.xml'),
			),
		);
		expect(error.category).toBe('dns');
		expect(error.message).toContain('ENOTFOUND');
	});

	test('a server that never answers runs into the time limit', async () => {
		const started = performance.now();
		const error = errorOf(
			await network.fetch(poxRequest(silent), {timeoutMs: 200}),
		);
		expect(error).toEqual({
			category: 'timeout',
			message: 'No answer within 200 ms.',
		});
		expect(performance.now() - started).toBeLessThan(5000);
	});

	test('aborting the signal cancels a call in flight', async () => {
		const controller = new AbortController();
		const call = network.fetch(poxRequest(silent), {
			signal: controller.signal,
			timeoutMs: 10_000,
		});
		setTimeout(() => {
			controller.abort();
		}, 50);
		expect(errorOf(await call).category).toBe('cancelled');
	});

	test('an aborted signal sends nothing', async () => {
		const before = loopback.requests.length;
		const error = errorOf(
			await network.fetch(poxRequest(pox), {signal: AbortSignal.abort()}),
		);
		expect(error.category).toBe('cancelled');
		expect(loopback.requests.length).toBe(before);
	});

	test('tls to a port that speaks plain http is unreachable', async () => {
		const confused = createNetwork({
			...loopback.network,
			ports: {
				http: loopback.network.ports.http,
				https: loopback.network.ports.http,
			},
		});
		const error = errorOf(await confused.fetch(poxRequest(pox)));
		await confused.dispose();
		expect(error.category).toBe('unreachable');
	});

	test('dispose cancels calls still running', async () => {
		const own = createNetwork(loopback.network);
		const call = own.fetch(poxRequest(silent), {timeoutMs: 10_000});
		setTimeout(() => {
			void own.dispose();
		}, 50);
		expect(errorOf(await call).category).toBe('cancelled');
	});
});

test('a body larger than four megabytes is refused', async () => {
	const credentials = await createServerCredentials(
		'k2-exchange-setup test authority',
		['big.contoso.com'],
	);
	const huge = await startWebServers({
		credentials,
		respond: () => ({
			kind: 'answer',
			status: 200,
			body: 'x'.repeat(5 * 1024 * 1024),
		}),
	});
	const dns = await startDnsServer({
		addresses: new Map([['big.contoso.com', '127.0.0.1']]),
		mx: new Map(),
		srv: new Map(),
	});
	const client = createNetwork({
		dnsServers: [dns.address],
		ca: credentials.ca,
		ports: huge.ports,
	});
	try {
		const error = errorOf(
			await client.fetch({method: 'GET', url: 'https://big.contoso.com/'}),
		);
		expect(error).toEqual({
			category: 'unknown',
			message: 'The response body is larger than 4194304 bytes.',
		});
	} finally {
		await client.dispose();
		await Promise.all([huge.close(), dns.close()]);
	}
});

test('after dispose, calls end cancelled without going out', async () => {
	const {network: options, requests} = loopback;
	const before = requests.length;
	const disposed = createNetwork(options);
	await disposed.dispose();
	await disposed.dispose();
	const fetched = await disposed.fetch(poxRequest(pox));
	const resolved = await disposed.resolveMx('contoso.com');
	expect(errorOf(fetched).category).toBe('cancelled');
	expect(!resolved.ok && resolved.error.category).toBe('cancelled');
	expect(requests.length).toBe(before);
});
