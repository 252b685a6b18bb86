import {describe, expect, test} from 'vitest';
import {
	buildPoxRequest,
	buildPoxResponse,
	parseJsonAutodiscover,
	parsePoxRequestEmail,
	parsePoxResponse,
} from '../../source/environment/pox.js';

describe('POX request', () => {
	test('carries the address, escaped, and the 2006a response schema', () => {
		const xml = buildPoxRequest('o<brien>&co@contoso.com');
		expect(xml).toContain(
			'<EMailAddress>o&lt;brien&gt;&amp;co@contoso.com</EMailAddress>',
		);
		expect(xml).toContain(
			'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
		);
		expect(parsePoxRequestEmail(xml)).toBe('o<brien>&co@contoso.com');
	});
});

describe('POX response', () => {
	test('a built response parses back', () => {
		const xml = buildPoxResponse({
			email: 'k2svc@contoso.com',
			ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx?a=1&b=2',
			server: 'exch01.contoso.com',
			serverVersion: '73C28608',
		});
		expect(parsePoxResponse(xml)).toMatchObject({
			kind: 'settings',
			ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx?a=1&b=2',
			server: 'exch01.contoso.com',
			serverVersion: '73C28608',
		});
	});

	test('prefers the EXCH protocol and reads prefixed elements', () => {
		const xml = `<?xml version="1.0"?>
<a:Autodiscover xmlns:a="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
<r:Response xmlns:r="x"><r:Account>
<r:Protocol><r:Type>WEB</r:Type><r:ASUrl>https://web.example/EWS</r:ASUrl></r:Protocol>
<r:Protocol Type="x"><r:Type>EXCH</r:Type><r:Server>exch02.example.com</r:Server>
<r:ServerVersion>738180DA</r:ServerVersion>
<r:EwsUrl><![CDATA[https://exch.example/EWS/Exchange.asmx]]></r:EwsUrl></r:Protocol>
</r:Account></r:Response></a:Autodiscover>`;
		expect(parsePoxResponse(xml)).toMatchObject({
			kind: 'settings',
			ewsUrl: 'https://exch.example/EWS/Exchange.asmx',
			server: 'exch02.example.com',
			serverVersion: '738180DA',
		});
	});

	test('ignores elements inside comments', () => {
		const xml = `<Autodiscover><Response><Account>
<!-- <Protocol><Type>EXCH</Type><EwsUrl>https://evil.example/</EwsUrl></Protocol> -->
<Protocol><Type>EXPR</Type><EwsUrl>https://good.example/EWS/Exchange.asmx</EwsUrl></Protocol>
</Account></Response></Autodiscover>`;
		expect(parsePoxResponse(xml)).toMatchObject({
			ewsUrl: 'https://good.example/EWS/Exchange.asmx',
		});
	});

	test('a redirectUrl answer', () => {
		const xml = buildPoxResponse({
			email: 'a@b.com',
			redirectUrl: 'https://mail.b.com/autodiscover/autodiscover.xml',
		});
		expect(parsePoxResponse(xml)).toEqual({
			kind: 'redirect-url',
			url: 'https://mail.b.com/autodiscover/autodiscover.xml',
		});
	});

	test('a redirectAddr answer', () => {
		const xml =
			'<Autodiscover><Response><Account><Action>redirectAddr</Action><RedirectAddr>x@y.com</RedirectAddr></Account></Response></Autodiscover>';
		expect(parsePoxResponse(xml)).toEqual({
			kind: 'redirect-address',
			email: 'x@y.com',
		});
	});

	test('an error answer', () => {
		const xml =
			'<Autodiscover><Response><Error Time="1" Id="2"><ErrorCode>500</ErrorCode><Message>The email address can&apos;t be found.</Message></Error></Response></Autodiscover>';
		expect(parsePoxResponse(xml)).toEqual({
			kind: 'error',
			code: '500',
			message: "The email address can't be found.",
		});
	});

	test.each([
		['', 'not an Autodiscover response'],
		['<html><body>Welcome</body></html>', 'not an Autodiscover response'],
		['<Autodiscover><Response/></Autodiscover>', 'no Protocol in the response'],
		[
			`<Autodiscover>${'x'.repeat(1_100_000)}</Autodiscover>`,
			'response larger than 1 MB',
		],
	])('refuses %#', (body, reason) => {
		expect(parsePoxResponse(body)).toEqual({kind: 'invalid', reason});
	});

	test('numeric character references decode, unknown entities stay', () => {
		const xml =
			'<Autodiscover><Protocol><Type>EXCH</Type><EwsUrl>https://a.example/&#x45;WS&#47;x&unknown;</EwsUrl></Protocol></Autodiscover>';
		expect(parsePoxResponse(xml)).toMatchObject({
			ewsUrl: 'https://a.example/EWS/x&unknown;',
		});
	});
});

describe('Autodiscover v2', () => {
	test.each([
		[
			'{"Protocol":"EWS","Url":"https://a.example/EWS/Exchange.asmx"}',
			'https://a.example/EWS/Exchange.asmx',
		],
		['{"Protocol":"EWS"}', undefined],
		['{"Url":7}', undefined],
		['not json', undefined],
		['null', undefined],
	])('%s', (body, url) => {
		expect(parseJsonAutodiscover(body)).toBe(url);
	});
});
