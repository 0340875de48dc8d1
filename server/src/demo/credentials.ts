// Demo credentials, shared by `npm start`'s embedded demo and `nabiz emulator` so one .env works with
// both. They only open the emulator on 127.0.0.1. Demo code: only `nabiz demo`, the emulator and tests load it.
export const DEMO_KEY = 'nabizdemokey00000000000000000000';
export const DEMO_TOKEN = 'nabizdemotoken000000000000000000000000000000000000000000000000000';
/** The idPlugin the demo workspace's pluginData and the dev host's JWTs use. */
export const DEMO_PLUGIN_ID = 'nabiz-demo-plugin';
