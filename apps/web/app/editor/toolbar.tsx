import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';

interface ToolbarButton {
  label: string;
  title: string;
  active: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const buttons: ToolbarButton[] = [
  {
    label: 'B',
    title: 'Bold (Ctrl+B)',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'I',
    title: 'Italic (Ctrl+I)',
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'S',
    title: 'Strikethrough (Ctrl+Shift+S)',
    active: (e) => e.isActive('strike'),
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  {
    label: '<>',
    title: 'Inline code (Ctrl+E)',
    active: (e) => e.isActive('code'),
    run: (e) => e.chain().focus().toggleCode().run(),
  },
  {
    label: 'H1',
    title: 'Heading 1 (Ctrl+Alt+1)',
    active: (e) => e.isActive('heading', { level: 1 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run(),
  },
  {
    label: 'H2',
    title: 'Heading 2 (Ctrl+Alt+2)',
    active: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    label: 'H3',
    title: 'Heading 3 (Ctrl+Alt+3)',
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: '•',
    title: 'Bulleted list (Ctrl+Shift+8)',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: '1.',
    title: 'Numbered list (Ctrl+Shift+7)',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: '☑',
    title: 'Task list (Ctrl+Shift+9)',
    active: (e) => e.isActive('taskList'),
    run: (e) => e.chain().focus().toggleTaskList().run(),
  },
  {
    label: '❝',
    title: 'Quote (Ctrl+Shift+B)',
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: '{ }',
    title: 'Code block (Ctrl+Alt+C)',
    active: (e) => e.isActive('codeBlock'),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
  {
    label: '▦',
    title: 'Insert a 3×3 table',
    active: (e) => e.isActive('table'),
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
  {
    label: 'Link',
    title: 'Link (select text first)',
    active: (e) => e.isActive('link'),
    run: (e) => {
      const previous = e.getAttributes('link').href as string | undefined;
      const href = window.prompt('Link address (leave empty to remove)', previous ?? 'https://');
      if (href === null) return;
      if (href === '') e.chain().focus().extendMarkRange('link').unsetLink().run();
      else e.chain().focus().extendMarkRange('link').setLink({ href }).run();
    },
  },
];

export function Toolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => buttons.map((b) => b.active(e)),
  });
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map((button, index) => (
        <button
          key={button.title}
          type="button"
          className={active[index] ? 'tool active' : 'tool'}
          title={button.title}
          aria-label={button.title}
          aria-pressed={active[index] ?? false}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => button.run(editor)}
        >
          {button.label}
        </button>
      ))}
    </div>
  );
}
