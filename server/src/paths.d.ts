/** The repository root (package.json, powerup/, server/src/, data/ defaults are relative to the working directory). */
export declare const ROOT: string;
