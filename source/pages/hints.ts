/*
The footer's key hints for a page of fields, for what has focus now.
*/
import type {Hint} from '../components/KeyHints.js';
import {type Control, type Form} from '../hooks/use-form.js';

export const quitHint: Hint = ['Ctrl+C', 'quit'];
export const helpHint: Hint = ['F1', 'help'];

export function formHints(
	form: Form,
	controls: readonly Control[],
	options: {next?: string; back?: boolean} = {},
): Hint[] {
	const current = controls.find(control => control.id === form.focused);
	if (form.open) {
		return [
			['Up/Down', 'move'],
			['Enter', 'choose'],
			['Esc', 'close'],
			quitHint,
		];
	}

	const hints: Hint[] = [];
	switch (current?.kind) {
		case 'checkbox': {
			hints.push(['Tab', 'field'], ['Space', 'tick']);
			break;
		}

		case 'radio': {
			hints.push(['Up/Down', 'option'], ['Space', 'choose']);
			break;
		}

		case 'dropdown': {
			hints.push(['Tab', 'field'], ['Space', 'open']);
			break;
		}

		case 'button': {
			hints.push(['Tab', 'button'], ['Enter', 'press']);
			break;
		}

		case 'text':
		case undefined: {
			if (controls.length > 1) {
				hints.push(['Tab', 'field']);
			}

			break;
		}
	}

	if (current?.kind !== 'button') {
		hints.push(['Enter', options.next ?? 'next']);
	}

	if (options.back !== false) {
		hints.push(['Esc', 'back']);
	}

	hints.push(helpHint, quitHint);
	return hints;
}
