import type {Answers} from '../answers/schema.js';
import type {FlowState} from '../flow/wizard.js';

/** What the app gives every page. */
export type PageProps = {
	readonly flow: FlowState;
	/** The frame's size: every page fits it. */
	readonly width: number;
	readonly height: number;
	readonly onChange: (patch: Answers) => void;
	readonly onNext: () => void;
	readonly onBack: () => void;
};
