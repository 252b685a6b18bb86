import type {Plugin} from 'esbuild';

export const yogaWithoutFetch: Plugin;
export const meowLazyNormalize: Plugin;
export const stringWidthFastPath: Plugin;
export const zodEnglishOnly: Plugin;
export const ansiSameStyles: Plugin;
export const inkFrameCaches: Plugin;
/** Every patch, as scripts/bundle.js applies them. */
export const dependencyPatches: Plugin[];
