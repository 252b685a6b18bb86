import {Box, Text} from 'ink';
import Checkbox from '../components/Checkbox.js';
import FieldError from '../components/FieldError.js';
import Frame from '../components/Frame.js';
import TextField from '../components/TextField.js';
import {fieldLabels} from '../flow/fields.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import useForm, {type Control} from '../hooks/use-form.js';
import usePageKeys from '../hooks/use-page-keys.js';
import {formHints} from './hints.js';
import type {PageProps} from './props.js';

/** Page 1: whether to integrate with Exchange at all, and the email address. */
export default function ExchangePage({
	flow,
	width,
	height,
	onChange,
	onNext,
}: PageProps) {
	const {answers, errors} = flow;
	const controls: Control[] = [
		{
			kind: 'checkbox',
			id: 'useExchange',
			onToggle() {
				onChange({useExchange: !answers.useExchange});
			},
		},
		{
			kind: 'checkbox',
			id: 'autodiscover',
			onToggle() {
				onChange({autodiscover: !answers.autodiscover});
			},
		},
		{kind: 'text', id: 'email'},
	];
	const form = useForm({
		controls,
		errors,
		onNext,
		onBack() {
			// The first page has nowhere to go back to.
		},
	});
	const hints = formHints(form, controls, {back: false});
	usePageKeys({handle: form.handle, typing: form.typing, hints});

	return (
		<Frame
			title={pageTitles.exchange}
			step={stepOf('exchange')}
			hints={hints}
			width={width}
			height={height}
		>
			<Checkbox
				label={fieldLabels.useExchange}
				isChecked={answers.useExchange === true}
				isFocused={form.focused === 'useExchange'}
			/>
			<Checkbox
				label={fieldLabels.autodiscover}
				isChecked={answers.autodiscover === true}
				isFocused={form.focused === 'autodiscover'}
			/>
			<TextField
				label={fieldLabels.email}
				value={answers.email ?? ''}
				placeholder="e.g. k2svc@contoso.com"
				isFocused={form.focused === 'email'}
				onChange={email => {
					onChange({email: email === '' ? undefined : email});
				}}
			/>
			<FieldError message={errors.email} />
			<Box marginTop={1} flexDirection="column">
				<Text dimColor>
					The email address is used for Autodiscover and, on Exchange Online,
					for replies.
				</Text>
				{answers.useExchange ? null : (
					<Text>
						Integration is off: Next goes to the summary, with nothing
						configured.
					</Text>
				)}
			</Box>
		</Frame>
	);
}
