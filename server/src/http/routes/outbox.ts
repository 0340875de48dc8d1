// PLACEHOLDER — the owning issue replaces this router.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function outboxRouter(_deps: AppDeps): Router {
  return Router();
}
