import {expect, test} from 'vitest';
import {defaultPaths, pathsBeside} from '../../source/store/paths.js';

test('windows keeps everything under ProgramData', () => {
	expect(
		defaultPaths('win32', {ProgramData: String.raw`D:\ProgramData`}),
	).toEqual({
		directory: String.raw`D:\ProgramData\K2\ExchangeSetup`,
		configuration: String.raw`D:\ProgramData\K2\ExchangeSetup\configuration.json`,
		answers: String.raw`D:\ProgramData\K2\ExchangeSetup\answers.json`,
		log: String.raw`D:\ProgramData\K2\ExchangeSetup\detection.log.jsonl`,
		credential: String.raw`D:\ProgramData\K2\ExchangeSetup\credential.json`,
	});
	expect(defaultPaths('win32', {}).configuration).toBe(
		String.raw`C:\ProgramData\K2\ExchangeSetup\configuration.json`,
	);
});

test('elsewhere the XDG configuration folder is used', () => {
	expect(
		defaultPaths('linux', {XDG_CONFIG_HOME: '/x/config', HOME: '/home/a'})
			.configuration,
	).toBe('/x/config/k2-exchange-setup/configuration.json');
});

test('without XDG_CONFIG_HOME, or with a relative one, ~/.config is used', () => {
	for (const environment of [
		{HOME: '/home/a'},
		{HOME: '/home/a', XDG_CONFIG_HOME: 'rel'},
	]) {
		expect(defaultPaths('darwin', environment).answers).toBe(
			'/home/a/.config/k2-exchange-setup/answers.json',
		);
	}
});

test('a --config file brings its answers and log beside it', () => {
	expect(pathsBeside('/srv/k2/exchange.json', 'linux')).toEqual({
		directory: '/srv/k2',
		configuration: '/srv/k2/exchange.json',
		answers: '/srv/k2/answers.json',
		log: '/srv/k2/detection.log.jsonl',
		credential: '/srv/k2/credential.json',
	});
});
