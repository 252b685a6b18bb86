/*
The field flags as answers, and answers layered one over another: an
existing configuration (on --reconfigure), then the answer file, then the
flags, each later source overriding the earlier ones field by field.
*/
import {fieldNames} from './fields.js';
import {parseAnswers} from './parse.js';
import type {Answers} from './schema.js';

/**
The answers the field flags give, validated; flags not given are absent.
`flags` is meow's result, keyed in camelCase like the answers.
*/
export function answersFromFlags(flags: Record<string, unknown>): Answers {
	const given: Record<string, unknown> = {};
	for (const field of fieldNames) {
		if (flags[field] !== undefined) {
			given[field] = flags[field];
		}
	}

	return parseAnswers(given, {kind: 'flag'});
}

/** Later sources win, field by field; an absent field overrides nothing. */
export function mergeAnswers(...sources: Answers[]): Answers {
	const merged: Record<string, unknown> = {};
	for (const source of sources) {
		for (const [field, value] of Object.entries(source)) {
			if (value !== undefined) {
				merged[field] = value;
			}
		}
	}

	return merged;
}
