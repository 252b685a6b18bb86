/*
Focus and keys for a page of fields, as the contract's key map says: Tab and
the arrows move between fields, the arrows move inside an open dropdown or a
radio group, Space ticks, chooses or opens, Enter chooses in an open dropdown
or presses a button and is Next elsewhere, Esc closes a dropdown or is Back.
*/
import type {Key} from 'ink';
import {useEffect, useRef, useState} from 'react';

type ChoiceControl = {
	readonly kind: 'radio' | 'dropdown';
	readonly id: string;
	readonly count: number;
	/** Index of the chosen option, -1 when none is. */
	readonly chosen: number;
	readonly onChoose: (index: number) => void;
};

export type Control =
	| {
			readonly kind: 'checkbox';
			readonly id: string;
			readonly onToggle: () => void;
	  }
	| ChoiceControl
	| {readonly kind: 'text'; readonly id: string}
	| {
			readonly kind: 'button';
			readonly id: string;
			readonly onPress: () => void;
	  };

export type FormOptions = {
	readonly controls: readonly Control[];
	readonly onNext: () => void;
	readonly onBack: () => void;
	/**
	The page's field errors. Each time Next finds new ones, focus goes to the
	first field with an error.
	*/
	readonly errors?: Readonly<Record<string, unknown>>;
	/** Keys the form does not use, such as PgUp and PgDn on a long page. */
	readonly onOtherKey?: (input: string, key: Key) => void;
};

export type Form = {
	/** The id of the focused control, undefined on a page without any. */
	readonly focused: string | undefined;
	/** The option under the cursor of the focused radio group. */
	readonly cursor: number;
	/** The id of the open dropdown, if one is open. */
	readonly open: string | undefined;
	/** The highlighted option of the open dropdown. */
	readonly highlight: number;
	readonly typing: boolean;
	readonly handle: (input: string, key: Key) => void;
	readonly focus: (id: string) => void;
};

const useForm = ({
	controls,
	onNext,
	onBack,
	onOtherKey,
	errors,
}: FormOptions): Form => {
	const [focusedId, setFocusedId] = useState<string | undefined>(
		controls[0]?.id,
	);
	const [cursor, setCursor] = useState(() => startCursor(controls[0]));
	const [open, setOpen] = useState<string | undefined>();
	const [highlight, setHighlight] = useState(0);

	// A control that went away (a field hidden by a choice) hands focus on to
	// the first control, so focus is never lost.
	const index = Math.max(
		0,
		controls.findIndex(control => control.id === focusedId),
	);
	const current = controls[index];
	const focused = current?.id;
	const isOpen = open !== undefined && open === focused;

	const focusAt = (target: number, entry?: Entry) => {
		const control = controls[target];
		if (!control) {
			return;
		}

		setFocusedId(control.id);
		setCursor(startCursor(control, entry));
		setOpen(undefined);
	};

	/** Tab and Shift+Tab, from field to field, round the page. */
	const tabTo = (delta: number) => {
		focusAt((index + delta + controls.length) % controls.length);
	};

	// eslint-disable-next-line complexity -- one branch for each key
	const handle = (input: string, key: Key) => {
		if (current?.kind === 'dropdown' && isOpen) {
			handleOpenDropdown(current, input, key);
			return;
		}

		if (key.tab) {
			tabTo(key.shift ? -1 : 1);
			return;
		}

		if (key.downArrow || key.upArrow) {
			const delta = key.downArrow ? 1 : -1;
			if (current?.kind === 'radio') {
				const next = cursor + delta;
				if (next >= 0 && next < current.count) {
					setCursor(next);
					return;
				}
			}

			focusAt(index + delta, delta > 0 ? 'from-above' : 'from-below');
			return;
		}

		if (key.return) {
			if (current?.kind === 'button') {
				current.onPress();
			} else {
				onNext();
			}

			return;
		}

		if (key.escape) {
			onBack();
			return;
		}

		if (input === ' ' && current && current.kind !== 'text') {
			switch (current.kind) {
				case 'checkbox': {
					current.onToggle();
					break;
				}

				case 'radio': {
					current.onChoose(cursor);
					break;
				}

				case 'dropdown': {
					if (current.count > 0) {
						setOpen(current.id);
						setHighlight(Math.max(0, current.chosen));
					}

					break;
				}

				case 'button': {
					current.onPress();
					break;
				}
			}

			return;
		}

		onOtherKey?.(input, key);
	};

	const handleOpenDropdown = (
		dropdown: ChoiceControl,
		input: string,
		key: Key,
	) => {
		const last = dropdown.count - 1;
		if (key.downArrow) {
			setHighlight(highlight >= last ? 0 : highlight + 1);
		} else if (key.upArrow) {
			setHighlight(highlight <= 0 ? last : highlight - 1);
		} else if (key.pageDown) {
			setHighlight(Math.min(last, highlight + 5));
		} else if (key.pageUp) {
			setHighlight(Math.max(0, highlight - 5));
		} else if (key.home) {
			setHighlight(0);
		} else if (key.end) {
			setHighlight(last);
		} else if (key.return || input === ' ') {
			dropdown.onChoose(highlight);
			setOpen(undefined);
		} else if (key.escape) {
			setOpen(undefined);
		} else if (key.tab) {
			setOpen(undefined);
			tabTo(key.shift ? -1 : 1);
		}
		// Anything else, number keys included, does nothing while the list
		// is open: nothing is chosen by accident.
	};

	const previousErrors = useRef(errors);
	useEffect(() => {
		const before = Object.keys(previousErrors.current ?? {});
		const after = Object.keys(errors ?? {});
		previousErrors.current = errors;
		// Fixing one field drops its error; that must not move focus away
		// from where the administrator is typing. Only a fresh check does.
		const onlyDropped =
			after.length < before.length &&
			after.every(field => before.includes(field));
		const first = controls.find(control => errors?.[control.id]);
		if (first && !onlyDropped) {
			focusAt(controls.indexOf(first));
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [errors]);

	return {
		focused,
		cursor,
		open: isOpen ? open : undefined,
		highlight,
		typing: current?.kind === 'text',
		handle,
		focus(id: string) {
			const target = controls.findIndex(control => control.id === id);
			if (target !== -1) {
				focusAt(target);
			}
		},
	};
};

/**
How focus arrives: by an arrow from the field above or below, or (undefined)
by Tab, by Next finding an error there, or as the page opens.
*/
type Entry = 'from-above' | 'from-below';

/**
Where the cursor of a radio group starts. The arrows walk the options as
lines between the fields, so an arrow enters at the option nearest the field
it left, and the opposite arrow goes straight back there. Tab enters at the
chosen option, as a field.
*/
function startCursor(control: Control | undefined, entry?: Entry): number {
	if (control?.kind !== 'radio') {
		return 0;
	}

	if (entry === 'from-above') {
		return 0;
	}

	if (entry === 'from-below') {
		return control.count - 1;
	}

	return Math.max(0, control.chosen);
}

export default useForm;
