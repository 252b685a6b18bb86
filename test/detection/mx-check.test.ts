import {describe, expect, test} from 'vitest';
import {evaluateMx, isOnlineMx} from '../../source/detection/mx-check.js';

describe('exchange online mx hosts', () => {
	test.each([
		'contoso-com.mail.protection.outlook.com',
		'contoso-com.mail.protection.outlook.com.',
		'contoso.a1b2c3d4.mx.microsoft',
		'CONTOSO.A1B2C3D4.MX.MICROSOFT',
		'contoso.a1b2c3d4.mx.microsoft.',
	])('%s is exchange online', host => {
		expect(isOnlineMx(host)).toBe(true);
	});

	test.each([
		'mail.contoso.com',
		'mx.microsoft.contoso.com',
		'contoso.notmx.microsoft',
		'contoso.mx.microsoft.example',
	])('%s is not', host => {
		expect(isOnlineMx(host)).toBe(false);
	});

	test('a domain added since march 2024 is reported as exchange online', () => {
		const verdict = evaluateMx(
			'contoso.com',
			{
				ok: true,
				value: [{exchange: 'contoso.a1b2c3d4.mx.microsoft', priority: 0}],
			},
			5000,
		);
		expect(verdict).toMatchObject({
			status: 'pass',
			summary:
				'contoso.com: contoso.a1b2c3d4.mx.microsoft (0) (Exchange Online)',
		});
	});
});
