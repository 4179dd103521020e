import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import type { RenderToPipeableStreamOptions } from 'react-dom/server';
import { renderToPipeableStream } from 'react-dom/server';
import type { EntryContext, HandleDataRequestFunction, RouterContextProvider } from 'react-router';
import { ServerRouter } from 'react-router';
import { logger } from './logger.server.ts';
import { recordPeerAddresses } from './security/client-address.server.ts';
import {
  cspNonceContext,
  newNonce,
  setSecurityHeaders,
  withSecurityHeaders,
} from './security/headers.server.ts';

// React Router's default Node entry, plus the CSP nonce on every script it renders. Loading this
// module (at boot in production) also starts recording each request's TCP peer address.
recordPeerAddresses();

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // Set here too: the root middleware does not run for a path no route matches.
  const nonce = loadContext.get(cspNonceContext) ?? newNonce();
  setSecurityHeaders(responseHeaders, nonce, request.url);
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let status = responseStatusCode;
    const userAgent = request.headers.get('user-agent');
    // Bots get the whole page at once; people get the shell as soon as it is ready.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady';
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(
      () => abort(),
      streamTimeout + 1000,
    );
    const { pipe, abort } = renderToPipeableStream(
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set('Content-Type', 'text/html');
          pipe(body);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status,
            }),
          );
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          // Errors before the shell reject above and are logged by React Router.
          if (shellRendered)
            logger().error({ err: error, url: request.url }, 'streaming render failed');
        },
      },
    );
  });
}

/** Data requests (client navigations, fetchers) carry the same headers as pages. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request, context }) =>
  withSecurityHeaders(response, context.get(cspNonceContext) ?? newNonce(), request);
