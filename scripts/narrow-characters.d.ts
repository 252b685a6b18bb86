/** Character-class source of the characters always one column wide. */
export const narrowCharacters: string;
/** JavaScript source testing that `string` holds narrow characters only. */
export const narrowTest: string;
