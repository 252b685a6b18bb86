export {createNetwork} from './create-network.js';
export type {Network, NetworkOptions} from './create-network.js';
