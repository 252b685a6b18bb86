import type {Plugin} from 'esbuild';

export const yogaSynchronous: Plugin;
export const yogaWithoutAwait: Plugin;
export const inkWithoutDevtools: Plugin;
export const meowLazyNormalize: Plugin;
export const stringWidthFastPath: Plugin;
export const zodEnglishOnly: Plugin;
export const ansiSameStyles: Plugin;
export const processAsGlobal: Plugin;
export const terminalSizeLazyChildProcess: Plugin;
export const signalExitWithoutAssert: Plugin;
export const inkFrameCaches: Plugin;
export const tokenizeNarrowLines: Plugin;
export const sliceAnsiLazySegmenter: Plugin;
/** Every patch, as scripts/bundle.js applies them. */
export const dependencyPatches: Plugin[];
