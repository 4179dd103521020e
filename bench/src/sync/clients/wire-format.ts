import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectSpec } from './connect-spec.ts';

/** Top-level message types both servers share (y-websocket's numbering; Hocuspocus extends it). */
export const WireMessage = {
  sync: 0,
  awareness: 1,
  auth: 2,
  /** Hocuspocus: sync step 2 answering the server's step 1, which asks for no step 1 back. */
  syncReply: 4,
  /** Hocuspocus: the server's acknowledgement of a stored update. */
  syncStatus: 8,
} as const;

/**
 * How one protocol frames its messages: y-websocket's are bare, Hocuspocus prefixes every one
 * with the document name as a var-string (it multiplexes documents over one socket).
 */
export interface WireFormat {
  /** A new encoder with the frame's address already written. */
  encoder(): encoding.Encoder;
  /** A decoder positioned after the address; throws when the frame is for another document. */
  decoder(frame: Uint8Array): decoding.Decoder;
  /** Bytes the address takes at the start of every frame. */
  addressLength: number;
}

export function wireFormatFor(spec: ConnectSpec): WireFormat {
  if (spec.protocol === 'y-websocket') {
    return {
      encoder: () => encoding.createEncoder(),
      decoder: (frame) => decoding.createDecoder(frame),
      addressLength: 0,
    };
  }
  const address = encoding.createEncoder();
  encoding.writeVarString(address, spec.docName);
  const addressBytes = encoding.toUint8Array(address);
  return {
    encoder: () => {
      const encoder = encoding.createEncoder();
      encoding.writeUint8Array(encoder, addressBytes);
      return encoder;
    },
    decoder: (frame) => {
      const decoder = decoding.createDecoder(frame);
      const name = decoding.readVarString(decoder);
      if (name !== spec.docName) throw new Error(`frame for document ${name}, not ${spec.docName}`);
      return decoder;
    },
    addressLength: addressBytes.length,
  };
}
