/*
Autodiscover "plain old XML": the request a client posts and the few parts of
the response detection needs (EWS URL, server, ServerVersion, redirects and
errors). Also builds responses, for the simulated environment and for the
loopback servers in tests.

The parser is deliberately small: it reads only elements by local name, never
expands entities beyond the five predefined ones and numeric references, and
refuses bodies over 1 MB. Autodiscover responses are short and flat enough
for that, and it keeps an XML library out of the bundle.
*/

export const requestNamespace =
	'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
export const responseSchema =
	'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const responseNamespace =
	'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';

const maxBodyLength = 1024 * 1024;

export function escapeXml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&apos;');
}

const namedEntities: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
};

/** CDATA sections as escaped text, so tags can be stripped safely after. */
function escapeCdata(text: string): string {
	return text.replaceAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, content: string) =>
		escapeXml(content),
	);
}

function decodeXml(text: string): string {
	return text.replaceAll(
		/&(#x[\da-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi,
		(whole, entity: string) => {
			if (entity.startsWith('#')) {
				const code = entity.startsWith('#x')
					? Number.parseInt(entity.slice(2), 16)
					: Number(entity.slice(1));
				return code > 0 && code <= 0x10_ff_ff
					? String.fromCodePoint(code)
					: whole;
			}

			return namedEntities[entity] ?? whole;
		},
	);
}

/** The body of every element with this local name, in document order. */
function elements(xml: string, name: string): string[] {
	const pattern = new RegExp(
		`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>`,
		'g',
	);
	return [...xml.matchAll(pattern)].map(match => match[1] ?? '');
}

function text(xml: string, name: string): string | undefined {
	const [first] = elements(xml, name);
	if (first === undefined) {
		return undefined;
	}

	const value = decodeXml(escapeCdata(first).replaceAll(/<[^>]*>/g, '')).trim();
	return value === '' ? undefined : value;
}

export function buildPoxRequest(email: string): string {
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<Autodiscover xmlns="${requestNamespace}">`,
		'<Request>',
		`<EMailAddress>${escapeXml(email)}</EMailAddress>`,
		`<AcceptableResponseSchema>${responseSchema}</AcceptableResponseSchema>`,
		'</Request>',
		'</Autodiscover>',
	].join('\n');
}

/** The address a POX request asks about, if any. */
export function parsePoxRequestEmail(xml: string): string | undefined {
	if (xml.length > maxBodyLength) {
		return undefined;
	}

	return text(stripComments(xml), 'EMailAddress');
}

export type PoxProtocol = {
	/** EXCH, EXPR or WEB. */
	readonly type: string;
	readonly server?: string;
	readonly serverVersion?: string;
	readonly ewsUrl?: string;
};

export type PoxResponse =
	| {
			readonly kind: 'settings';
			readonly protocols: readonly PoxProtocol[];
			/** The EWS URL of the best protocol (EXCH, then EXPR, then WEB). */
			readonly ewsUrl?: string;
			readonly server?: string;
			readonly serverVersion?: string;
	  }
	| {readonly kind: 'redirect-url'; readonly url: string}
	| {readonly kind: 'redirect-address'; readonly email: string}
	| {readonly kind: 'error'; readonly code: string; readonly message: string}
	| {readonly kind: 'invalid'; readonly reason: string};

function stripComments(xml: string): string {
	return xml.replaceAll(/<!--[\s\S]*?-->/g, '');
}

const protocolRank = ['EXCH', 'EXPR', 'WEB'];

export function parsePoxResponse(body: string): PoxResponse {
	if (body.length > maxBodyLength) {
		return {kind: 'invalid', reason: 'response larger than 1 MB'};
	}

	const xml = stripComments(body);
	if (!/<(?:[\w.-]+:)?Autodiscover[\s>]/.test(xml)) {
		return {kind: 'invalid', reason: 'not an Autodiscover response'};
	}

	const [error] = elements(xml, 'Error');
	if (error !== undefined) {
		return {
			kind: 'error',
			code: text(error, 'ErrorCode') ?? 'unknown',
			message: text(error, 'Message') ?? 'no message',
		};
	}

	const action = text(xml, 'Action')?.toLowerCase();
	if (action === 'redirecturl') {
		const url = text(xml, 'RedirectUrl');
		if (url) {
			return {kind: 'redirect-url', url};
		}
	}

	if (action === 'redirectaddr') {
		const email = text(xml, 'RedirectAddr');
		if (email) {
			return {kind: 'redirect-address', email};
		}
	}

	const protocols = elements(xml, 'Protocol')
		.map((block): PoxProtocol => ({
			type: (text(block, 'Type') ?? '').toUpperCase(),
			server: text(block, 'Server'),
			serverVersion: text(block, 'ServerVersion'),
			ewsUrl: text(block, 'EwsUrl') ?? text(block, 'ASUrl'),
		}))
		.sort((a, b) => rank(a.type) - rank(b.type));

	if (protocols.length === 0) {
		return {kind: 'invalid', reason: 'no Protocol in the response'};
	}

	const withUrl = protocols.find(protocol => protocol.ewsUrl);
	const withVersion = protocols.find(protocol => protocol.serverVersion);
	return {
		kind: 'settings',
		protocols,
		ewsUrl: withUrl?.ewsUrl,
		server: (withVersion ?? withUrl)?.server,
		serverVersion: withVersion?.serverVersion,
	};
}

function rank(type: string): number {
	const index = protocolRank.indexOf(type);
	return index === -1 ? protocolRank.length : index;
}

export type PoxResponseInput = {
	readonly email: string;
	readonly ewsUrl?: string;
	readonly server?: string;
	readonly serverVersion?: string;
	readonly redirectUrl?: string;
};

/** A settings (or redirectUrl) response, as Exchange would send it. */
export function buildPoxResponse(input: PoxResponseInput): string {
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<Autodiscover xmlns="${responseNamespace}">`,
		`<Response xmlns="${responseSchema}">`,
		'<User>',
		`<DisplayName>${escapeXml(input.email.split('@')[0] ?? '')}</DisplayName>`,
		`<AutoDiscoverSMTPAddress>${escapeXml(input.email)}</AutoDiscoverSMTPAddress>`,
		'</User>',
		'<Account>',
		'<AccountType>email</AccountType>',
	];
	if (input.redirectUrl) {
		lines.push(
			'<Action>redirectUrl</Action>',
			`<RedirectUrl>${escapeXml(input.redirectUrl)}</RedirectUrl>`,
		);
	} else {
		lines.push('<Action>settings</Action>');
		for (const type of ['EXCH', 'EXPR']) {
			lines.push('<Protocol>', `<Type>${type}</Type>`);
			if (input.server) {
				lines.push(`<Server>${escapeXml(input.server)}</Server>`);
			}

			if (input.serverVersion) {
				lines.push(
					`<ServerVersion>${escapeXml(input.serverVersion)}</ServerVersion>`,
				);
			}

			if (input.ewsUrl) {
				lines.push(
					`<ASUrl>${escapeXml(input.ewsUrl)}</ASUrl>`,
					`<EwsUrl>${escapeXml(input.ewsUrl)}</EwsUrl>`,
				);
			}

			lines.push('</Protocol>');
		}
	}

	lines.push('</Account>', '</Response>', '</Autodiscover>');
	return lines.join('\n');
}

/** Autodiscover v2: `{"Protocol":"EWS","Url":"…"}`. */
export function parseJsonAutodiscover(body: string): string | undefined {
	try {
		const data = JSON.parse(body) as unknown;
		if (data && typeof data === 'object') {
			const url = (data as Record<string, unknown>).Url;
			return typeof url === 'string' && url !== '' ? url : undefined;
		}
	} catch {}

	return undefined;
}
