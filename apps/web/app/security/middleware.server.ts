import type { MiddlewareFunction } from 'react-router';
import { assertBodyWithinLimit } from './body-limit.server.ts';
import { cspNonceContext, newNonce, withSecurityHeaders } from './headers.server.ts';

/**
 * Outermost: every response — pages, resource routes, error pages rendered for what a later
 * middleware or a loader threw — leaves with the security headers and this request's nonce.
 */
export const securityHeaders: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const nonce = newNonce();
  context.set(cspNonceContext, nonce);
  return withSecurityHeaders(await next(), nonce, request);
};

/** Before any loader or action: an oversized body is refused with 413 before auth or parsing. */
export const bodyLimit: MiddlewareFunction<Response> = async ({ request }, next) => {
  await assertBodyWithinLimit(request);
  return next();
};
