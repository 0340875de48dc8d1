// `nabiz demo`: the embedded demo (emulator + generated workspace + service), even when TRELLO_TOKEN is set.
import { serveCommand } from './serve.js';
import type { CliCommand } from './types.js';

const help = `nabiz demo — Nabız against an embedded Trello emulator with a generated workspace

Usage: nabiz demo [--port N]

Three specialists' boards of 12 customers each, 90 days of entries and the cases Nabız must catch.
Nothing touches real Trello; the data file (data/demo/) is recreated on every start.
`;

export const command: CliCommand = {
  help,
  run: (argv, io) => serveCommand(argv, io, true, help),
};
