/** The hub's version, from its package.json. */
export { version as VERSION } from "../package.json";
