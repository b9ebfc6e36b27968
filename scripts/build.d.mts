// Types of scripts/build.mjs for the TypeScript callers (bench/run.ts).
export declare const ROOT: string;
export declare const DIST_DIR: string;
export declare const CLI_BUNDLE: string;
export declare const NODE_BUNDLE_OPTIONS: import('esbuild').BuildOptions;
export declare function newestSourceMs(): number;
export declare function bundleIsFresh(): boolean;
export declare function buildBundles(): Promise<void>;
