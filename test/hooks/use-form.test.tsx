import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {afterEach, expect, test} from 'vitest';
import type {Authentication} from '../../source/answers/schema.js';
import RadioGroup from '../../source/components/RadioGroup.js';
import {authenticationChoices} from '../../source/flow/choices.js';
import useForm, {type Control} from '../../source/hooks/use-form.js';
import {keys} from '../helpers/keys.js';
import {renderTerminal, type Terminal} from '../helpers/terminal.js';

const ignore = () => undefined;

/** A field above and below a row of radio options, as on Accounts. */
function Form() {
	const [value, setValue] = useState<Authentication>('service-account');
	const controls: Control[] = [
		{kind: 'checkbox', id: 'above', onToggle: ignore},
		{
			kind: 'radio',
			id: 'authentication',
			count: authenticationChoices.length,
			chosen: authenticationChoices.findIndex(choice => choice.value === value),
			onChoose(index) {
				setValue(authenticationChoices[index]!.value);
			},
		},
		{kind: 'text', id: 'below'},
	];
	const form = useForm({controls, onNext: ignore, onBack: ignore});
	useInput((input, key) => {
		form.handle(input, key);
	});
	const line = (id: string) => `${form.focused === id ? '›' : ' '} ${id}`;
	return (
		<Box flexDirection="column">
			<Text>{line('above')}</Text>
			<RadioGroup
				options={authenticationChoices}
				value={value}
				cursor={form.cursor}
				isFocused={form.focused === 'authentication'}
				direction="row"
			/>
			<Text>{line('below')}</Text>
		</Box>
	);
}

let terminal: Terminal | undefined;
afterEach(() => {
	terminal?.unmount();
});

async function press(...sequence: string[]) {
	for (const key of sequence) {
		// eslint-disable-next-line no-await-in-loop
		await terminal!.press(key);
	}
}

function row(): string {
	return terminal!.screen().split('\n')[1]!.trimEnd();
}

test('a row of options keeps the pointer apart from the option before it', async () => {
	terminal = await renderTerminal(<Form />);
	await press(keys.tab);
	expect(row()).toBe(
		'  ( ) Impersonate › (•) ServiceAccount   ( ) Single Sign-On   ( ) Static',
	);
	await press(keys.tab);
	expect(row()).toBe(
		'  ( ) Impersonate   (•) ServiceAccount   ( ) Single Sign-On   ( ) Static',
	);
});

test('up from the field below enters at the last option, and down goes back', async () => {
	terminal = await renderTerminal(<Form />);
	await press(keys.tab, keys.tab);
	expect(terminal.screen()).toContain('› below');
	await press(keys.up);
	expect(row()).toMatch(/ › \( \) Static$/);
	await press(keys.down);
	expect(terminal.screen()).toContain('› below');
});

test('down from the field above enters at the first option, and up goes back', async () => {
	terminal = await renderTerminal(<Form />);
	await press(keys.down);
	expect(row()).toMatch(/^› \( \) Impersonate /);
	await press(keys.down, keys.down, keys.down);
	expect(row()).toMatch(/ › \( \) Static$/);
	await press(keys.up, keys.up, keys.up, keys.up);
	expect(terminal.screen()).toContain('› above');
});

test('tab enters at the chosen option, and space chooses the one under the pointer', async () => {
	terminal = await renderTerminal(<Form />);
	await press(keys.tab, keys.down, keys.space);
	expect(row()).toBe(
		'  ( ) Impersonate   ( ) ServiceAccount › (•) Single Sign-On   ( ) Static',
	);
});
