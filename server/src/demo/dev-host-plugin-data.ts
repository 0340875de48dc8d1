// Dev host ↔ emulator: t.set of the board preview lands in the emulator's pluginData, replacing our plugin's
// entry for that card/board (one shared entry per plugin and model, like Trello).
import type { EmulatorState } from './state.js';
import { DEMO_PLUGIN_ID } from './credentials.js';

export { DEMO_PLUGIN_ID };

export function emulatorPluginDataWriter(state: EmulatorState, idPlugin = DEMO_PLUGIN_ID): (idModel: string, value: string) => void {
  return (idModel, value) => void state.setPluginData(idModel, value, idPlugin);
}
