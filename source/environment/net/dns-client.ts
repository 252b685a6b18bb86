/*
DNS through node:dns's Resolver, which asks DNS servers directly instead of
going through the operating system's resolver. Tests point it at a DNS server
on the loopback interface; left alone, it uses the servers the system is
configured with.
*/
import {Resolver} from 'node:dns/promises';
import type {LookupAddress, LookupOptions} from 'node:dns';
import type {
	CallOptions,
	MxRecord,
	Outcome,
	ProbeError,
	SrvRecord,
} from '../types.js';
import {limitCall} from './call-limits.js';

export type DnsClientOptions = {
	/** "address" or "address:port"; the system's servers when absent. */
	readonly servers?: readonly string[];
	/** Aborted when the network is disposed. */
	readonly disposed: AbortSignal;
	readonly defaultTimeoutMs: number;
};

type LookupCallback = (
	error: NodeJS.ErrnoException | null,
	address: string | LookupAddress[],
	family?: number,
) => void;

/** The shape node:net expects for its `lookup` option. */
export type Lookup = (
	hostname: string,
	options: LookupOptions,
	callback: LookupCallback,
) => void;

export type DnsClient = {
	resolveMx(
		domain: string,
		options?: CallOptions,
	): Promise<Outcome<MxRecord[]>>;
	resolveSrv(
		name: string,
		options?: CallOptions,
	): Promise<Outcome<SrvRecord[]>>;
	/**
	A hostname lookup for HTTP connections that asks the same servers, so the
	DNS server a test starts decides where every hostname goes. Undefined
	when no servers were given: the operating system then resolves names, as
	every other program on the computer does (hosts file included).
	*/
	lookupFor(signal: AbortSignal): Lookup | undefined;
};

type ResolverError = Error & {code?: string};

function codeOf(error: unknown): string | undefined {
	return error instanceof Error ? (error as ResolverError).code : undefined;
}

export function createDnsClient(options: DnsClientOptions): DnsClient {
	const servers = options.servers ? [...options.servers] : undefined;
	const newResolver = () => {
		const resolver = new Resolver();
		if (servers) {
			resolver.setServers(servers);
		}

		return resolver;
	};

	// Bad server addresses are the caller's mistake: fail now, not per call.
	newResolver();

	async function query<T>(
		ask: (resolver: Resolver) => Promise<T>,
		callOptions: CallOptions | undefined,
	): Promise<Outcome<T>> {
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

		const resolver = newResolver();
		limits.signal.addEventListener('abort', () => {
			resolver.cancel();
		});
		try {
			return {ok: true, value: await ask(resolver)};
		} catch (error) {
			const reason = limits.reason();
			if (reason) {
				return {ok: false, error: reason};
			}

			// No such name (NXDOMAIN) and no record of this type (NODATA) are
			// both a 'dns' error: either way the records detection asked for
			// are not there, and the message says which it was.
			return {ok: false, error: dnsError(error)};
		} finally {
			limits.release();
		}
	}

	return {
		resolveMx: async (domain, callOptions) =>
			query(async resolver => {
				const records = await resolver.resolveMx(domain);
				return records.map(({exchange, priority}) => ({
					exchange,
					priority,
				}));
			}, callOptions),
		resolveSrv: async (name, callOptions) =>
			query(async resolver => {
				const records = await resolver.resolveSrv(name);
				return records.map(({name, port, priority, weight}) => ({
					name,
					port,
					priority,
					weight,
				}));
			}, callOptions),
		lookupFor(signal) {
			if (!servers) {
				return undefined;
			}

			return (hostname, lookupOptions, callback) => {
				void lookUp({
					resolver: newResolver(),
					signal,
					hostname,
					options: lookupOptions,
					callback,
				});
			};
		},
	};
}

type LookupCall = {
	readonly resolver: Resolver;
	readonly signal: AbortSignal;
	readonly hostname: string;
	readonly options: LookupOptions;
	readonly callback: LookupCallback;
};

/** One lookup for node:net, stopped with the call it belongs to. */
async function lookUp(call: LookupCall): Promise<void> {
	const {resolver, signal, hostname, options, callback} = call;
	const cancel = () => {
		resolver.cancel();
	};

	signal.addEventListener('abort', cancel, {once: true});
	let addresses: LookupAddress[];
	try {
		addresses = await resolveAddresses(resolver, hostname, options.family);
	} catch (error) {
		callback(error as NodeJS.ErrnoException, '');
		return;
	} finally {
		signal.removeEventListener('abort', cancel);
	}

	const [first] = addresses;
	if (options.all) {
		callback(null, addresses);
	} else if (first) {
		callback(null, first.address, first.family);
	}
}

function dnsError(error: unknown): ProbeError {
	const message = error instanceof Error ? error.message : String(error);
	return {category: 'dns', message};
}

/**
IPv4 addresses first, then IPv6, as far as the caller's family allows.
Rejects with the resolver's error (code ENOTFOUND and so on) when the name
has no address at all.
*/
async function resolveAddresses(
	resolver: Resolver,
	hostname: string,
	family: LookupOptions['family'],
): Promise<LookupAddress[]> {
	const wanted = family === 'IPv4' ? 4 : family === 'IPv6' ? 6 : family;
	let firstError: unknown;
	if (wanted !== 6) {
		try {
			const v4 = await resolver.resolve4(hostname);
			if (v4.length > 0) {
				return v4.map(address => ({address, family: 4}));
			}
		} catch (error) {
			// No such name, or the lookup was stopped: IPv6 cannot help.
			const code = codeOf(error);
			if (code === 'ENOTFOUND' || code === 'ECANCELLED') {
				throw error;
			}

			firstError = error;
		}
	}

	if (wanted !== 4) {
		try {
			const v6 = await resolver.resolve6(hostname);
			if (v6.length > 0) {
				return v6.map(address => ({address, family: 6}));
			}
		} catch (error) {
			firstError ??= error;
		}
	}

	throw firstError instanceof Error ? firstError : notFound(hostname);
}

function notFound(hostname: string): NodeJS.ErrnoException {
	const error: NodeJS.ErrnoException = new Error(`No address for ${hostname}.`);
	error.code = 'ENOTFOUND';
	return error;
}
