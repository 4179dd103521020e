import { MENTION_NODE } from '@specboard/doc/document-mention';
import { Extension } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { ReactRenderer } from '@tiptap/react';
import Suggestion, { type SuggestionProps } from '@tiptap/suggestion';
import { commentsEndpoint, fetchCommentRights } from '../comments/comment-requests.ts';
import { MentionList, type MentionListHandle, type MentionListProps } from './mention-list.tsx';
import { type Person, type PickerItem, pickerItems } from './picker-items.ts';
import './mentions.css';

export interface MentionPickerOptions {
  orgId: string;
  documentId: string;
}

const pickerKey = new PluginKey('mentionPicker');

interface Roster {
  people: Person[];
  canInvite: boolean;
  problem: string | null;
}

/**
 * Typing `@` in the document opens a member picker (up/down/enter/escape) that inserts the
 * shared schema's mention node. Members and whether this person may invite come from the
 * comments panel's endpoint, which checks access on the server; they are fetched once per
 * editor. Who gets notified is decided by the server from the stored text, never from here.
 */
export const MentionPicker = Extension.create<MentionPickerOptions>({
  name: 'mentionPicker',

  addOptions() {
    return { orgId: '', documentId: '' };
  },

  addProseMirrorPlugins() {
    const { orgId, documentId } = this.options;
    let roster: Promise<Roster> | undefined;
    const loadRoster = () => {
      roster ??= fetchCommentRights(commentsEndpoint(orgId, documentId)).then(
        (rights) => ({ people: rights.people, canInvite: rights.canInvite, problem: null }),
        (error: unknown) => {
          roster = undefined;
          const reason = error instanceof Error ? error.message : String(error);
          return { people: [], canInvite: false, problem: `Members unavailable: ${reason}` };
        },
      );
      return roster;
    };
    let problem: string | null = null;

    return [
      Suggestion<PickerItem, Person>({
        editor: this.editor,
        pluginKey: pickerKey,
        char: '@',
        // An e-mail address typed after `@` is someone to invite.
        allowToIncludeChar: true,
        items: async ({ query }) => {
          const { people, canInvite, problem: failure } = await loadRoster();
          problem = failure;
          return pickerItems(people, query, canInvite);
        },
        command: ({ editor, range, props: person }) => {
          editor
            .chain()
            .focus()
            .insertContentAt(range, [
              { type: MENTION_NODE, attrs: { id: person.id, label: person.name } },
              { type: 'text', text: ' ' },
            ])
            .run();
        },
        render: () => {
          let list: ReactRenderer<MentionListHandle, MentionListProps> | undefined;
          let unmount: (() => void) | undefined;
          const propsOf = (props: SuggestionProps<PickerItem, Person>): MentionListProps => ({
            items: props.items,
            loading: props.loading,
            problem,
            orgId,
            choose: (person) => props.command(person),
          });
          return {
            onStart: (props) => {
              list = new ReactRenderer(MentionList, {
                editor: props.editor,
                props: propsOf(props),
              });
              unmount = props.mount(list.element);
            },
            onUpdate: (props) => list?.updateProps(propsOf(props)),
            onKeyDown: ({ event }) => list?.ref?.onKeyDown(event) ?? false,
            onExit: () => {
              unmount?.();
              list?.destroy();
              list = undefined;
            },
          };
        },
      }),
    ];
  },
});
