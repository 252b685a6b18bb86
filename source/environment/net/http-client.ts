/*
One HTTP exchange over node:http or node:https. Redirects are not followed:
a 302 is an answer, and its Location header is in the response, because
Autodiscover treats a redirect as a candidate to report, not to chase
blindly.

401 and 404 come back as errors ('unauthorized', 'not-found'), not as
responses: for Autodiscover they mean "this candidate did not answer", the
same as a refused connection, and the simulated environment reports its
scenario's `fail: "unauthorized"` and `fail: "not-found"` the same way.
Every other status is a response.
*/
import {Buffer} from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import {isIP} from 'node:net';
import {
	type ConnectionOptions,
	createSecureContext,
	type SecureContext,
} from 'node:tls';
import type {
	CallOptions,
	HttpRequest,
	HttpResponse,
	Outcome,
	ProbeError,
} from '../types.js';
import {limitCall} from './call-limits.js';
import {classifyNetworkError} from './classify-network-error.js';
import type {DnsClient} from './dns-client.js';
import {type Authorities, trustedAuthorities} from './trusted-authorities.js';

export type HttpClientOptions = {
	readonly dns: DnsClient;
	/** Certificate authorities to trust besides Node's own. */
	readonly ca?: Authorities;
	/**
	For tests: where connections to the default ports go. URLs, the Host
	header and the TLS server name stay as they are.
	*/
	readonly ports?: {readonly http: number; readonly https: number};
	readonly disposed: AbortSignal;
	readonly defaultTimeoutMs: number;
	/** Larger bodies end the call with an error. */
	readonly maxBodyBytes: number;
};

export type Fetch = (
	request: HttpRequest,
	options?: CallOptions,
) => Promise<Outcome<HttpResponse>>;

const statusErrors = new Map<number, ProbeError['category']>([
	[401, 'unauthorized'],
	[404, 'not-found'],
]);

export function createHttpClient(options: HttpClientOptions): Fetch {
	// One context for every connection, made at the first: building it
	// parses each trusted certificate, which takes tens of milliseconds.
	// Undefined inside: Node's default context will do.
	let made: {context: SecureContext | undefined} | undefined;
	const contextForTls = () => {
		if (!made) {
			const authorities = trustedAuthorities(options.ca);
			made = {
				context: authorities && createSecureContext({ca: authorities}),
			};
		}

		return made.context;
	};

	return async (request, callOptions) => {
		const target = parseTarget(request.url);
		if (!target.ok) {
			return target;
		}

		const url = target.value;
		const limits = limitCall(
			callOptions,
			options.disposed,
			options.defaultTimeoutMs,
		);
		const stopped = limits.reason();
		if (stopped) {
			limits.release();
			return {ok: false, error: stopped};
		}

		return new Promise(resolve => {
			let settled = false;
			const settle = (outcome: Outcome<HttpResponse>) => {
				if (!settled) {
					settled = true;
					limits.release();
					resolve(outcome);
				}
			};

			const fail = (error: unknown) => {
				settle({
					ok: false,
					error: limits.reason() ?? classifyNetworkError(error),
				});
			};

			const secure = url.protocol === 'https:';
			const hostname = url.hostname.replace(/^\[(.*)]$/, '$1');
			const defaultPort = secure
				? (options.ports?.https ?? 443)
				: (options.ports?.http ?? 80);
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers ?? {})) {
				headers[name.toLowerCase()] = value;
			}

			// Set by hand so a port override does not leak into the Host header.
			headers.host = url.host;
			if (request.body !== undefined) {
				headers['content-length'] = String(Buffer.byteLength(request.body));
			}

			const requestOptions: https.RequestOptions & ConnectionOptions = {
				method: request.method,
				hostname,
				port: url.port ? Number(url.port) : defaultPort,
				path: url.pathname + url.search,
				headers,
				agent: false,
				lookup: options.dns.lookupFor(limits.signal),
			};
			if (secure) {
				requestOptions.secureContext = contextForTls();
				// Certificates name hosts, not addresses: no SNI for an IP.
				requestOptions.servername = isIP(hostname) ? '' : hostname;
			}

			const exchange = (secure ? https : http).request(
				requestOptions,
				response => {
					const chunks: Uint8Array[] = [];
					let size = 0;
					response.on('data', (chunk: Uint8Array) => {
						size += chunk.length;
						if (size > options.maxBodyBytes) {
							settle(tooLarge(options.maxBodyBytes));
							exchange.destroy();
						} else {
							chunks.push(chunk);
						}
					});
					response.on('end', () => {
						settle(toOutcome(response, Buffer.concat(chunks).toString('utf8')));
					});
					response.on('error', fail);
				},
			);
			exchange.on('error', fail);
			limits.signal.addEventListener(
				'abort',
				() => {
					fail(undefined);
					exchange.destroy();
				},
				{once: true},
			);
			exchange.end(request.body);
		});
	};
}

function parseTarget(text: string): Outcome<URL> {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			ok: false,
			error: {category: 'unknown', message: `Not a URL: ${text}`},
		};
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return {
			ok: false,
			error: {
				category: 'unknown',
				message: `Only http and https URLs can be fetched, not ${text}`,
			},
		};
	}

	return {ok: true, value: url};
}

function toOutcome(
	response: http.IncomingMessage,
	body: string,
): Outcome<HttpResponse> {
	const status = response.statusCode ?? 0;
	const category = statusErrors.get(status);
	if (category) {
		const message = `${status} ${response.statusMessage ?? ''}`.trim();
		return {ok: false, error: {category, message}};
	}

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers)) {
		if (value !== undefined) {
			headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
	}

	return {ok: true, value: {status, headers, body}};
}

function tooLarge(limit: number): Outcome<HttpResponse> {
	return {
		ok: false,
		error: {
			category: 'unknown',
			message: `The response body is larger than ${limit} bytes.`,
		},
	};
}
