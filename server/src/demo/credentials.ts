// Demo credentials, shared by `npm start`'s embedded demo and `nabiz emulator` so one .env works with
// both. They only open the emulator on 127.0.0.1. A tiny module: production start never loads the demo.
export const DEMO_KEY = 'nabizdemokey00000000000000000000';
export const DEMO_TOKEN = 'nabizdemotoken000000000000000000000000000000000000000000000000000';
