import { docFromVersionState } from '@specboard/doc/version-state';
import { versionContentOf as contentOf } from '@specboard/stored-doc';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { restoreInto, toBase64 } from './restore.ts';

function block(name: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

const paragraph = (text: string) => block('paragraph', text);

function heading(text: string): Y.XmlElement {
  const element = block('heading', text);
  element.setAttribute('level', '2');
  return element;
}

describe('restore round-trip', () => {
  it('brings back an old version as a new change that a second peer receives', () => {
    const live = new Y.Doc();
    const peer = new Y.Doc();
    live.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update));
    live.getXmlFragment('default').insert(0, [heading('Goals'), paragraph('Ship fast')]);
    const saved = contentOf(live);
    expect(saved.contentMd).toBe('## Goals\n\nShip fast');

    const fragment = live.getXmlFragment('default');
    fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph('Everything else')]);
    expect(contentOf(peer).contentMd).toBe('Everything else');

    restoreInto(live, saved.yState);
    expect(contentOf(live).contentMd).toBe('## Goals\n\nShip fast');
    expect(contentOf(peer).contentMd).toBe('## Goals\n\nShip fast');
    expect(contentOf(peer).contentJson).toEqual(saved.contentJson);
    expect(contentOf(docFromVersionState(saved.yState)).contentMd).toBe('## Goals\n\nShip fast');
  });

  it('encodes state as base64 that Node decodes back', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => i % 256);
    expect(Uint8Array.from(Buffer.from(toBase64(bytes), 'base64'))).toEqual(bytes);
  });
});
