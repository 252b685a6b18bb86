/*
The network half of the environment: DNS lookups and single HTTP exchanges,
made the way the real tool makes them. Tests run the very same code against
DNS and HTTPS servers on the loopback interface.
*/
import type {Environment} from '../types.js';
import {createDnsClient} from './dns-client.js';
import {createHttpClient} from './http-client.js';
import type {Authorities} from './trusted-authorities.js';

export type NetworkOptions = {
	/**
	DNS servers to ask, "address" or "address:port", e.g. ['127.0.0.1:53535'].
	Hostnames of HTTP requests are resolved through them too.
	@default the system's DNS servers, and the system's resolver for HTTP
	*/
	readonly dnsServers?: readonly string[];
	/**
	Certificate authorities (PEM) to trust besides Node's own list and the
	file NODE_EXTRA_CA_CERTS names.
	*/
	readonly ca?: Authorities;
	/**
	For tests only: connect to these ports instead of 80 and 443. URLs, the
	Host header and the TLS server name are unchanged.
	*/
	readonly ports?: {readonly http: number; readonly https: number};
	/**
	The time limit of a call that passes none.
	@default 30000
	*/
	readonly timeoutMs?: number;
};

export type Network = Pick<
	Environment,
	'resolveMx' | 'resolveSrv' | 'fetch'
> & {
	/** Stops every call still running (they end 'cancelled'). Idempotent. */
	dispose(): Promise<void>;
};

// Autodiscover answers are a few kilobytes; anything near this is not one.
const maxBodyBytes = 4 * 1024 * 1024;

/**
Throws only for misuse: a DNS server address that is not an IP address.
*/
export function createNetwork(options: NetworkOptions = {}): Network {
	const disposer = new AbortController();
	const defaultTimeoutMs = options.timeoutMs ?? 30_000;
	const dns = createDnsClient({
		servers: options.dnsServers,
		disposed: disposer.signal,
		defaultTimeoutMs,
	});
	const fetch = createHttpClient({
		dns,
		ca: options.ca,
		ports: options.ports,
		disposed: disposer.signal,
		defaultTimeoutMs,
		maxBodyBytes,
	});

	// Calls still running, so dispose can wait until each has settled.
	const running = new Set<Promise<unknown>>();
	const track = async <T>(call: Promise<T>): Promise<T> => {
		running.add(call);
		try {
			return await call;
		} finally {
			running.delete(call);
		}
	};

	return {
		resolveMx: async (domain, callOptions) =>
			track(dns.resolveMx(domain, callOptions)),
		resolveSrv: async (name, callOptions) =>
			track(dns.resolveSrv(name, callOptions)),
		fetch: async (request, callOptions) => track(fetch(request, callOptions)),
		async dispose() {
			disposer.abort();
			await Promise.allSettled(running);
		},
	};
}
