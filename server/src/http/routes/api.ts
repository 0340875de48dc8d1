// PLACEHOLDER — the owning issue replaces this router.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';

export function apiRouter(_deps: AppDeps): Router {
  return Router();
}
