/*
What each page requires before Next. Format messages come from the answers
schema, so a page, a flag and an answer-file key fail with the same words;
this module adds only what a page requires to be present.
*/
import {
	acceptedOnline,
	needsPassword,
	needsServiceAccount,
} from '../answers/authentication.js';
import {answersSchema, type Answers} from '../answers/schema.js';
import type {DetectionReport} from '../detection/types.js';
import {
	fieldLabels,
	fieldsOf,
	passwordField,
	passwordLabel,
	type FieldId,
} from './fields.js';
import type {PageId} from './pages.js';
import {serverToEnter} from './skip.js';
import {versionOf} from './version.js';

export type FieldErrors = Partial<
	Record<FieldId | typeof passwordField, string>
>;

/** The error for one field's value, or undefined when it is acceptable. */
export function checkField(
	field: FieldId,
	value: Answers[FieldId],
): string | undefined {
	const result = answersSchema.shape[field].safeParse(value);
	if (result.success) {
		return undefined;
	}

	const message = result.error.issues[0]?.message ?? 'is not valid';
	return `${fieldLabels[field]} ${message}`;
}

function requiredFields(
	page: PageId,
	answers: Answers,
	report: DetectionReport | undefined,
): FieldId[] {
	switch (page) {
		case 'exchange': {
			return answers.useExchange && answers.autodiscover ? ['email'] : [];
		}

		case 'configuration': {
			if (answers.deployment === 'online') {
				return ['deployment'];
			}

			const required: FieldId[] = ['deployment', 'server'];
			// A server no check has reached yet is asked first; only then is
			// it known whether detection can tell its version.
			if (
				versionOf(answers, report).source === null &&
				!(report && serverToEnter(report))
			) {
				required.push('exchangeVersion');
			}

			return required;
		}

		case 'accounts': {
			if (answers.deployment === 'online') {
				return [
					'authentication',
					'tenantId',
					'clientId',
					'certificateThumbprint',
				];
			}

			const required: FieldId[] = ['authentication'];
			if (
				answers.authentication === undefined ||
				needsServiceAccount('on-premises', answers.authentication)
			) {
				required.push('serviceAccount');
			}

			if (answers.administrative) {
				required.push('mailboxDatabase');
			}

			return required;
		}

		case 'detecting':
		case 'not-shown':
		case 'summary':
		case 'done': {
			return [];
		}
	}
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === '';
}

/**
Every problem on a page, keyed by field, in the order the fields are shown.
The password is checked for presence only: what it is, only Exchange knows.
*/
export function validatePage(
	page: PageId,
	answers: Answers,
	report: DetectionReport | undefined,
	password?: string,
): FieldErrors {
	const errors: FieldErrors = {};
	const required = new Set(requiredFields(page, answers, report));
	for (const field of fieldsOf(page, answers, report)) {
		const value = answers[field];
		if (isBlank(value)) {
			if (required.has(field)) {
				errors[field] = requiredMessage(field, answers);
			}

			continue;
		}

		const error = checkField(field, value) ?? conflict(field, answers);
		if (error) {
			errors[field] = error;
		}
	}

	if (page === 'accounts' && passwordNeeded(answers) && !password) {
		errors[passwordField] =
			`${passwordLabel} is required for Static authentication`;
	}

	return errors;
}

/** Whether the answers ask for the Static password on the Accounts page. */
export function passwordNeeded(answers: Answers): boolean {
	return (
		answers.authentication !== undefined &&
		needsPassword(answers.deployment ?? 'on-premises', answers.authentication)
	);
}

/** A value that is well formed but does not go with the other answers. */
function conflict(field: FieldId, answers: Answers): string | undefined {
	const {authentication, deployment} = answers;
	if (
		field === 'authentication' &&
		authentication !== undefined &&
		deployment === 'online' &&
		!acceptedOnline(authentication)
	) {
		return `${fieldLabels.authentication} Static is not accepted by Exchange Online (basic authentication is retired); choose another mode`;
	}

	return undefined;
}

function requiredMessage(field: FieldId, answers: Answers): string {
	if (field === 'email' && answers.autodiscover) {
		return `${fieldLabels.email} is required for Autodiscover; enter one such as k2svc@contoso.com, or untick Use Autodiscover`;
	}

	return `${fieldLabels[field]} is required`;
}

export function hasErrors(errors: FieldErrors): boolean {
	return Object.keys(errors).length > 0;
}
