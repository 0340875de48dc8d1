// The Trello emulator and the demo workspace. See docs/emulator.md.
export { startEmulator, signWebhook, DEFAULT_RATE_LIMITS, DEMO_APP_SECRET } from './emulator.js';
export type { Emulator, EmulatorLogger, FaultControl, RateLimits, StartEmulatorOptions, WebhookDelivery } from './emulator.js';
export { EmulatorState, EmulatorError } from './state.js';
export type { BoardRecord } from './state.js';
export * from './model.js';
export { IdFactory, idTime, isTrelloId, createRng, mulberry32 } from './ids.js';
export { generateDemoWorkspace, generateScaleWorkspace, DEMO_PLUGIN_ID } from './workspace.js';
export type { DemoWorkspace, DemoExpectations, CardExpectation, ExpectedFinding, AbsentFinding, DemoCase, DemoOptions, DemoSpecialist } from './workspace.js';
