import { useState } from 'react';

export function CopyLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="copy-link">
      <a href={href}>{href}</a>
      <button
        type="button"
        className="button ghost small"
        onClick={() => {
          void navigator.clipboard.writeText(href).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
