import { useEffect, useState } from 'react';
import { Link, useLoaderData } from 'react-router';
import * as Y from 'yjs';
import { boardLoader } from '../board/board.server.ts';
import { BoardSession } from '../board/board-session.ts';
import { BoardView } from '../board/board-view.tsx';
import { LiveBoard } from '../board/live-board.ts';
import type { Route } from './+types/board.ts';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Board · ${loaderData?.project.name ?? 'Project'} · Specboard` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  return boardLoader(request, params.orgId, params.projectId);
}

type BoardData = Awaited<ReturnType<typeof loader>>;

/**
 * One board document per page: its rows are rendered at once (on the server too), and the
 * websocket session opened in the browser takes over when it has synced.
 */
function Board({ data, orgId }: { data: BoardData; orgId: string }) {
  const [doc] = useState(() => new Y.Doc());
  const [live] = useState(() => new LiveBoard(doc, data.rows));
  const [session, setSession] = useState<BoardSession | null>(null);
  const { syncUrl, docName, token, user, project } = data;
  // One session per board and person; the session fetches fresh tokens itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new token must not reconnect
  useEffect(() => {
    const opened = new BoardSession({
      doc,
      syncUrl,
      orgId,
      projectId: project.id,
      docName,
      token,
      user,
    });
    setSession(opened);
    return () => opened.destroy();
  }, [doc, user.id]);
  useEffect(
    () => () => {
      live.destroy();
      doc.destroy();
    },
    [live, doc],
  );
  return <BoardView doc={doc} live={live} session={session} data={data} orgId={orgId} />;
}

export default function BoardPage({ params }: Route.ComponentProps) {
  const data = useLoaderData<typeof loader>();
  const { project } = data;
  return (
    <div className="page board-page">
      <header className="page-head">
        <div className="grow">
          <p className="crumbs">
            <Link to={`/orgs/${params.orgId}`}>Projects</Link> /{' '}
            <Link to={`/orgs/${params.orgId}/projects/${project.id}`}>{project.name}</Link>
          </p>
          <h1>Board</h1>
        </div>
      </header>
      <Board key={data.docName} data={data} orgId={params.orgId} />
    </div>
  );
}
